package dev.jcosign.core.blob;

import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.keys.DigestAlgorithm;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The blob named on the command line (spec §1.3 sign-blob / verify-blob rows): a file, {@code -} for
 * standard input, or (verify-blob with a Sigstore bundle only) {@code sha256|sha384|sha512:<hex>}, the digest of a
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

  /** A digest given instead of the blob ({@code sha256:}, {@code sha384:} or {@code sha512:}, keyless spec §1.9). */
  record DigestArtifact(DigestAlgorithm algorithm, byte[] digest) implements Artifact {
    public DigestArtifact {
      digest = digest.clone();
    }

    @Override
    public byte[] digest() {
      return digest.clone();
    }

    @Override
    public String name() {
      return algorithm + ":" + HexFormat.of().formatHex(digest);
    }
  }

  /**
   * Parses a command-line argument. As cosign, a digest form is taken only when no file of that name
   * exists; it must then have the hash's length in hex digits.
   */
  static Artifact parse(String arg) {
    if (arg == null || arg.isEmpty()) {
      throw new InvalidInputException("no artifact given: name a file, - for standard input, or sha256:<hex>");
    }
    if (arg.equals("-")) {
      return new StdinArtifact();
    }
    java.util.regex.Matcher m = DIGEST.matcher(arg);
    if (m.matches() && !java.nio.file.Files.exists(Path.of(arg))) {
      DigestAlgorithm alg = DigestAlgorithm.parse(m.group(1));
      int want = alg == DigestAlgorithm.SHA256 ? 64 : alg == DigestAlgorithm.SHA384 ? 96 : 128;
      String hex = m.group(2);
      if (hex.length() != want || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
        throw new InvalidInputException("invalid artifact digest \"" + arg + "\": expected " + alg + ": followed by "
            + want + " hex digits");
      }
      return new DigestArtifact(alg, HexFormat.of().parseHex(hex.toLowerCase(java.util.Locale.ROOT)));
    }
    return new FileArtifact(Path.of(arg));
  }

  /** Kept here so {@link #parse} stays a static interface method without a helper class. */
  Pattern DIGEST = Pattern.compile("(sha256|sha384|sha512):(.*)");
}
