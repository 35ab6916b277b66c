package dev.jcosign.core.oci;

import dev.jcosign.core.error.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A content digest such as {@code sha256:<64 hex>}. Parsed once at the edge (style R2);
 * {@link #toString()} is the wire form.
 */
public record Digest(String algorithm, String hex) {
  private static final Pattern SHA256 = Pattern.compile("[a-f0-9]{64}");
  private static final Pattern SHA384 = Pattern.compile("[a-f0-9]{96}");
  private static final Pattern SHA512 = Pattern.compile("[a-f0-9]{128}");

  public Digest {
    Pattern p =
        switch (algorithm) {
          case "sha256" -> SHA256;
          case "sha384" -> SHA384;
          case "sha512" -> SHA512;
          default -> throw new InvalidInputException("unsupported digest algorithm: " + algorithm);
        };
    if (!p.matcher(hex).matches()) {
      throw new InvalidInputException("invalid " + algorithm + " digest: " + hex);
    }
  }

  /** Parses {@code alg:hex}; throws {@link InvalidInputException} naming the bad value. */
  public static Digest parse(String s) {
    int colon = s == null ? -1 : s.indexOf(':');
    if (colon <= 0) {
      throw new InvalidInputException("invalid digest \"" + s + "\": expected sha256:<hex>");
    }
    return new Digest(s.substring(0, colon), s.substring(colon + 1));
  }

  /** SHA-256 of the given bytes. */
  public static Digest sha256(byte[] content) {
    return new Digest("sha256", HexFormat.of().formatHex(sha256Bytes(content)));
  }

  public static Digest sha256(String utf8) {
    return sha256(utf8.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] sha256Bytes(byte[] content) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(content);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }

  /** The raw digest bytes. */
  public byte[] bytes() {
    return HexFormat.of().parseHex(hex);
  }

  /**
   * The attachment tag stem cosign derives from a digest: {@code sha256-<hex>} (spec §3.1).
   */
  public String tagStem() {
    return algorithm.toLowerCase(Locale.ROOT) + "-" + hex;
  }

  @Override
  public String toString() {
    return algorithm + ":" + hex;
  }
}
