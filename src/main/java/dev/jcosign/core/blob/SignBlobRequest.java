package dev.jcosign.core.blob;

import dev.jcosign.core.error.InvalidInputException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code sign-blob} was asked to do (spec §1.3 sign-blob row, §7).
 *
 * @param artifact the file or standard input to sign (never a digest)
 * @param tlogUpload upload to the transparency log first (spec §6.3); nothing is written if that fails
 * @param newBundleFormat write the Sigstore v0.3 bundle to {@code bundle} instead of the legacy outputs
 * @param bundle where the bundle goes (legacy JSON, or the Sigstore bundle with {@code newBundleFormat})
 * @param outputSignature file for the signature instead of standard output
 * @param base64 {@code --b64}: signature output base64-encoded (the default) rather than raw bytes
 * @param rfc3161Timestamp {@code --rfc3161-timestamp}: where the legacy outputs' RFC 3161 timestamp goes,
 *     as {@code {"SignedRFC3161Timestamp":"<b64 DER>"}} (spec §6.4); the v0.3 bundle holds its own
 */
public record SignBlobRequest(
    Artifact artifact,
    boolean tlogUpload,
    boolean newBundleFormat,
    Optional<Path> bundle,
    Optional<Path> outputSignature,
    boolean base64,
    Optional<Path> rfc3161Timestamp) {

  /** A request without {@code --rfc3161-timestamp}. */
  public SignBlobRequest(Artifact artifact, boolean tlogUpload, boolean newBundleFormat, Optional<Path> bundle,
      Optional<Path> outputSignature, boolean base64) {
    this(artifact, tlogUpload, newBundleFormat, bundle, outputSignature, base64, Optional.empty());
  }

  public SignBlobRequest {
    if (artifact instanceof Artifact.DigestArtifact) {
      throw new InvalidInputException("sign-blob signs a file or standard input, not a digest (" + artifact.name() + ")");
    }
    if (newBundleFormat && bundle.isEmpty()) {
      throw new InvalidInputException("--bundle is required with --new-bundle-format (the bundle is the only output)");
    }
    if (newBundleFormat && rfc3161Timestamp.isPresent()) {
      throw new InvalidInputException("--rfc3161-timestamp is for the legacy outputs; with --new-bundle-format the timestamp is in the bundle");
    }
  }
}
