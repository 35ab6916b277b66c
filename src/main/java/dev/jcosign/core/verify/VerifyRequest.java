package dev.jcosign.core.verify;

import dev.jcosign.core.keys.DigestAlgorithm;
import dev.jcosign.core.oci.ImageReference;
import dev.jcosign.core.signature.SignatureLayout;
import dev.jcosign.core.tlog.TlogPolicy;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;

/**
 * What {@code verify} was asked to check (spec §4.4).
 *
 * @param images references to verify, each independently
 * @param key the public key signatures must verify with
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
    PublicKey key,
    Map<String, String> annotations,
    boolean checkClaims,
    TlogPolicy tlog,
    DigestAlgorithm digestAlgorithm,
    SignatureLayout layout,
    int maxWorkers,
    long maxPayloadBytes) {

  public VerifyRequest {
    images = List.copyOf(images);
    annotations = Map.copyOf(annotations);
    if (maxWorkers < 1) {
      maxWorkers = 1;
    }
  }
}
