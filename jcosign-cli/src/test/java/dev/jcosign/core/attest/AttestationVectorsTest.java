package dev.jcosign.core.attest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;


import com.fasterxml.jackson.core.JsonGenerator;
import dev.jcosign.core.json.ByteSink;
import dev.jcosign.core.json.Json;
import dev.jcosign.core.keys.DigestAlgorithm;
import dev.jcosign.core.keys.Signatures;
import dev.jcosign.core.oci.Digest;
import dev.jcosign.testing.KeyVectors;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cosign attestation vector (spec §3.4): byte layout, PAE, signature, and our statement for the same input. */
class AttestationVectorsTest {
  private static final String DIR = "bundle-v0.3-attestation/";
  private static final Digest SUBJECT = Digest.parse("sha256:732112270d7e59418a8c080b134b24cabd67d250d0d0147a97ed95ba5c280aa4");

  private static PublicKey certificateKey() throws Exception {
    String b64 = Json.parse(KeyVectors.bytes(DIR + "oci-attestation.sigstore.json"), "bundle")
        .path("verificationMaterial").path("certificate").path("rawBytes").asText();
    return CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(b64))).getPublicKey();
  }

  @Test
  void vectorEnvelopeVerifiesOverPaeWithTheCertificateKey() throws Exception {
    byte[] layer = KeyVectors.bytes(DIR + "legacy-layer-dsse-envelope.json");
    DsseEnvelope env = DsseEnvelope.parse(layer);
    assertEquals(DsseEnvelope.IN_TOTO, env.payloadType());
    assertArrayEquals(KeyVectors.bytes(DIR + "statement.json"), env.payload());
    assertEquals(1, env.signatures().size());
    assertEquals("", env.signatures().get(0).keyid());
    assertTrue(Signatures.verify(certificateKey(), env.pae(), env.signatures().get(0).sig(), DigestAlgorithm.SHA256));
    // the payload alone (no PAE) is not what was signed
    assertFalse(Signatures.verify(certificateKey(), env.payload(), env.signatures().get(0).sig(), DigestAlgorithm.SHA256));
    // re-serialising gives the exact bytes the Rekor envelope hash proves
    assertArrayEquals(layer, env.toJson());
  }

  @Test
  void paeIsTheDsseV1Encoding() {
    byte[] pae = DsseEnvelope.pae("application/vnd.in-toto+json", "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
    assertEquals("DSSEv1 28 application/vnd.in-toto+json 7 {\"a\":1}", new String(pae, StandardCharsets.UTF_8));
    // lengths are byte counts, not character counts
    byte[] utf8 = DsseEnvelope.pae("t", "é".getBytes(StandardCharsets.UTF_8));
    assertEquals("DSSEv1 1 t 2 é", new String(utf8, StandardCharsets.UTF_8));
  }

  @Test
  void ourStatementForTheVectorInputIsByteIdentical() throws Exception {
    Clock at = Clock.fixed(Instant.parse("2025-02-28T19:18:11.734Z"), ZoneOffset.UTC);
    byte[] file = "{\"foo\": \"bar\"}\n".getBytes(StandardCharsets.UTF_8);
    // as ImageAttester builds it: predicate streamed after the headroom, statement completed around it
    ByteSink sink = new ByteSink(16);
    sink.setSize(InTotoStatement.HEADROOM);
    try (JsonGenerator g = Json.generator(sink)) {
      new Predicates(at).write("custom", new ByteArrayInputStream(file), g, sink);
    }
    InTotoStatement.Slice st = InTotoStatement.wrap("127.0.0.1:60943/repo", SUBJECT, PredicateTypes.CUSTOM_URI, sink, InTotoStatement.HEADROOM);
    assertArrayEquals(KeyVectors.bytes(DIR + "statement.json"), Arrays.copyOfRange(st.buffer(), st.offset(), st.offset() + st.length()));
    // and the tree-based writer agrees
    byte[] tree = InTotoStatement.write("127.0.0.1:60943/repo", SUBJECT, PredicateTypes.CUSTOM_URI,
        Json.parse(new Predicates(at).build("custom", file), "predicate"));
    assertArrayEquals(KeyVectors.bytes(DIR + "statement.json"), tree);
  }

  @Test
  void ourEnvelopeHasTheVectorShapeAndVerifies() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair kp = g.generateKeyPair();
    byte[] statement = KeyVectors.bytes(DIR + "statement.json");
    byte[] sig = Signatures.sign(kp.getPrivate(), DsseEnvelope.pae(DsseEnvelope.IN_TOTO, statement));
    byte[] ours = new DsseEnvelope(DsseEnvelope.IN_TOTO, statement, List.of(new DsseEnvelope.Signature("", sig))).toJson();
    String vector = KeyVectors.text(DIR + "legacy-layer-dsse-envelope.json");
    String vectorSig = Base64.getEncoder().encodeToString(DsseEnvelope.parse(vector.getBytes(StandardCharsets.UTF_8)).signatures().get(0).sig());
    String mine = new String(ours, StandardCharsets.UTF_8);
    // identical except for the signature value
    assertEquals(vector.replace(vectorSig, "SIG"), mine.replace(Base64.getEncoder().encodeToString(sig), "SIG"));
    DsseEnvelope back = DsseEnvelope.parse(ours);
    assertArrayEquals(DsseEnvelope.parse(vector.getBytes(StandardCharsets.UTF_8)).pae(), back.pae());
    assertTrue(Signatures.verify(kp.getPublic(), back.pae(), back.signatures().get(0).sig(), DigestAlgorithm.SHA256));
  }

  @Test
  void v3FieldOrderIsReadToo() {
    // spec §3.4: cosign v3 writes payload first and omits keyid; readers must not depend on order
    String v3 = "{\"payload\":\"e30=\",\"payloadType\":\"application/vnd.in-toto+json\",\"signatures\":[{\"sig\":\"AQI=\"}]}";
    DsseEnvelope env = DsseEnvelope.parse(v3.getBytes(StandardCharsets.UTF_8));
    assertEquals(DsseEnvelope.IN_TOTO, env.payloadType());
    assertEquals("{}", new String(env.payload(), StandardCharsets.UTF_8));
    assertArrayEquals(new byte[] {1, 2}, env.signatures().get(0).sig());
    InTotoStatement st = InTotoStatement.parse(KeyVectors.bytes(DIR + "statement.json"));
    assertEquals(InTotoStatement.V01, st.type());
    assertTrue(st.hasSubject(SUBJECT));
    assertFalse(st.hasSubject(Digest.sha256("other")));
  }
}
