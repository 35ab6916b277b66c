package dev.jcosign.core.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

class SecretBoxTest {
  private static final byte[] KEY = range(32);
  private static final byte[] NONCE = range(24);
  private static final byte[] MESSAGE =
      "hello secretbox, this message spans more than one 64-byte salsa block!!".getBytes(StandardCharsets.US_ASCII);
  /** libsodium {@code crypto_secretbox_easy(MESSAGE, NONCE, KEY)} via PyNaCl 1.5.0: tag || ciphertext. */
  private static final String LIBSODIUM =
      "7c2ecac7acd891b0d71740f069560aa4369a5423a8ead175d84eea4a0ae032bb72d12eb6ff05528a64d106f330e7d291e2b586f528df876799f988f81446c42d46615eabdef5a53bd93f54dc7612f6d5beec907a6e37e8";

  @Test
  void seal_matchesLibsodium() {
    assertEquals(LIBSODIUM, Hex.toHexString(SecretBox.seal(KEY, NONCE, MESSAGE)));
  }

  @Test
  void open_libsodiumBox() {
    assertArrayEquals(MESSAGE, SecretBox.open(KEY, NONCE, Hex.decode(LIBSODIUM)));
  }

  @Test
  void open_rejectsTamperingWrongKeyAndShortInput() {
    byte[] box = Hex.decode(LIBSODIUM);
    byte[] tampered = box.clone();
    tampered[20] ^= 1;
    assertNull(SecretBox.open(KEY, NONCE, tampered));
    byte[] badTag = box.clone();
    badTag[0] ^= 1;
    assertNull(SecretBox.open(KEY, NONCE, badTag));
    byte[] otherKey = KEY.clone();
    otherKey[31] ^= 1;
    assertNull(SecretBox.open(otherKey, NONCE, box));
    assertNull(SecretBox.open(KEY, NONCE, new byte[15]));
  }

  @Test
  void emptyMessage_roundTrips() {
    byte[] box = SecretBox.seal(KEY, NONCE, new byte[0]);
    assertEquals(16, box.length);
    assertArrayEquals(new byte[0], SecretBox.open(KEY, NONCE, box));
  }

  private static byte[] range(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) i;
    }
    return b;
  }
}
