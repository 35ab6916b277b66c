package dev.jcosign.core.keys;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcosign.core.error.KeyException;
import dev.jcosign.core.json.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;

/**
 * cosign's encrypted private-key file (spec §2.1): a PEM block whose body is JSON naming scrypt
 * (N, r=8, p=1, 32-byte salt) and NaCl secretbox (24-byte nonce), around the PKCS#8 DER of the key.
 */
public final class CosignEncryptedPrivateKey {
  /** Label written since cosign v2.0.1. */
  public static final String SIGSTORE_LABEL = "ENCRYPTED SIGSTORE PRIVATE KEY";
  /** Label of older files, still accepted on read. */
  public static final String COSIGN_LABEL = "ENCRYPTED COSIGN PRIVATE KEY";

  /** N written by cosign >= v2.2.0 (spec §2.1). */
  static final int WRITE_N = 65536;
  /** The only (N, r=8, p=1) triples cosign reads; anything else could make us allocate gigabytes. */
  private static final Set<Integer> ACCEPTED_N = Set.of(32768, 65536, 131072);
  private static final int R = 8;
  private static final int P = 1;
  private static final int SALT_LENGTH = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private CosignEncryptedPrivateKey() {}

  /** True for the two labels this format uses. */
  public static boolean isEncryptedKeyLabel(String label) {
    return SIGSTORE_LABEL.equals(label) || COSIGN_LABEL.equals(label);
  }

  /** Encrypts PKCS#8 DER with {@code password} (may be empty) into PEM bytes with the SIGSTORE label. */
  public static byte[] encrypt(byte[] pkcs8, char[] password) {
    byte[] salt = new byte[SALT_LENGTH];
    byte[] nonce = new byte[SecretBox.NONCE_LENGTH];
    RANDOM.nextBytes(salt);
    RANDOM.nextBytes(nonce);
    return encrypt(pkcs8, password, salt, nonce, WRITE_N);
  }

