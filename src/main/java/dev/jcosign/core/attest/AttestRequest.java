package dev.jcosign.core.attest;

import dev.jcosign.core.oci.ImageReference;
import dev.jcosign.core.signature.SignatureLayout;

/**
 * What {@code attest} was asked to do (spec §1.3 attest row, §3.4).
 *
 * @param image the subject (a tag is resolved to its digest)
 * @param type the {@code --type} value: a name of the §3.4 table or a URI
 * @param predicate the predicate file's bytes
 * @param replace {@code --replace}: drop attestations of the same predicate type first
 * @param tlogUpload upload to the transparency log first (spec §6.3); nothing is pushed or written if that fails
 * @param layout where attestations are stored ({@code COSIGN_REPOSITORY})
 * @param dockerMediaTypes write Docker instead of OCI media types
 * @param maxLayerBytes cap on an existing layer read for {@code --replace}
 */
public record AttestRequest(
    ImageReference image,
    String type,
    byte[] predicate,
    boolean replace,
    boolean tlogUpload,
    SignatureLayout layout,
    boolean dockerMediaTypes,
    long maxLayerBytes) {

  public AttestRequest {
    predicate = predicate.clone();
  }

  @Override
  public byte[] predicate() {
    return predicate.clone();
  }
}
