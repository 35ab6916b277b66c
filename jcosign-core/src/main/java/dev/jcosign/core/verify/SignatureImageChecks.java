package dev.jcosign.core.verify;

import dev.jcosign.core.error.CosignException;
import dev.jcosign.core.error.NoMatchingSignatureException;
import dev.jcosign.core.error.NoSignaturesException;
import dev.jcosign.core.error.RegistryException;
import dev.jcosign.core.oci.Digest;
import dev.jcosign.core.oci.RawManifest;
import dev.jcosign.core.oci.Repository;
import dev.jcosign.core.signature.CosignAnnotations;
import dev.jcosign.core.signature.SignatureImage;
import dev.jcosign.core.signature.SignatureLayer;
import dev.jcosign.core.spi.Registry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Spec §4.4 over one signature image, wherever it came from (a registry tag or a saved layout):
 * at least one layer must pass {@link LayerChecks}, else "no matching signatures" with each distinct reason.
 */
final class SignatureImageChecks {
  private SignatureImageChecks() {}

  static List<VerifiedSignature> verify(Registry store, Optional<RawManifest> raw, String what, Repository sigRepo, Digest subject, VerifyRequest req) {
    if (raw.isEmpty()) {
      throw new NoSignaturesException("no signatures found");
    }
    SignatureImage image = SignatureImage.parse(raw.get(), what);
    if (image.layers().isEmpty()) {
      throw new NoSignaturesException("no signatures found");
    }
    if (!req.tlog().ignore() && image.layers().stream().anyMatch(l -> l.annotation(CosignAnnotations.BUNDLE).isPresent())) {
      req.tlog().root(); // a bad --trusted-root is the command's error, not a per-signature mismatch
    }
    LayerChecks checks = new LayerChecks(store, req, sigRepo, subject);
    List<VerifiedSignature> ok = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    int withoutCertificate = 0;
    for (SignatureLayer layer : image.layers()) {
      try {
        ok.add(checks.verify(layer));
      } catch (RegistryException e) {
        throw e; // the store is broken or lying: not a "no match" verdict
      } catch (dev.jcosign.core.error.NoCertificateException e) {
        withoutCertificate++;
        errors.add(e.getMessage());
      } catch (CosignException e) {
        errors.add(e.getMessage());
      }
    }
    if (ok.isEmpty() && withoutCertificate == image.layers().size()) {
      // keyless verification of key-signed signatures only: cosign's exit code 13 (spec §4.5)
      throw new dev.jcosign.core.error.NoCertificateException("no matching signatures: no certificate found on signature");
    }
    if (ok.isEmpty()) {
      throw new NoMatchingSignatureException("no matching signatures: " + String.join("; ", errors.stream().distinct().toList()));
    }
    return ok;
  }
}
