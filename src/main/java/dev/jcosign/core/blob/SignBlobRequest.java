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
 */
public record SignBlobRequest(
    Artifact artifact,
    boolean tlogUpload,
    boolean newBundleFormat,
    Optional<Path> bundle,
    Optional<Path> outputSignature,
    boolean base64) {

  public SignBlobRequest {
    if (artifact instanceof Artifact.DigestArtifact) {
      throw new InvalidInputException("sign-blob signs a file or standard input, not a digest (" + artifact.name() + ")");
    }
    if (newBundleFormat && bundle.isEmpty()) {
      throw new InvalidInputException("--bundle is required with --new-bundle-format (the bundle is the only output)");
    }
  }
}
