package dev.jcosign.adapters.registry;

import dev.jcosign.core.oci.Digest;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Content digests in the algorithm a reference names (sha256, sha384 or sha512). */
final class Digests {
  private Digests() {}

  static Digest of(String algorithm, byte[] content) {
    String jca = switch (algorithm) {
      case "sha256" -> "SHA-256";
      case "sha384" -> "SHA-384";
      case "sha512" -> "SHA-512";
      default -> throw new IllegalArgumentException("unsupported digest algorithm " + algorithm);
    };
    try {
      return new Digest(algorithm, HexFormat.of().formatHex(MessageDigest.getInstance(jca).digest(content)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(jca + " missing from the JDK", e);
    }
  }
}
