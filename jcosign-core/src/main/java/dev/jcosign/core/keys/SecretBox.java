package dev.jcosign.core.keys;

import java.util.Arrays;
import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * NaCl {@code crypto_secretbox} (XSalsa20-Poly1305), the cipher of cosign key files (spec §2.1):
 * the first 32 keystream bytes are the one-time Poly1305 key, the message is XORed with the
 * keystream from byte 32 on, and the output is {@code tag(16) || ciphertext}.
 */
final class SecretBox {
  static final int KEY_LENGTH = 32;
  static final int NONCE_LENGTH = 24;
  static final int TAG_LENGTH = 16;

  private SecretBox() {}

  static byte[] seal(byte[] key, byte[] nonce, byte[] message) {
    XSalsa20Engine stream = stream(key, nonce);
    byte[] macKey = macKey(stream);
    byte[] out = new byte[TAG_LENGTH + message.length];
    stream.processBytes(message, 0, message.length, out, TAG_LENGTH);
    tag(macKey, out, out);
    Arrays.fill(macKey, (byte) 0);
    return out;
  }

  /** The message, or null when the tag does not match (wrong key or damaged box). */
  static byte[] open(byte[] key, byte[] nonce, byte[] box) {
    if (box.length < TAG_LENGTH) {
      return null;
    }
    XSalsa20Engine stream = stream(key, nonce);
    byte[] macKey = macKey(stream);
    byte[] expected = new byte[TAG_LENGTH];
    tag(macKey, box, expected);
    Arrays.fill(macKey, (byte) 0);
    if (!org.bouncycastle.util.Arrays.constantTimeAreEqual(TAG_LENGTH, expected, 0, box, 0)) {
      return null;
    }
    byte[] message = new byte[box.length - TAG_LENGTH];
    stream.processBytes(box, TAG_LENGTH, message.length, message, 0);
    return message;
  }

  private static XSalsa20Engine stream(byte[] key, byte[] nonce) {
    if (key.length != KEY_LENGTH || nonce.length != NONCE_LENGTH) {
      throw new IllegalArgumentException("secretbox needs a 32-byte key and a 24-byte nonce");
    }
    XSalsa20Engine e = new XSalsa20Engine();
    e.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
    return e;
  }

  private static byte[] macKey(XSalsa20Engine stream) {
    byte[] k = new byte[32];
    stream.processBytes(k, 0, k.length, k, 0);
    return k;
  }

  /** Poly1305 over {@code box[16..]} written into {@code out[0..16]}. */
  private static void tag(byte[] macKey, byte[] box, byte[] out) {
    Poly1305 mac = new Poly1305();
    mac.init(new KeyParameter(macKey));
    mac.update(box, TAG_LENGTH, box.length - TAG_LENGTH);
    mac.doFinal(out, 0);
  }
}
