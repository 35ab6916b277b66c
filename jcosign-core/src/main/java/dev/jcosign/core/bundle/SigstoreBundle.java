package dev.jcosign.core.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcosign.core.keys.DigestAlgorithm;
import java.util.List;
import java.util.Optional;

/**
 * A Sigstore bundle (protobuf-specs {@code dev.sigstore.bundle.v1.Bundle}, spec §6.6) as read from
 * its protobuf-JSON form, versions 0.1 to 0.3. Transparency log entries are kept as the JSON they
 * were read from: their proofs are checked by the transparency-log code, which needs the exact
 * fields, not a model of them. Byte fields are copied in and out, so instances are immutable.
 *
 * @param mediaType the media type exactly as written
 * @param version {@code 0.1}, {@code 0.2} or {@code 0.3}
 * @param material keys, certificates, log entries and timestamps
 * @param messageSignature the signature over an artifact digest, when the content is one
 * @param dsseEnvelope the DSSE envelope, when the content is one
 */
public record SigstoreBundle(
    String mediaType,
    String version,
    VerificationMaterial material,
    Optional<MessageSignature> messageSignature,
    Optional<DsseEnvelope> dsseEnvelope) {

  /** The v0.3 media type cosign v3 writes. */
  public static final String MEDIA_TYPE_V03 = "application/vnd.dev.sigstore.bundle.v0.3+json";

  /**
   * What the bundle's key material and evidence are.
   *
   * @param publicKeyHint {@code publicKey.hint} (cosign: base64 SHA-256 of the PKIX DER), for key-signed bundles
   * @param certificate DER leaf certificate ({@code certificate.rawBytes}, v0.3)
   * @param certificateChain DER certificates of {@code x509CertificateChain}, leaf first (v0.1/v0.2)
   * @param tlogEntries the {@code tlogEntries} objects, untouched
   * @param rfc3161Timestamps DER TimeStampResp of each {@code rfc3161Timestamps[].signedTimestamp}
   */
  public record VerificationMaterial(
      Optional<String> publicKeyHint,
      Optional<byte[]> certificate,
      List<byte[]> certificateChain,
      List<JsonNode> tlogEntries,
      List<byte[]> rfc3161Timestamps) {

    public VerificationMaterial {
      certificate = certificate.map(byte[]::clone);
      certificateChain = certificateChain.stream().map(byte[]::clone).toList();
      tlogEntries = tlogEntries.stream().<JsonNode>map(JsonNode::deepCopy).toList();
      rfc3161Timestamps = rfc3161Timestamps.stream().map(byte[]::clone).toList();
    }

    /** Key-based material: only the hint, no log entry, no timestamp. */
    public static VerificationMaterial ofHint(String hint) {
      return new VerificationMaterial(Optional.of(hint), Optional.empty(), List.of(), List.of(), List.of());
    }

    @Override
    public Optional<byte[]> certificate() {
      return certificate.map(byte[]::clone);
    }

    @Override
    public List<byte[]> certificateChain() {
      return certificateChain.stream().map(byte[]::clone).toList();
    }

    @Override
    public List<JsonNode> tlogEntries() {
      return tlogEntries.stream().<JsonNode>map(JsonNode::deepCopy).toList();
    }

    @Override
    public List<byte[]> rfc3161Timestamps() {
      return rfc3161Timestamps.stream().map(byte[]::clone).toList();
    }

    /** True when a certificate (leaf or chain) identifies the signer, i.e. the bundle is keyless. */
    public boolean hasCertificate() {
      return certificate.isPresent() || !certificateChain.isEmpty();
    }
  }

  /**
   * A signature over an artifact digest ({@code messageSignature}).
   *
   * @param algorithm the hash of {@code messageDigest}
   * @param digest the artifact digest
   * @param signature the raw signature
   */
  public record MessageSignature(DigestAlgorithm algorithm, byte[] digest, byte[] signature) {
    public MessageSignature {
      digest = digest.clone();
      signature = signature.clone();
    }

    @Override
    public byte[] digest() {
      return digest.clone();
    }

    @Override
    public byte[] signature() {
      return signature.clone();
    }
  }

  /** A DSSE envelope ({@code dsseEnvelope}): payload type, decoded payload, signatures. */
  public record DsseEnvelope(String payloadType, byte[] payload, List<DsseSignature> signatures) {
    public DsseEnvelope {
      payload = payload.clone();
      signatures = List.copyOf(signatures);
    }

    @Override
    public byte[] payload() {
      return payload.clone();
    }
  }

  /** One DSSE signature: optional key id and raw signature bytes. */
  public record DsseSignature(String keyid, byte[] sig) {
    public DsseSignature {
      sig = sig.clone();
    }

    @Override
    public byte[] sig() {
      return sig.clone();
    }
  }
}
