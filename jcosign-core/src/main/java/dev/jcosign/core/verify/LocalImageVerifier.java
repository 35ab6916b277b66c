package dev.jcosign.core.verify;

import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.error.NoSignaturesException;
import dev.jcosign.core.layout.SavedImage;
import dev.jcosign.core.oci.Descriptor;
import dev.jcosign.core.oci.Digest;
import dev.jcosign.core.spi.ImageLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code verify --local-image} (spec §1.3 verify, §4.2): the same legacy checks as {@link
 * ImageVerifier}, on the image and {@code .sig} image a {@code save} wrote into an OCI layout. Only
 * the saved image itself is verified (not the children of an index), and nothing is fetched from a
 * registry; {@code COSIGN_REPOSITORY} plays no part.
 */
public final class LocalImageVerifier {

  /** Verifies each layout in order; failures are returned per layout, never thrown. {@code req.images()} is ignored. */
  public List<VerifiedLocalImage> verify(List<ImageLayout> layouts, VerifyRequest req) {
    List<VerifiedLocalImage> out = new ArrayList<>();
    for (ImageLayout layout : layouts) {
      try {
        out.add(verifyOne(layout, req));
      } catch (NoSignaturesException | dev.jcosign.core.error.NoMatchingSignatureException e) {
        // cosign maps exit codes 10-13 only for remote images; a local image fails with 1
        out.add(new VerifiedLocalImage(layout.location(), null, null,
            new dev.jcosign.core.error.VerificationException(e.getMessage(), e)));
        break;
      } catch (RuntimeException e) {
        out.add(new VerifiedLocalImage(layout.location(), null, null, e));
        break; // the command stops at the first failure; later layouts would not be reported
      }
    }
    return out;
  }

  private static VerifiedLocalImage verifyOne(ImageLayout layout, VerifyRequest req) {
    SavedImage saved;
    try {
      saved = SavedImage.read(layout);
    } catch (InvalidInputException e) {
      throw new InvalidInputException(e.getMessage() + " (--local-image takes a directory written by save)", e);
    }
    Digest subject = saved.subject().digest();
    // reading checks that the manifest hashes to the digest the signatures are matched against
    if (layout.getManifest(SavedImage.ref(subject)).isEmpty()) {
      throw new InvalidInputException(missing(layout, subject));
    }
    // bundles saved as referrers are verified first, as for a registry (cosign-spec §4.2)
    var bundles = dev.jcosign.core.signature.AttachmentStore.of(layout, dev.jcosign.core.signature.SignatureLayout.standard(),
        dev.jcosign.core.spi.Progress.SILENT).bundles(dev.jcosign.core.oci.ImageReference.of(SavedImage.REPOSITORY, subject));
    if (!bundles.isEmpty()) {
      java.util.List<VerifiedSignature> ok = new java.util.ArrayList<>();
      for (BundleImageChecks.Verified v : BundleImageChecks.verify(bundles, subject, dev.jcosign.core.sign.BundleImageSigner.SIGN_V1,
          req.key(), req.certificates(), req.tlog())) {
        byte[] payload = BundleImageChecks.outputPayload(layout.location(), subject, v.statement());
        ok.add(new VerifiedSignature(new dev.jcosign.core.signature.SignatureLayer(BundleImageChecks.referrerDescriptor(v.referrer())),
            payload, dev.jcosign.core.payload.SimpleSigningPayload.parse(payload), !req.tlog().ignore(), false));
      }
      return new VerifiedLocalImage(layout.location(), subject, ok, null);
    }
    Descriptor sigs = saved.signatures().orElseThrow(() ->
        new NoSignaturesException("no signatures associated with the image saved in " + layout.location()));
    String what = layout.location() + "@" + sigs.digest();
    var raw = layout.getManifest(SavedImage.ref(sigs.digest()));
    if (raw.isEmpty()) {
      throw new InvalidInputException(missing(layout, sigs.digest()));
    }
    return new VerifiedLocalImage(layout.location(), subject,
        SignatureImageChecks.verify(layout, raw, what, SavedImage.REPOSITORY, subject, req), null);
  }

  private static String missing(ImageLayout layout, Digest d) {
    return "index.json of " + layout.location() + " lists " + d + " but its blob is missing";
  }
}
