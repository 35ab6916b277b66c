package dev.jcosign.core.keys;

import dev.jcosign.core.error.InvalidInputException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.util.Locale;

/**
 * A hash for signatures: the values of {@code --signature-digest-algorithm} (spec §1.3, §2.3),
 * which legacy key verification uses regardless of the key's curve.
 */
public enum DigestAlgorithm {
  SHA224("sha224", "SHA-224", "SHA224"),
  SHA256("sha256", "SHA-256", "SHA256"),
  SHA384("sha384", "SHA-384", "SHA384"),
  SHA512("sha512", "SHA-512", "SHA512");

  private final String flagName;
  private final String jdkName;
  private final String signaturePrefix;

  DigestAlgorithm(String flagName, String jdkName, String signaturePrefix) {
    this.flagName = flagName;
    this.jdkName = jdkName;
    this.signaturePrefix = signaturePrefix;
  }

  /** Parses {@code sha224|sha256|sha384|sha512} (case-insensitive). */
  public static DigestAlgorithm parse(String s) {
    for (DigestAlgorithm d : values()) {
      if (d.flagName.equals(s == null ? "" : s.toLowerCase(Locale.ROOT))) {
        return d;
      }
    }
    throw new InvalidInputException("unsupported digest algorithm \"" + s + "\": use sha224, sha256, sha384 or sha512");
  }

  /**
   * The hash cosign v3 signs with for this key (spec §2.3): SHA-384 for P-384, SHA-512 for P-521,
   * SHA-256 otherwise (Ed25519ph always prehashes with SHA-512 whatever this says).
   */
  public static DigestAlgorithm defaultFor(PublicKey key) {
    if (key instanceof ECPublicKey ec) {
      int bits = ec.getParams().getCurve().getField().getFieldSize();
      return bits == 384 ? SHA384 : bits == 521 ? SHA512 : SHA256;
    }
    return SHA256;
  }

  /** The flag spelling, e.g. {@code sha256}. */
  public String flagName() {
    return flagName;
  }

  /** The JCA {@code MessageDigest} name, e.g. {@code SHA-256}. */
  public String jdkName() {
    return jdkName;
  }

  /** The digest of {@code data} with this hash. */
  public byte[] digest(byte[] data) {
    try {
      return java.security.MessageDigest.getInstance(jdkName).digest(data);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  String signatureAlgorithm(String keyAlgorithm) {
    return signaturePrefix + "with" + keyAlgorithm;
  }

  @Override
  public String toString() {
    return flagName;
  }
}
