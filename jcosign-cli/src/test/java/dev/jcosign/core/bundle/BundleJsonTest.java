package dev.jcosign.core.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcosign.core.bundle.SigstoreBundle.MessageSignature;
import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.keys.DigestAlgorithm;
import dev.jcosign.core.keys.DigestSignatures;
import dev.jcosign.core.keys.Signatures;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Bundle JSON reading (all media-type spellings, DSSE, chains) and the exact v0.3 bytes we write. */
class BundleJsonTest {
  private static final String MS = "\"messageSignature\":{\"messageDigest\":{\"algorithm\":\"SHA2_384\",\"digest\":\"AAEC\"},\"signature\":\"AwQ=\"}";

  @Test
  void readsEveryMediaTypeSpelling() {
    for (String[] mt : new String[][] {
        {"application/vnd.dev.sigstore.bundle+json;version=0.1", "0.1"},
        {"application/vnd.dev.sigstore.bundle+json;version=0.2", "0.2"},
        {"application/vnd.dev.sigstore.bundle+json;version=0.3", "0.3"},
        {"application/vnd.dev.sigstore.bundle.v0.3+json", "0.3"}}) {
      String json = "{\"mediaType\":\"" + mt[0] + "\",\"verificationMaterial\":{\"x509CertificateChain\":{\"certificates\":"
          + "[{\"rawBytes\":\"AQI=\"},{\"rawBytes\":\"AwQ\"}]},\"tlogEntries\":[{\"logIndex\":\"7\"}]}, " + MS + "}";
      SigstoreBundle b = BundleJson.parse(json.getBytes(StandardCharsets.UTF_8), "t");
      assertEquals(mt[1], b.version());
      assertEquals(2, b.material().certificateChain().size());
      assertArrayEquals(new byte[] {3, 4}, b.material().certificateChain().get(1)); // unpadded base64 accepted
      assertTrue(b.material().hasCertificate());
      assertEquals("7", b.material().tlogEntries().get(0).get("logIndex").asText());
      assertEquals(DigestAlgorithm.SHA384, b.messageSignature().orElseThrow().algorithm());
    }
  }

  @Test
  void readsDsseEnvelopes() {
    String json = "{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\",\"verificationMaterial\":{\"certificate\":"
        + "{\"rawBytes\":\"AQI=\"}},\"dsseEnvelope\":{\"payload\":\"e30=\",\"payloadType\":\"application/vnd.in-toto+json\","
        + "\"signatures\":[{\"sig\":\"AQ==\"}]}}";
    SigstoreBundle b = BundleJson.parse(json.getBytes(StandardCharsets.UTF_8), "t");
    assertEquals("{}", new String(b.dsseEnvelope().orElseThrow().payload(), StandardCharsets.UTF_8));
    assertEquals(1, b.dsseEnvelope().orElseThrow().signatures().size());
    assertTrue(b.messageSignature().isEmpty());
  }

  @Test
  void rejectsBadBundles() {
    assertThrows(InvalidInputException.class, () -> BundleJson.parse(
        "{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.4+json\"}".getBytes(StandardCharsets.UTF_8), "t"));
    assertThrows(InvalidInputException.class, () -> BundleJson.parse(
        ("{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\",\"verificationMaterial\":{}," + MS + "}")
            .getBytes(StandardCharsets.UTF_8), "t"));
  }

  @Test
  void writesCosignsKeyBundleExactly() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair kp = g.generateKeyPair();
    byte[] msg = "m".getBytes(StandardCharsets.UTF_8);
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(msg);
    byte[] sig = DigestSignatures.sign(kp.getPrivate(), digest, DigestAlgorithm.SHA256);
    assertTrue(Signatures.verify(kp.getPublic(), msg, sig, DigestAlgorithm.SHA256), "digest signing = message signing");
    String hint = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(kp.getPublic().getEncoded()));
    String expected = "{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\",\"verificationMaterial\":{\"publicKey\":"
        + "{\"hint\":\"" + hint + "\"}},\"messageSignature\":{\"messageDigest\":{\"algorithm\":\"SHA2_256\",\"digest\":\""
        + Base64.getEncoder().encodeToString(digest) + "\"},\"signature\":\"" + Base64.getEncoder().encodeToString(sig) + "\"}}";
    byte[] written = BundleJson.writeKeyMessageSignature(kp.getPublic(), new MessageSignature(DigestAlgorithm.SHA256, digest, sig));
    assertEquals(expected, new String(written, StandardCharsets.UTF_8));
    SigstoreBundle back = BundleJson.parse(written, "t");
    assertArrayEquals(sig, back.messageSignature().orElseThrow().signature());
    assertEquals(hint, back.material().publicKeyHint().orElseThrow());
  }

  @Test
  void legacyBundleRoundTrip() {
    LegacyBlobBundle b = new LegacyBlobBundle("AQI=", java.util.Optional.of("Y2VydA=="), java.util.Optional.empty());
    assertEquals("{\"base64Signature\":\"AQI=\",\"cert\":\"Y2VydA==\"}", new String(b.toJson(), StandardCharsets.UTF_8));
    LegacyBlobBundle back = LegacyBlobBundle.parse(dev.jcosign.core.json.Json.parse(b.toJson(), "t"), "t");
    assertArrayEquals(new byte[] {1, 2}, back.signature("t"));
  }
}
