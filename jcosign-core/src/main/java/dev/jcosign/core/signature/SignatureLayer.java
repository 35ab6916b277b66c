package dev.jcosign.core.signature;

import dev.jcosign.core.oci.Descriptor;
import dev.jcosign.core.oci.Digest;
import dev.jcosign.core.oci.MediaTypes;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One signature: a layer of the {@code .sig} image whose blob is the signed payload and whose
 * annotations carry the signature and its proofs (spec §3.2).
 */
public record SignatureLayer(Descriptor descriptor) {

  /** A new key-signed layer over {@code payload}. */
  public static SignatureLayer of(byte[] payload, byte[] signature, Map<String, String> extraAnnotations) {
    Map<String, String> a = new LinkedHashMap<>(extraAnnotations);
    a.put(CosignAnnotations.SIGNATURE, Base64.getEncoder().encodeToString(signature));
    return new SignatureLayer(new Descriptor(MediaTypes.SIMPLE_SIGNING, Digest.sha256(payload), payload.length, a, null));
  }

  /**
   * A new attestation layer: the DSSE envelope as blob, an empty signature annotation and the
   * predicate type (spec §3.2, §3.4).
   */
  public static SignatureLayer attestation(byte[] envelope, String predicateType) {
    return attestation(envelope, predicateType, Map.of());
  }

  /** As {@link #attestation(byte[], String)} plus proofs such as {@code dev.sigstore.cosign/bundle}. */
  public static SignatureLayer attestation(byte[] envelope, String predicateType, Map<String, String> extraAnnotations) {
    Map<String, String> a = new LinkedHashMap<>(extraAnnotations);
    a.put(CosignAnnotations.SIGNATURE, "");
    a.put(CosignAnnotations.PREDICATE_TYPE, predicateType);
    return new SignatureLayer(new Descriptor(MediaTypes.DSSE_ENVELOPE, Digest.sha256(envelope), envelope.length, a, null));
  }

  public Digest digest() {
    return descriptor.digest();
  }

  /** The base64 signature annotation; empty string when absent (attestation layers). */
  public String base64Signature() {
    return descriptor.annotations().getOrDefault(CosignAnnotations.SIGNATURE, "");
  }

  public Optional<String> annotation(String key) {
    return Optional.ofNullable(descriptor.annotations().get(key));
  }
}
