package dev.jcosign.core.blob;

import dev.jcosign.core.error.InvalidInputException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code sign-blob} was asked to do (spec §1.3 sign-blob row, §7).
 *
 * @param artifact the file or standard input to sign (never a digest)
 * @param options {@link Option}s: log, Sigstore bundle, base64
 * @param bundle where the bundle goes (legacy JSON, or the Sigstore bundle with {@code newBundleFormat})
 * @param outputSignature file for the signature instead of standard output
 * @param rfc3161Timestamp {@code --rfc3161-timestamp}: where the legacy outputs' RFC 3161 timestamp goes,
 *     as {@code {"SignedRFC3161Timestamp":"<b64 DER>"}} (spec §6.4); the v0.3 bundle holds its own
 */
public record SignBlobRequest(
    Artifact artifact,
    java.util.Set<Option> options,
    Optional<Path> bundle,
    Optional<Path> outputSignature,
    Optional<Path> rfc3161Timestamp) {

  /** The switches of a sign-blob run, named rather than a row of positional booleans (issue 10). */
  public enum Option {
    /** upload to the transparency log first (spec §6.3); nothing is written if that fails. */
    TLOG_UPLOAD,
    /** write the Sigstore v0.3 bundle to {@code bundle} instead of the legacy outputs. */
    SIGSTORE_BUNDLE,
    /** {@code --b64}: the legacy signature output base64-encoded (the default) rather than raw bytes. */
    BASE64
  }

  public boolean tlogUpload() {
    return options.contains(Option.TLOG_UPLOAD);
  }

  public boolean newBundleFormat() {
    return options.contains(Option.SIGSTORE_BUNDLE);
  }

  public boolean base64() {
    return options.contains(Option.BASE64);
  }

  @Override
  public java.util.Set<Option> options() {
    return options.isEmpty() ? java.util.EnumSet.noneOf(Option.class) : java.util.EnumSet.copyOf(options);
  }

  public SignBlobRequest {
    options = options.isEmpty() ? java.util.EnumSet.noneOf(Option.class) : java.util.EnumSet.copyOf(options);
    boolean newBundleFormat = options.contains(Option.SIGSTORE_BUNDLE);
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
