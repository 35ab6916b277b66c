package dev.jcosign.core.verify;

import dev.jcosign.core.error.ImageNotFoundException;
import dev.jcosign.core.error.RegistryException;
import dev.jcosign.core.oci.Descriptor;
import dev.jcosign.core.oci.ImageReference;
import dev.jcosign.core.oci.RawManifest;
import dev.jcosign.core.spi.Registry;
import dev.jcosign.core.signature.AttachmentStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The legacy {@code verify} use case (spec §4.4): for each image, fetch its {@code .sig} image and
 * accept it when at least one signature layer passes every check. Images are verified in parallel
 * (bounded by {@code --max-workers}) and reported in argument order.
 */
public final class ImageVerifier {
  private final Registry registry;

  public ImageVerifier(Registry registry) {
    this.registry = registry;
  }

  /** Verifies every image; failures are returned per image, never thrown. */
  public List<VerifiedImage> verify(VerifyRequest req) {
    int n = req.images().size();
    if (n == 1) {
      return List.of(verifyOne(req.images().get(0), req));
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(n, req.maxWorkers()), r -> {
      Thread t = new Thread(r, "jcosign-verify");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<VerifiedImage>> futures = new ArrayList<>();
      for (ImageReference ref : req.images()) {
        futures.add(pool.submit(() -> verifyOne(ref, req)));
      }
      List<VerifiedImage> out = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        out.add(await(futures.get(i), req.images().get(i)));
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  private static VerifiedImage await(Future<VerifiedImage> f, ImageReference ref) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new VerifiedImage(ref, null, null, new IllegalStateException("interrupted"));
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      return new VerifiedImage(ref, null, null, c instanceof RuntimeException r ? r : new IllegalStateException(c));
    }
  }

  private VerifiedImage verifyOne(ImageReference ref, VerifyRequest req) {
    try {
      ImageReference pinned = resolve(ref);
      // cosign v3 (cosign-spec §4.2): bundles attached as referrers first; only when there are none, the .sig tag
      AttachmentStore store = AttachmentStore.of(registry, req.layout(), dev.jcosign.core.spi.Progress.SILENT);
      List<AttachmentStore.Found> bundles = store.bundles(pinned);
      if (!bundles.isEmpty()) {
        return new VerifiedImage(ref, pinned, verifyBundles(ref, pinned, bundles, req), null);
      }
      return new VerifiedImage(ref, pinned, verifySignatures(store, pinned, req), null);
    } catch (RuntimeException e) {
      return new VerifiedImage(ref, null, null, e);
    }
  }

  private static List<VerifiedSignature> verifyBundles(ImageReference ref, ImageReference pinned,
      List<AttachmentStore.Found> bundles, VerifyRequest req) {
    List<VerifiedSignature> out = new ArrayList<>();
    for (BundleImageChecks.Verified v : BundleImageChecks.verify(bundles, pinned.digest(),
        dev.jcosign.core.sign.BundleImageSigner.SIGN_V1, req.key(), req.certificates(), req.tlog())) {
      byte[] payload = BundleImageChecks.outputPayload(ref.name(), pinned.digest(), v.statement());
      out.add(new VerifiedSignature(new dev.jcosign.core.signature.SignatureLayer(BundleImageChecks.referrerDescriptor(v.referrer())),
          payload, dev.jcosign.core.payload.SimpleSigningPayload.parse(payload), !req.tlog().ignore(), false));
    }
    return out;
  }

  private ImageReference resolve(ImageReference ref) {
    return dev.jcosign.core.signature.ImageResolver.pin(registry, ref);
  }

  private List<VerifiedSignature> verifySignatures(AttachmentStore store, ImageReference pinned, VerifyRequest req) {
    Optional<AttachmentStore.Attached> sigs = store.read(pinned, AttachmentStore.Kind.SIGNATURES);
    ImageReference at = sigs.map(AttachmentStore.Attached::location).orElse(store.tag(pinned, AttachmentStore.Kind.SIGNATURES));
    return SignatureImageChecks.verify(registry, sigs.map(AttachmentStore.Attached::raw), at.name(), at.repository(), pinned.digest(), req);
  }
}
