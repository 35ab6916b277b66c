package dev.jcosign.core.blob;

import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.keyless.CertificatePolicy;
import dev.jcosign.core.keys.DigestAlgorithm;
import dev.jcosign.core.tlog.TlogPolicy;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.Optional;
import dev.jcosign.core.timestamp.TimestampAnnotation;

/**
 * What {@code verify-blob} was asked to check (spec §4.7).
 *
 * @param artifact the blob (file or standard input), or {@code sha256:<hex>} with a Sigstore bundle
 * @param key the public key the signature must verify with ({@code --key}), or empty for keyless
 * @param certificates the certificate policy of a keyless verification (keyless spec §1.7), or empty with a key
 * @param material the signature or bundle
 * @param tlog {@code --insecure-ignore-tlog}, {@code --offline} and the trusted root (spec §4.7, §4.3 step 4)
 * @param legacyDigest {@code --signature-digest-algorithm}: the hash for detached signatures and
 *     legacy bundles (default SHA-256 whatever the curve, spec §2.3); Sigstore bundles name their own
 * @param timestamps DER {@code TimeStampResp}s given apart from the material ({@code --rfc3161-timestamp})
 * @param attestation {@code verify-blob-attestation}: the bundle must hold a DSSE statement, of this predicate
 *     type URI when one is given
 */
public record VerifyBlobRequest(
    Artifact artifact, Optional<PublicKey> key, Optional<CertificatePolicy> certificates, BlobMaterial material, TlogPolicy tlog, DigestAlgorithm legacyDigest,
    List<byte[]> timestamps, Optional<Optional<String>> attestation) {

  /** A {@code verify-blob} request (not an attestation). */
  public VerifyBlobRequest(Artifact artifact, Optional<PublicKey> key, Optional<CertificatePolicy> certificates, BlobMaterial material,
      TlogPolicy tlog, DigestAlgorithm legacyDigest, List<byte[]> timestamps) {
    this(artifact, key, certificates, material, tlog, legacyDigest, timestamps, Optional.empty());
  }

  /** A key-based request without {@code --rfc3161-timestamp}. */
  public VerifyBlobRequest(Artifact artifact, PublicKey key, BlobMaterial material, TlogPolicy tlog, DigestAlgorithm legacyDigest) {
    this(artifact, Optional.of(key), Optional.empty(), material, tlog, legacyDigest, List.of());
  }

  public VerifyBlobRequest {
    if (key.isPresent() == certificates.isPresent()) {
      throw new IllegalArgumentException("exactly one of a key and a certificate policy");
    }
    timestamps = timestamps.stream().map(byte[]::clone).toList();
    if (artifact instanceof Artifact.DigestArtifact && !(material instanceof BlobMaterial.Bundle)) {
      throw new InvalidInputException("an artifact digest (" + artifact.name()
          + ") can only be verified with a Sigstore bundle (sign-blob --new-bundle-format); give the file instead");
    }
  }

  /** Reads the material from {@code --bundle} or else {@code --signature}; exactly one must be given. */
  public static BlobMaterial material(Optional<Path> bundle, Optional<String> signature) {
    if (bundle.isPresent() && signature.isPresent()) {
      throw new InvalidInputException("give either --bundle or --signature, not both");
    }
    if (bundle.isPresent()) {
      return BlobMaterial.fromBundleFile(bundle.get());
    }
    return BlobMaterial.fromSignatureArgument(signature.filter(s -> !s.isEmpty())
        .orElseThrow(() -> new InvalidInputException("either --signature or --bundle is required to verify a blob")));
  }

  /**
   * Reads a {@code --rfc3161-timestamp} file: cosign's {@code {"SignedRFC3161Timestamp":"<b64 DER>"}}
   * (spec §6.4), the DER {@code TimeStampResp} returned.
   */
  public static byte[] timestampFile(Path file) {
    String text = new String(dev.jcosign.core.io.SmallFiles.read(file, dev.jcosign.core.io.SmallFiles.KEY_OR_CERTIFICATE,
        "cannot read --rfc3161-timestamp " + file), java.nio.charset.StandardCharsets.UTF_8);
    try {
      return TimestampAnnotation.read(text);
    } catch (RuntimeException e) {
      throw new InvalidInputException("--rfc3161-timestamp " + file + ": " + e.getMessage());
    }
  }

  /** Parses the artifact argument ({@code FILE}, {@code -} or {@code sha256:<hex>}). */
  public static Artifact artifact(String arg) {
    return Artifact.parse(arg);
  }
}
