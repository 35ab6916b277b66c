package dev.jcosign.adapters.keyfile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcosign.core.error.KeyException;
import dev.jcosign.core.keys.DigestAlgorithm;
import dev.jcosign.core.keys.PublicKeys;
import dev.jcosign.core.keys.Signatures;
import dev.jcosign.core.spi.KeyRef;
import dev.jcosign.core.spi.PasswordSource;
import dev.jcosign.core.spi.Signer;
import dev.jcosign.testing.KeyVectors;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFileSignerProviderTest {
  private static final byte[] MESSAGE = "payload".getBytes(StandardCharsets.US_ASCII);
  @TempDir Path dir;

  private final AtomicInteger asked = new AtomicInteger();
  private final Map<String, String> env = Map.of(
      "MY_KEY", KeyVectors.text("keys/cosign-label_p256_pw-123.key"),
      "MY_PUB", KeyVectors.text("keys/cosign-label_p256_pw-123.pub"));
  private final KeyFileSignerProvider provider = new KeyFileSignerProvider(name -> Optional.ofNullable(env.get(name)));

  private PasswordSource password(String pw) {
    return confirm -> {
      asked.incrementAndGet();
      return pw.toCharArray();
    };
  }

  @Test
  void schemes() {
    assertEquals(java.util.Set.of("file", "env"), provider.schemes());
  }

  @Test
  void signerFromFile_signsVerifiably_andAsksPasswordOnce() {
    Path key = KeyVectors.copy("keys/sigstore-label_rsa4096_pw-123.key", dir);
    Signer signer = provider.signer(KeyRef.parse(key.toString()), password("123"));
    assertEquals(1, asked.get());
    assertArrayEquals(KeyVectors.bytes("keys/sigstore-label_rsa4096_pw-123.pub"), PublicKeys.toPem(signer.publicKey()));
    assertTrue(Signatures.verify(signer.publicKey(), MESSAGE, signer.sign(MESSAGE), DigestAlgorithm.SHA256));
  }

  @Test
  void signerFromFileUri() {
    Path key = KeyVectors.copy("keys/cosign-generated_p256_pw-empty.key", dir);
    Signer signer = provider.signer(KeyRef.parse("file://" + key), password(""));
    assertArrayEquals(KeyVectors.bytes("keys/cosign-generated_p256_pw-empty.pub"), PublicKeys.toPem(signer.publicKey()));
  }

  @Test
  void signerFromEnv() {
    Signer signer = provider.signer(KeyRef.parse("env://MY_KEY"), password("123"));
    assertArrayEquals(KeyVectors.bytes("keys/cosign-label_p256_pw-123.pub"), PublicKeys.toPem(signer.publicKey()));
    KeyException e = assertThrows(KeyException.class, () -> provider.signer(KeyRef.parse("env://NOPE"), password("123")));
    assertEquals("key reference env://NOPE: environment variable NOPE is not set", e.getMessage());
    assertEquals(1, asked.get());
  }

  @Test
  void publicKeyFromFileAndEnv_neverAsksPassword() {
    Path pub = KeyVectors.copy("keys/cosign-label_p256_pw-123.pub", dir);
    PublicKey fromFile = provider.publicKey(KeyRef.parse(pub.toString()));
    PublicKey fromEnv = provider.publicKey(KeyRef.parse("env://MY_PUB"));
    assertEquals(fromFile, fromEnv);
    assertEquals(0, asked.get());
  }

  @Test
  void publicKey_givenAnEncryptedPrivateKey_saysSo() {
    Path key = KeyVectors.copy("keys/cosign-label_p256_pw-123.key", dir);
    KeyException e = assertThrows(KeyException.class, () -> provider.publicKey(KeyRef.parse(key.toString())));
    assertEquals("loading public key " + key + ": expected a \"PUBLIC KEY\" PEM block, found \"ENCRYPTED COSIGN PRIVATE KEY\""
        + " (this is a private key; verification needs the .pub file)", e.getMessage());
  }

  @Test
  void signer_givenAPublicKey_failsBeforeAskingPassword() {
    Path pub = KeyVectors.copy("keys/cosign-label_p256_pw-123.pub", dir);
    KeyException e = assertThrows(KeyException.class, () -> provider.signer(KeyRef.parse(pub.toString()), password("x")));
    assertEquals("loading private key " + pub + ": unsupported pem type: PUBLIC KEY (this is a public key; signing needs the encrypted .key file)",
        e.getMessage());
    Path plain = KeyVectors.copy("import-key-pair/ec-p256_pkcs8_ACCEPT.pem", dir);
    e = assertThrows(KeyException.class, () -> provider.signer(KeyRef.parse(plain.toString()), password("x")));
    assertEquals("loading private key " + plain + ": unsupported pem type: PRIVATE KEY", e.getMessage());
    assertEquals(0, asked.get());
  }

  @Test
  void missingFileAndDirectory_failBeforeAskingPassword() {
    Path missing = dir.resolve("missing.key");
    KeyException e = assertThrows(KeyException.class, () -> provider.signer(KeyRef.parse(missing.toString()), password("x")));
    assertEquals("reading key file " + missing + ": no such file", e.getMessage());
    e = assertThrows(KeyException.class, () -> provider.publicKey(KeyRef.parse(dir.toString())));
    assertEquals("reading public key " + dir + ": is a directory", e.getMessage());
    assertEquals(0, asked.get());
  }

  @Test
  void wrongPassword_namesTheKey() {
    Path key = KeyVectors.copy("keys/cosign-label_p256_pw-hello.key", dir);
    KeyException e = assertThrows(KeyException.class, () -> provider.signer(KeyRef.parse(key.toString()), password("nope")));
    assertEquals("loading private key " + key + ": wrong password for private key: decrypt: encrypted: decryption failed", e.getMessage());
  }
}
