package dev.jcosign.core.tuf;

import dev.jcosign.core.error.InvalidInputException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * {@code --root-checksum [sha256:|sha512:]HEX}: the expected digest of an initial TUF root (spec §1.3
 * {@code initialize}); SHA-256 when no algorithm is named, as cosign does.
 */
public record RootChecksum(String algorithm, String hex) {
  public RootChecksum {
    algorithm = algorithm.toLowerCase(Locale.ROOT);
    hex = hex.toLowerCase(Locale.ROOT);
  }

  /** Parses the flag value; {@link InvalidInputException} naming it when malformed. */
  public static RootChecksum parse(String value) {
    String[] parts = value.split(":", -1);
    if (parts.length > 2) {
      throw new InvalidInputException("wrong checksum input format, must have at most 1 colon: " + value);
    }
    String algorithm = parts.length == 2 ? parts[0].toLowerCase(Locale.ROOT) : "sha256";
    int hexLength = switch (algorithm) {
      case "sha256" -> 64;
      case "sha512" -> 128;
      default -> throw new InvalidInputException("unsupported checksum algorithm: " + parts[0]);
    };
    String hex = parts[parts.length - 1];
    if (hex.length() != hexLength || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      throw new InvalidInputException("invalid --root-checksum \"" + value + "\": expected " + hexLength
          + " hex digits of a " + algorithm + " digest");
    }
    return new RootChecksum(algorithm, hex);
  }

  /** Throws {@link InvalidInputException} unless {@code content} (read from {@code source}) has this digest. */
  public void check(byte[] content, String source) {
    String actual = HexFormat.of().formatHex(digest(content));
    if (!actual.equals(hex)) {
      throw new InvalidInputException("incorrect checksum for file " + source + ": expected " + hex + " but got " + actual);
    }
  }

  private byte[] digest(byte[] content) {
    try {
      return MessageDigest.getInstance(algorithm.equals("sha512") ? "SHA-512" : "SHA-256").digest(content);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
