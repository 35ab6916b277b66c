package dev.jcosign.core.verify;

import dev.jcosign.core.keys.DigestAlgorithm;
import dev.jcosign.core.oci.ImageReference;
import dev.jcosign.core.signature.SignatureLayout;
import dev.jcosign.core.tlog.TlogPolicy;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.jcosign.core.keyless.CertificatePolicy;

/**
 * What {@code verify} was asked to check (spec §4.4).
 *
 * @param images references to verify, each independently
 * @param key the public key signatures must verify with ({@code --key}), or empty for keyless
 * @param certificates the certificate policy of a keyless verification (keyless spec §1.8), or empty with a key
 * @param annotations {@code -a k=v} claims that must equal the payload's {@code optional} entries
 * @param checkClaims check the payload's digest (and annotations) against the image
 * @param tlog {@code --insecure-ignore-tlog}, {@code --offline} and the trusted root (spec §4.4 step 3)
 * @param digestAlgorithm {@code --signature-digest-algorithm} (sha224|sha256|sha384|sha512)
 * @param layout where signatures are stored ({@code COSIGN_REPOSITORY})
 * @param maxWorkers bound on images verified at once
 * @param maxPayloadBytes cap on a signature payload blob ({@code COSIGN_MAX_ATTACHMENT_SIZE})
 */
public record VerifyRequest(
    List<ImageReference> images,
    Optional<PublicKey> key,
    Optional<CertificatePolicy> certificates,
    Map<String, String> annotations,
    boolean checkClaims,
    TlogPolicy tlog,
    DigestAlgorithm digestAlgorithm,
    SignatureLayout layout,
    int maxWorkers,
    long maxPayloadBytes) {

  public VerifyRequest {
    if (key.isPresent() == certificates.isPresent()) {
      throw new IllegalArgumentException("exactly one of a key and a certificate policy");
    }
    images = List.copyOf(images);
    annotations = Map.copyOf(annotations);
    if (maxWorkers < 1) {
      maxWorkers = 1;
    }
  }
}
