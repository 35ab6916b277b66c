package dev.jcosign.core.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcosign.core.error.KeyException;
import dev.jcosign.testing.KeyVectors;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CosignEncryptedPrivateKeyTest {
  private static final String HELLO_KEY = "keys/sigstore-label_p256_pw-hello.key";

  @ParameterizedTest
  @CsvSource({
    "sigstore-label_p256_pw-hello, hello, EC",
    "cosign-label_p256_pw-hello, hello, EC",
    "cosign-generated_p256_pw-empty, '', EC",
    "cosign-label_p256_pw-123, 123, EC",
    "sigstore-label_rsa4096_pw-123, 123, RSA"
  })
  void vectors_decryptWithTheirPassword_andGiveTheirPublicKey(String name, String password, String algorithm) {
    PrivateKey key = CosignEncryptedPrivateKey.decrypt(KeyVectors.bytes("keys/" + name + ".key"), password.toCharArray());
    assertEquals(algorithm, key.getAlgorithm());
    assertEquals(KeyVectors.text("keys/" + name + ".pub"),
        new String(PublicKeys.toPem(PrivateKeys.publicKeyOf(key)), StandardCharsets.US_ASCII));
  }

  @ParameterizedTest
  @CsvSource({
    "sigstore-label_p256_pw-hello, hello2",
    "cosign-label_p256_pw-hello, ''",
    "cosign-generated_p256_pw-empty, ' '",
    "cosign-label_p256_pw-123, 1234",
    "sigstore-label_rsa4096_pw-123, hello"
  })
  void vectors_wrongPasswordFails(String name, String password) {
    KeyException e = assertThrows(KeyException.class,
        () -> CosignEncryptedPrivateKey.decrypt(KeyVectors.bytes("keys/" + name + ".key"), password.toCharArray()));
    assertTrue(e.getMessage().contains("wrong password"), e.getMessage());
    assertTrue(e.getMessage().contains("decrypt: encrypted: decryption failed"), e.getMessage());
  }

  @Test
  void sec1Plaintext_mustFail() {
    KeyException e = assertThrows(KeyException.class, () -> CosignEncryptedPrivateKey.decrypt(
        KeyVectors.bytes("keys/cosign-label_sec1-plaintext_pw-hello_MUST-FAIL.key"), "hello".toCharArray()));
    assertEquals("parsing private key: not a PKCS#8 private key", e.getMessage());
  }

  @Test
  void encrypt_writesCosignLayout_andRoundTrips() {
    KeyPair pair = KeyGeneration.p256();
    byte[] pkcs8 = PrivateKeys.toPkcs8(pair.getPrivate());
    byte[] pem = CosignEncryptedPrivateKey.encrypt(pkcs8.clone(), "s3cret".toCharArray());
    String text = new String(pem, StandardCharsets.US_ASCII);
    assertTrue(text.startsWith("-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\n"), text);
    assertTrue(text.endsWith("\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n"), text);
    String[] lines = text.split("\n");
    for (int i = 1; i < lines.length - 1; i++) {
      assertTrue(lines[i].length() == 64 || i == lines.length - 2, "line " + i + " has " + lines[i].length() + " chars");
    }
    String json = new String(PemBlock.decode(pem).bytes(), StandardCharsets.US_ASCII);
    assertTrue(json.matches("\\{\"kdf\":\\{\"name\":\"scrypt\",\"params\":\\{\"N\":65536,\"r\":8,\"p\":1\\},\"salt\":\"[A-Za-z0-9+/]{43}=\"\\},"
        + "\"cipher\":\\{\"name\":\"nacl/secretbox\",\"nonce\":\"[A-Za-z0-9+/]{32}\"\\},\"ciphertext\":\"[A-Za-z0-9+/]+=*\"\\}"), json);
    assertArrayEquals(pkcs8, CosignEncryptedPrivateKey.decryptToPkcs8(pem, "s3cret".toCharArray()));
    assertEquals(pair.getPublic(), PrivateKeys.publicKeyOf(CosignEncryptedPrivateKey.decrypt(pem, "s3cret".toCharArray())));
  }

  @Test
  void emptyPassword_stillEncrypts() {
    byte[] pkcs8 = PrivateKeys.toPkcs8(KeyGeneration.p256().getPrivate());
    byte[] pem = CosignEncryptedPrivateKey.encrypt(pkcs8.clone(), new char[0]);
    assertArrayEquals(pkcs8, CosignEncryptedPrivateKey.decryptToPkcs8(pem, new char[0]));
    assertThrows(KeyException.class, () -> CosignEncryptedPrivateKey.decrypt(pem, " ".toCharArray()));
  }

  @Test
  void nonAsciiPassword_isUtf8() {
    byte[] pkcs8 = PrivateKeys.toPkcs8(KeyGeneration.p256().getPrivate());
    byte[] salt = new byte[32];
    byte[] nonce = new byte[24];
    byte[] pem = CosignEncryptedPrivateKey.encrypt(pkcs8.clone(), "pässwörd".toCharArray(), salt, nonce, 32768);
    assertArrayEquals(pkcs8, CosignEncryptedPrivateKey.decryptToPkcs8(pem, "pässwörd".toCharArray()));
  }

  @ParameterizedTest
  @CsvSource({"131072", "32768"})
  void otherAcceptedN_decrypt(int n) {
    byte[] pkcs8 = PrivateKeys.toPkcs8(KeyGeneration.p256().getPrivate());
    byte[] pem = CosignEncryptedPrivateKey.encrypt(pkcs8.clone(), "pw".toCharArray(), new byte[32], new byte[24], n);
    assertArrayEquals(pkcs8, CosignEncryptedPrivateKey.decryptToPkcs8(pem, "pw".toCharArray()));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "\"N\":32768|\"N\":16384",
    "\"N\":32768|\"N\":1048576",
    "\"r\":8|\"r\":4",
    "\"p\":1|\"p\":2",
    "\"N\":32768|\"N\":\"32768\""
  })
  void badScryptParameters_rejected(String from, String to) {
    assertError("unsupported scrypt parameters", json -> json.replace(from, to));
  }

  @Test
  void unknownKdfOrCipher_rejected() {
    assertError("unsupported kdf \"argon2\"", json -> json.replace("\"scrypt\"", "\"argon2\""));
    assertError("unsupported cipher \"aes-gcm\"", json -> json.replace("\"nacl/secretbox\"", "\"aes-gcm\""));
  }

  @Test
  void truncatedCiphertext_rejected() {
    assertError("ciphertext is truncated (8 bytes)", json -> json.replaceAll("\"ciphertext\":\"[^\"]*\"", "\"ciphertext\":\"AAAAAAAAAAA=\""));
  }

  @Test
  void ciphertextMissingItsLastBytes_failsAsDecryption() {
    assertError("decrypt: encrypted: decryption failed", json -> {
      int i = json.indexOf("\"ciphertext\":\"") + 14;
      String ct = json.substring(i, json.indexOf('"', i));
      byte[] raw = Base64.getDecoder().decode(ct);
      String shorter = Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(raw, raw.length - 5));
      return json.replace(ct, shorter);
    });
  }

  @Test
  void garbledJsonAndBase64_rejected() {
    assertError("malformed JSON", json -> json.substring(0, json.length() - 10));
    assertError("malformed JSON", json -> "not json at all");
    assertError("bad base64 in kdf.salt", json -> json.replaceAll("\"salt\":\"[^\"]*\"", "\"salt\":\"!!!\""));
    assertError("bad base64 in ciphertext", json -> json.replaceAll("\"ciphertext\":\"[^\"]*\"", "\"ciphertext\":\"%%%%\""));
    assertError("missing field cipher.nonce", json -> json.replaceAll("\"nonce\":\"[^\"]*\"", "\"nonse\":\"\""));
    assertError("nonce must be 24 bytes, got 3", json -> json.replaceAll("\"nonce\":\"[^\"]*\"", "\"nonce\":\"AAAA\""));
  }

  @Test
  void damagedPem_rejected() {
    String pem = KeyVectors.text(HELLO_KEY);
    KeyException e = assertThrows(KeyException.class,
        () -> CosignEncryptedPrivateKey.decrypt(pem.replace("eyJrZGYi", "ey*rZGYi").getBytes(StandardCharsets.US_ASCII), "hello".toCharArray()));
    assertEquals("invalid pem: bad base64 in \"ENCRYPTED SIGSTORE PRIVATE KEY\" block", e.getMessage());
    e = assertThrows(KeyException.class,
        () -> CosignEncryptedPrivateKey.decrypt("just text\n".getBytes(StandardCharsets.US_ASCII), "hello".toCharArray()));
    assertEquals("invalid pem: no PEM block found", e.getMessage());
    String noEnd = pem.substring(0, pem.indexOf("-----END"));
    e = assertThrows(KeyException.class,
        () -> CosignEncryptedPrivateKey.decrypt(noEnd.getBytes(StandardCharsets.US_ASCII), "hello".toCharArray()));
    assertEquals("invalid pem: no END line for \"ENCRYPTED SIGSTORE PRIVATE KEY\"", e.getMessage());
  }

  @Test
  void otherLabels_unsupportedPemType() {
    for (String name : new String[] {"import-key-pair/ec-p256_pkcs8_ACCEPT.pem", "keys/cosign-label_p256_pw-123.pub"}) {
      byte[] pem = KeyVectors.bytes(name);
      String label = PemBlock.decode(pem).label();
      KeyException e = assertThrows(KeyException.class, () -> CosignEncryptedPrivateKey.decrypt(pem, "x".toCharArray()));
      assertEquals("unsupported pem type: " + label, e.getMessage());
    }
  }

  private static void assertError(String expectedPart, UnaryOperator<String> editJson) {
    String json = new String(PemBlock.decode(KeyVectors.bytes(HELLO_KEY)).bytes(), StandardCharsets.US_ASCII);
    byte[] pem = new PemBlock(CosignEncryptedPrivateKey.SIGSTORE_LABEL, editJson.apply(json).getBytes(StandardCharsets.US_ASCII)).encode();
    KeyException e = assertThrows(KeyException.class, () -> CosignEncryptedPrivateKey.decrypt(pem, "hello".toCharArray()));
    assertTrue(e.getMessage().contains(expectedPart), e.getMessage());
  }
}
