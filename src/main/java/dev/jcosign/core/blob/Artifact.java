package dev.jcosign.core.blob;

import dev.jcosign.core.error.InvalidInputException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The blob named on the command line (spec §1.3 sign-blob / verify-blob rows): a file, {@code -} for
 * standard input, or (verify-blob with a Sigstore bundle only) {@code sha256:<hex>}, the digest of a
 * blob that is not at hand.
 */
public sealed interface Artifact {

  /** How the artifact is named in messages. */
  String name();

  /** A file, read as a stream. */
  record FileArtifact(Path path) implements Artifact {
    @Override
    public String name() {
      return path.toString();
    }
  }

  /** Standard input, read as a stream. */
  record StdinArtifact() implements Artifact {
    @Override
    public String name() {
      return "standard input";
    }
  }

  /** A SHA-256 digest given instead of the blob. */
  record DigestArtifact(byte[] sha256) implements Artifact {
    public DigestArtifact {
      sha256 = sha256.clone();
    }

    @Override
    public byte[] sha256() {
      return sha256.clone();
    }

    @Override
    public String name() {
      return "sha256:" + HexFormat.of().formatHex(sha256);
    }
  }

  /** Parses a command-line argument; {@code sha256:} must be followed by 64 hex digits. */
  static Artifact parse(String arg) {
    if (arg == null || arg.isEmpty()) {
      throw new InvalidInputException("no artifact given: name a file, - for standard input, or sha256:<hex>");
    }
    if (arg.equals("-")) {
      return new StdinArtifact();
    }
    if (arg.startsWith("sha256:")) {
      String hex = arg.substring("sha256:".length());
      if (!HEX64.matcher(hex).matches()) {
        throw new InvalidInputException("invalid artifact digest \"" + arg + "\": expected sha256: followed by 64 hex digits");
      }
      return new DigestArtifact(HexFormat.of().parseHex(hex.toLowerCase(java.util.Locale.ROOT)));
    }
    return new FileArtifact(Path.of(arg));
  }

  /** Kept here so {@link #parse} stays a static interface method without a helper class. */
  Pattern HEX64 = Pattern.compile("[0-9a-fA-F]{64}");
}
