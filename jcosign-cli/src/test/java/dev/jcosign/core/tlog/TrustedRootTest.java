package dev.jcosign.core.tlog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.testing.KeyVectors;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TrustedRootTest {
  private static final String REKOR_HEX = "c0d23d6ad406973f9559f3ba2d1ca01f84147d8ffc5b8445c224f98b9591801d";

  @Test
  void publicGoodRootHasRekorCtAndFulcio() {
    TrustedRoot root = TlogFixtures.publicGoodRoot();
    assertEquals(1, root.tlogs().size());
    assertEquals(2, root.ctlogs().size());
    assertEquals(2, root.certificateAuthorities().size());
    assertEquals(0, root.timestampAuthorities().size());
    TransparencyLogInstance rekor = root.tlogs().get(0);
    assertEquals("https://rekor.sigstore.dev", rekor.baseUrl());
    assertEquals("PKIX_ECDSA_P256_SHA_256", rekor.keyDetails());
    assertEquals(REKOR_HEX, rekor.logIdHex());
    assertArrayEquals(TlogFixtures.sha256(rekor.publicKeyBytes()), rekor.logId());
    assertTrue(rekor.publicKey() instanceof ECPublicKey);
    assertEquals(Instant.parse("2021-01-12T11:53:27Z"), rekor.validFor().start().orElseThrow());
    assertTrue(rekor.validFor().end().isEmpty());
    assertEquals(2, root.certificateAuthorities().get(1).certificates().size());
  }

  @Test
  void looksUpTlogByHexOrBase64() {
    TrustedRoot root = TlogFixtures.publicGoodRoot();
    assertEquals(REKOR_HEX, root.tlog(REKOR_HEX).orElseThrow().logIdHex());
    assertEquals(REKOR_HEX, root.tlog(REKOR_HEX.toUpperCase()).orElseThrow().logIdHex());
    assertEquals(REKOR_HEX, root.tlog("wNI9atQGlz+VWfO6LRygH4QUfY/8W4RFwiT5i5WRgB0=").orElseThrow().logIdHex());
    assertFalse(root.tlog("00" + REKOR_HEX.substring(2)).isPresent());
    assertFalse(root.tlog("not an id!").isPresent());
  }

  @Test
  void stagingRootHasEd25519LogsRsaCtLogAndTsa() {
    TrustedRoot root = TrustedRoot.parse(KeyVectors.bytes("conformance/rekor2-dsse-happy-path/trusted_root.json"));
    assertEquals(4, root.tlogs().size());
    TransparencyLogInstance v2 = root.tlog("09OnDKEw7/hpZiYVPoTRzRbglHk0sylsUovegnRUlJY=").orElseThrow();
    assertEquals("PKIX_ED25519", v2.keyDetails());
    assertTrue(v2.publicKey() instanceof EdECPublicKey);
    assertTrue(root.tlogs().get(1).validFor().contains(Instant.parse("2025-05-01T00:00:00Z")));
    assertFalse(root.tlogs().get(1).validFor().contains(Instant.parse("2025-09-04T00:00:00Z")));
    assertTrue(root.ctlogs().stream().anyMatch(c -> c.keyDetails().startsWith("PKCS1_RSA") && c.publicKey() instanceof RSAPublicKey));
    assertFalse(root.timestampAuthorities().isEmpty());
    assertFalse(root.timestampAuthorities().get(0).certificates().isEmpty());
  }

  @Test
  void rejectsOtherMediaTypesAndBrokenFields() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> TrustedRoot.parse("{\"mediaType\":\"application/json\"}".getBytes(StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().contains("unsupported mediaType \"application/json\""), e.getMessage());
    String bad = "{\"mediaType\":\"application/vnd.dev.sigstore.trustedroot+json;version=0.1\","
        + "\"tlogs\":[{\"baseUrl\":\"x\",\"publicKey\":{\"rawBytes\":\"AA==\",\"keyDetails\":\"PKIX_ED25519\"},\"logId\":{\"keyId\":\"%%\"}}]}";
    e = assertThrows(InvalidInputException.class, () -> TrustedRoot.parse(bad.getBytes(StandardCharsets.UTF_8)));
    assertEquals("parsing trusted root: tlogs[0].logId.keyId is not base64", e.getMessage());
  }
}