  static byte[] encrypt(byte[] pkcs8, char[] password, byte[] salt, byte[] nonce, int n) {
    byte[] key = deriveKey(password, salt, n);
    byte[] box;
    try {
      box = SecretBox.seal(key, nonce, pkcs8);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
    Base64.Encoder b64 = Base64.getEncoder();
    // written by hand so the key order is exactly cosign's (spec §2.1); values are base64 and ints
    String json = "{\"kdf\":{\"name\":\"scrypt\",\"params\":{\"N\":" + n + ",\"r\":" + R + ",\"p\":" + P + "},\"salt\":\""
        + b64.encodeToString(salt) + "\"},\"cipher\":{\"name\":\"nacl/secretbox\",\"nonce\":\"" + b64.encodeToString(nonce)
        + "\"},\"ciphertext\":\"" + b64.encodeToString(box) + "\"}";
    return new PemBlock(SIGSTORE_LABEL, json.getBytes(StandardCharsets.US_ASCII)).encode();
  }

  /** Decrypts a key file and parses the PKCS#8 plaintext. */
  public static PrivateKey decrypt(byte[] pem, char[] password) {
    byte[] der = decryptToPkcs8(pem, password);
    try {
      return PrivateKeys.fromPkcs8(der);
    } finally {
      Arrays.fill(der, (byte) 0);
    }
  }

  /** Decrypts a key file to its plaintext (PKCS#8 DER for well-formed files); the caller wipes it. */
  public static byte[] decryptToPkcs8(byte[] pem, char[] password) {
    PemBlock block = PemBlock.decode(pem);
    if (!isEncryptedKeyLabel(block.label())) {
      throw new KeyException("unsupported pem type: " + block.label());
    }
    Sealed s = Sealed.parse(block.bytes());
    byte[] key = deriveKey(password, s.salt, s.n);
    byte[] plain;
    try {
      plain = SecretBox.open(key, s.nonce, s.ciphertext);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
    if (plain == null) {
      // the Poly1305 tag cannot tell a wrong password from a damaged file; a wrong password is
      // by far the common case. cosign's own text is kept so users can search for it.
      throw new KeyException("wrong password for private key: decrypt: encrypted: decryption failed");
    }
    return plain;
  }

  private static byte[] deriveKey(char[] password, byte[] salt, int n) {
    byte[] pw = utf8(password);
    try {
      return Scrypt.derive(pw, salt, n, R, P, SecretBox.KEY_LENGTH);
    } catch (OutOfMemoryError e) {
      throw new KeyException("not enough memory for scrypt with N=" + n + " (needs " + (n / 1024) + " MiB of heap)");
    } finally {
      Arrays.fill(pw, (byte) 0);
    }
  }

  /** Password bytes as cosign sees them: the UTF-8 of the string. */
  static byte[] utf8(char[] password) {
    ByteBuffer bb = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
    byte[] out = new byte[bb.remaining()];
    bb.get(out);
    if (bb.hasArray()) {
      Arrays.fill(bb.array(), (byte) 0);
    }
    return out;
  }

  /** The parsed JSON body of a key file. */
  private record Sealed(int n, byte[] salt, byte[] nonce, byte[] ciphertext) {
    static Sealed parse(byte[] json) {
      JsonNode root;
      try {
        root = Json.mapper().readTree(json);
      } catch (IOException e) {
        throw new KeyException("invalid encrypted private key: malformed JSON");
      }
      if (root == null || !root.isObject()) {
        throw new KeyException("invalid encrypted private key: malformed JSON");
      }
      String kdf = text(root, "kdf", "name");
      if (!"scrypt".equals(kdf)) {
        throw new KeyException("invalid encrypted private key: unsupported kdf \"" + kdf + "\"");
      }
      String cipher = text(root, "cipher", "name");
      if (!"nacl/secretbox".equals(cipher)) {
        throw new KeyException("invalid encrypted private key: unsupported cipher \"" + cipher + "\"");
      }
      JsonNode params = root.path("kdf").path("params");
      JsonNode n = params.path("N");
      JsonNode r = params.path("r");
      JsonNode p = params.path("p");
      if (!n.isInt() || !r.isInt() || !p.isInt() || !ACCEPTED_N.contains(n.intValue()) || r.intValue() != R || p.intValue() != P) {
        throw new KeyException("invalid encrypted private key: unsupported scrypt parameters N=" + n + " r=" + r + " p=" + p);
      }
      byte[] salt = bytes(root, "kdf", "salt");
      byte[] nonce = bytes(root, "cipher", "nonce");
      if (nonce.length != SecretBox.NONCE_LENGTH) {
        throw new KeyException("invalid encrypted private key: nonce must be 24 bytes, got " + nonce.length);
      }
      byte[] ciphertext = bytes(root, null, "ciphertext");
      if (ciphertext.length < SecretBox.TAG_LENGTH) {
        throw new KeyException("invalid encrypted private key: ciphertext is truncated (" + ciphertext.length + " bytes)");
      }
      return new Sealed(n.intValue(), salt, nonce, ciphertext);
    }

    private static JsonNode field(JsonNode root, String parent, String name) {
      JsonNode node = parent == null ? root.path(name) : root.path(parent).path(name);
      if (!node.isTextual()) {
        throw new KeyException("invalid encrypted private key: missing field " + (parent == null ? "" : parent + ".") + name);
      }
      return node;
    }

    private static String text(JsonNode root, String parent, String name) {
      return field(root, parent, name).textValue();
    }

    private static byte[] bytes(JsonNode root, String parent, String name) {
      try {
        return Base64.getDecoder().decode(field(root, parent, name).textValue());
      } catch (IllegalArgumentException e) {
        throw new KeyException("invalid encrypted private key: bad base64 in " + (parent == null ? "" : parent + ".") + name);
      }
    }
  }
}
