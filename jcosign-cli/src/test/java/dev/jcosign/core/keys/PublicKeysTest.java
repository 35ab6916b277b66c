package dev.jcosign.core.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcosign.core.error.KeyException;
import dev.jcosign.testing.KeyVectors;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PublicKeysTest {

  @ParameterizedTest
  @ValueSource(strings = {
    "keys/sigstore-label_p256_pw-hello.pub", "keys/cosign-label_p256_pw-hello.pub", "keys/cosign-generated_p256_pw-empty.pub",
    "keys/cosign-label_p256_pw-123.pub", "keys/sigstore-label_rsa4096_pw-123.pub",
    "import-key-pair/ec-p256_pkcs8_expected.pub", "import-key-pair/ec-p384_sec1_expected.pub",
    "import-key-pair/ec-p521_sec1_expected.pub", "import-key-pair/ed25519_pkcs8_expected.pub",
    "import-key-pair/rsa2048_pkcs1_expected.pub", "legacy-keyed-signatures/ec-p256.pub",
    "legacy-keyed-signatures/ec-p384.pub", "legacy-keyed-signatures/rsa2048.pub", "legacy-keyed-signatures/rsa3072.pub"
  })
  void readThenWrite_isByteIdentical(String vector) {
    byte[] pem = KeyVectors.bytes(vector);
    PublicKey key = PublicKeys.fromPem(pem);
    assertArrayEquals(pem, PublicKeys.toPem(key));
  }

  @Test
  void privateKeyPem_isNotAPublicKey() {
    KeyException e = assertThrows(KeyException.class, () -> PublicKeys.fromPem(KeyVectors.bytes("keys/cosign-label_p256_pw-123.key")));
    assertEquals("expected a \"PUBLIC KEY\" PEM block, found \"ENCRYPTED COSIGN PRIVATE KEY\"", e.getMessage());
  }

  @Test
  void garbage_rejected() {
    byte[] pem = new PemBlock("PUBLIC KEY", new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}).encode();
    KeyException e = assertThrows(KeyException.class, () -> PublicKeys.fromPem(pem));
    assertTrue(e.getMessage().startsWith("parsing public key: "), e.getMessage());
  }

  @Test
  void pemDecode_ignoresSurroundingText_andTakesTheFirstBlock() {
    String pub = KeyVectors.text("keys/cosign-label_p256_pw-123.pub");
    byte[] wrapped = ("some preamble\n" + pub + "trailing text\n" + KeyVectors.text("legacy-keyed-signatures/rsa2048.pub"))
        .getBytes(StandardCharsets.US_ASCII);
    assertEquals("EC", PublicKeys.fromPem(wrapped).getAlgorithm());
    byte[] crlf = pub.replace("\n", "\r\n").getBytes(StandardCharsets.US_ASCII);
    assertArrayEquals(pub.getBytes(StandardCharsets.US_ASCII), PublicKeys.toPem(PublicKeys.fromPem(crlf)));
  }

  @Test
  void pemEncode_wrapsAt64_withTrailingNewline() {
    String pem = new String(new PemBlock("X", new byte[100]).encode(), StandardCharsets.US_ASCII);
    String[] lines = pem.split("\n", -1);
    assertEquals("-----BEGIN X-----", lines[0]);
    assertEquals(64, lines[1].length());
    assertEquals(64, lines[2].length());
    assertEquals(136 - 128, lines[3].length());
    assertEquals("-----END X-----", lines[4]);
    assertEquals(6, lines.length);
    assertEquals("", lines[5]);
  }
}
