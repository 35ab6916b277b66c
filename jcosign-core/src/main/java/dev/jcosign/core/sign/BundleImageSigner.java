package dev.jcosign.core.sign;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.json.Json;
import dev.jcosign.core.keyless.KeylessIdentity;
import dev.jcosign.core.keys.KeyFiles;
import dev.jcosign.core.oci.Descriptor;
import dev.jcosign.core.oci.Digest;
import dev.jcosign.core.oci.ImageReference;
import dev.jcosign.core.signature.AttachmentStore;
import dev.jcosign.core.signature.SignatureLayout;
import dev.jcosign.core.spi.Progress;
import dev.jcosign.core.spi.Registry;
import dev.jcosign.core.spi.Signer;
import dev.jcosign.core.timestamp.Timestamper;
import dev.jcosign.core.tlog.TlogUploader;
import dev.jcosign.core.tlog.TrustedRoot;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * cosign v3's image signing (cosign-spec §3.5-3.6, keyless spec §1.4-1.5): an in-toto statement about the
 * image signed as DSSE, logged ({@code dsse}) and timestamped, written as a Sigstore bundle v0.3 and
 * attached to the image as an OCI referrer (with the fallback index where the registry has no referrers
 * API). {@code sign} signs the {@code https://sigstore.dev/cosign/sign/v1} statement; {@code attest} its
 * predicate's. Nothing is pushed when any step fails, and earlier signatures are never touched.
 */
public final class BundleImageSigner {
  /** The predicate type of cosign v3's image signatures. */
  public static final String SIGN_V1 = "https://sigstore.dev/cosign/sign/v1";

  private final Registry registry;
  private final Progress progress;
  private final TlogUploader tlog;
  private final Timestamper timestamper;
  private final Clock clock;

  public BundleImageSigner(Registry registry, Progress progress, TlogUploader tlog, Timestamper timestamper, Clock clock) {
    this.registry = registry;
    this.progress = progress;
    this.tlog = tlog;
    this.timestamper = timestamper;
    this.clock = clock;
  }

  /**
   * What to do with each image.
   *
   * @param statement the statement for a pinned image (repository name, digest)
   * @param predicateType the statement's predicate type, for the referrer's annotation
   * @param upload attach the bundle to the image ({@code --upload})
   * @param bundleFile also write the bundle to this file ({@code --bundle}, the last image's with several)
   */
  public record Job(List<ImageReference> images, BiFunction<String, Digest, byte[]> statement, String predicateType,
      boolean upload, boolean tlogUpload, Optional<Path> bundleFile, SignatureLayout layout) {
    public Job {
      images = List.copyOf(images);
      if (!upload && bundleFile.isEmpty()) {
        throw new InvalidInputException("with the new bundle format, --upload=false needs --bundle FILE (the bundle would go nowhere)");
      }
    }
  }

  /** The v1 statement of {@code sign}: no subject name, the {@code -a} annotations, an empty predicate (cosign-spec §3.5). */
  public static byte[] signStatement(Digest digest, Map<String, String> annotations) {
    ObjectNode st = Json.object();
    st.put("_type", "https://in-toto.io/Statement/v1");
    ObjectNode subject = st.putArray("subject").addObject();
    subject.putObject("digest").put(digest.algorithm(), digest.hex());
    ObjectNode a = subject.putObject("annotations");
    annotations.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> a.put(e.getKey(), e.getValue()));
    st.put("predicateType", SIGN_V1);
    st.putObject("predicate");
    return Json.write(st);
  }

  /** Signs each image with a key. */
  public void run(Job job, Signer signer) {
    run(job, signer, null, null);
  }

  /** Keyless: the bundles carry the Fulcio leaf and are checked against {@code root} before anything is pushed. */
  public void runKeyless(Job job, KeylessIdentity identity, TrustedRoot root) {
    run(job, identity.signer(), identity, root);
  }

  private void run(Job job, Signer signer, KeylessIdentity keyless, TrustedRoot root) {
    for (ImageReference ref : job.images()) {
      Descriptor subject = resolve(ref);
      ImageReference pinned = ref.withDigest(subject.digest());
      byte[] statement = job.statement().apply(pinned.repository().name(), subject.digest());
      byte[] bundle = new dev.jcosign.core.attest.DsseBundles(tlog, timestamper).make(statement, signer, keyless, root,
          job.tlogUpload());
      if (job.bundleFile().isPresent()) {
        KeyFiles.write(job.bundleFile().get(), bundle, KeyFiles.OWNER_ONLY);
        progress.info("Wrote bundle to file " + job.bundleFile().get());
      }
      if (job.upload()) {
        AttachmentStore.of(registry, job.layout(), progress).attachBundle(subject, pinned.repository(), bundle,
            job.predicateType(), clock.instant());
      }
    }
  }

  private Descriptor resolve(ImageReference ref) {
    if (!ref.hasDigest()) {
      progress.warn(ref.tagWarning());
    }
    // the referrer's subject needs the manifest's media type and size, so even a digest is looked up
    return dev.jcosign.core.signature.ImageResolver.describe(registry, ref);
  }
}
