package dev.jcosign.core.sign;

import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;

/** The digest a key signs with in v2.6+/v3 (spec §2.3): SHA-384 for P-384, SHA-512 for P-521, else SHA-256. */
final class KeyHash {
  private KeyHash() {}

  static String forKey(PublicKey key) {
    if (key instanceof ECPublicKey ec) {
      int bits = ec.getParams().getCurve().getField().getFieldSize();
      return bits > 384 ? "sha512" : bits > 256 ? "sha384" : "sha256";
    }
    return "sha256";
  }
}
