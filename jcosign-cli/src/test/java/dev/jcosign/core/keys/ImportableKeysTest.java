package dev.jcosign.core.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcosign.core.error.KeyException;
import dev.jcosign.testing.KeyVectors;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImportableKeysTest {

  @ParameterizedTest
  @CsvSource({
    "ec-p256_pkcs8, EC", "ec-p256_sec1, EC", "ec-p384_sec1, EC", "ec-p521_sec1, EC",
    "ed25519_pkcs8, EdDSA", "rsa2048_pkcs1, RSA", "rsa2048_pkcs8, RSA"
  })
  void accept_parses_andPublicHalfMatchesExpected(String name, String algorithm) {
    PrivateKey key = ImportableKeys.parse(KeyVectors.bytes("import-key-pair/" + name + "_ACCEPT.pem"));
    assertEquals(algorithm, key.getAlgorithm());
    assertEquals(KeyVectors.text("import-key-pair/" + name + "_expected.pub"),
        new String(PublicKeys.toPem(PrivateKeys.publicKeyOf(key)), StandardCharsets.US_ASCII));
    // what we encrypt must parse back to the same key (PKCS#8 round trip)
    assertEquals(PrivateKeys.publicKeyOf(key), PrivateKeys.publicKeyOf(PrivateKeys.fromPkcs8(PrivateKeys.toPkcs8(key))));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "rsa1024_pkcs1_REJECT.pem|error validating rsa key: unsupported rsa modulus size 1024: modulus size must be 2048, 3072, or 4096",
    "rsa5120_pkcs1_REJECT.pem|error validating rsa key: unsupported rsa modulus size 5120: modulus size must be 2048, 3072, or 4096",
    "ec-p224_sec1_REJECT.pem|error validating ecdsa key: unsupported curve P-224, must be NIST P-256, P-384 or P-521",
    "ec-secp256k1_sec1_REJECT.pem|error parsing ecdsa private key: unsupported elliptic curve",
    "public-key-not-private_REJECT.pem|unsupported private key: pem type \"PUBLIC KEY\""
  })
  void reject_withCosignsMessage(String file, String message) {
    KeyException e = assertThrows(KeyException.class, () -> ImportableKeys.parse(KeyVectors.bytes("import-key-pair/" + file)));
    assertEquals(message, e.getMessage());
  }

  @Test
  void encryptedKeys_andGarbage_rejected() {
    KeyException e = assertThrows(KeyException.class, () -> ImportableKeys.parse(KeyVectors.bytes("keys/cosign-label_p256_pw-123.key")));
    assertEquals("unsupported private key: pem type \"ENCRYPTED COSIGN PRIVATE KEY\"", e.getMessage());
    e = assertThrows(KeyException.class, () -> ImportableKeys.parse(new PemBlock("EC PRIVATE KEY", new byte[] {1, 2, 3}).encode()));
    assertTrue(e.getMessage().startsWith("error parsing ecdsa private key"), e.getMessage());
    e = assertThrows(KeyException.class, () -> ImportableKeys.parse(new PemBlock("RSA PRIVATE KEY", new byte[] {1, 2, 3}).encode()));
    assertEquals("error parsing rsa private key", e.getMessage());
    e = assertThrows(KeyException.class, () -> ImportableKeys.parse(new PemBlock("PRIVATE KEY", new byte[] {0x30, 0}).encode()));
    assertEquals("error parsing pkcs #8 private key", e.getMessage());
    String legacyEncrypted = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nAAAA\n-----END RSA PRIVATE KEY-----\n";
    e = assertThrows(KeyException.class, () -> ImportableKeys.parse(legacyEncrypted.getBytes(StandardCharsets.US_ASCII)));
    assertTrue(e.getMessage().contains("encrypted PEM is not supported"), e.getMessage());
  }
}
