package dev.jcosign.adapters.oidc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** PKCE S256 (RFC 7636) and the random state/nonce values of sigstore's flows (keyless spec §1.2 step 3). */
record Pkce(String verifier, String challenge) {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A 384-bit verifier, as sigstore's flow makes it, and its S256 challenge. */
  static Pkce create() {
    String v = random(48);
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(v.getBytes(StandardCharsets.US_ASCII));
      return new Pkce(v, Base64.getUrlEncoder().withoutPadding().encodeToString(h));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** URL-safe random text of {@code bytes} random bytes (state and nonce: 16 bytes, 128 bits). */
  static String random(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
