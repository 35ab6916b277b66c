package dev.jcosign.core.attest;

import dev.jcosign.core.keys.DigestAlgorithm;
import dev.jcosign.core.signature.SignatureLayout;
import dev.jcosign.core.tlog.TlogPolicy;
import java.security.PublicKey;

/**
 * What {@code verify-attestation} checks for one image (spec §4.6).
 *
 * @param key the public key envelopes must verify with ({@code --key}), or empty for keyless
 * @param certificates the certificate policy of a keyless verification (keyless spec §1.8), or empty with a key
 * @param type the {@code --type} value as given (a name or URI; printed as given in errors)
 * @param checkClaims require a statement subject with the image digest
 * @param tlog {@code --insecure-ignore-tlog}, {@code --offline} and the trusted root (spec §4.4 step 3)
 * @param digestAlgorithm hash for the signature over PAE ({@code --signature-digest-algorithm})
 * @param layout where attestations are stored ({@code COSIGN_REPOSITORY})
 * @param maxLayerBytes cap on an envelope blob ({@code COSIGN_MAX_ATTACHMENT_SIZE})
 */
public record AttestationVerifyRequest(
    java.util.Optional<PublicKey> key,
    java.util.Optional<dev.jcosign.core.keyless.CertificatePolicy> certificates,
    String type,
    boolean checkClaims,
    TlogPolicy tlog,
    DigestAlgorithm digestAlgorithm,
    SignatureLayout layout,
    long maxLayerBytes) {

  public AttestationVerifyRequest {
    if (key.isPresent() == certificates.isPresent()) {
      throw new IllegalArgumentException("exactly one of a key and a certificate policy");
    }
  }
}
