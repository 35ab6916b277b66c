package dev.jcosign.core.tlog;

import dev.jcosign.core.rekor.LoggedEntry;
import dev.jcosign.core.rekor.ProposedEntry;
import dev.jcosign.core.rekor.TlogEntry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcosign.core.error.TransparencyLogException;
import dev.jcosign.core.json.Json;
import dev.jcosign.core.keys.DigestAlgorithm;
import dev.jcosign.testing.KeyVectors;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Proposed entries, Rekor v1 responses and the two carriers written from them, byte for byte
 * against real production-log vectors (spec §3.2, §6.3, §6.6).
 */
class RekorEntriesTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void hashedRekordProposalIsTheCanonicalBodyRekorStored() {
    // a hashedrekord body is stored as proposed (the PEM already Go-encoded), so the proposal must
    // reproduce the production log's body exactly
    String dir = "legacy-keyless-signature/";
    byte[] payload = KeyVectors.bytes(dir + "payload.json");
    byte[] sig = Base64.getDecoder().decode(KeyVectors.text(dir + "signature.b64").strip());
    ProposedEntry p = ProposedEntries.hashedRekord(DigestAlgorithm.SHA256, DigestAlgorithm.SHA256.digest(payload), sig,
        KeyVectors.bytes(dir + "certificate.pem"));
    assertEquals(KeyVectors.text(dir + "rekor-entry-body.json").strip(), new String(p.json(), StandardCharsets.UTF_8));
    assertEquals("hashedrekord", p.kind());
    assertEquals("0.0.1", p.apiVersion());
  }

  @Test
  void legacyBundleIsCosignsCompactJson() {
    String annotation = KeyVectors.text("legacy-keyless-signature/bundle-annotation.json").strip();
    TlogEntry e = TlogEntries.fromLegacyBundle(annotation.getBytes(StandardCharsets.UTF_8));
    assertEquals(annotation, Json.writeString(RekorEntries.legacyBundle(e)));
  }

  @Test
  void v1ResponseBecomesTheBundleTlogEntryProductionWrote() {
    JsonNode t = Json.parse(KeyVectors.bytes("bundle-v0.3-attestation/oci-attestation.sigstore.json"), "bundle")
        .at("/verificationMaterial/tlogEntries/0");
    LoggedEntry logged = RekorEntries.parse(Json.write(v1Response("abc123", t)));
    assertEquals("abc123", logged.uuid());
    assertEquals("dsse", logged.kind());
    assertEquals("0.0.1", logged.apiVersion());
    assertEquals(Json.writeString(t), Json.writeString(RekorEntries.bundleTlogEntry(logged)));
  }

  @Test
  void dsseAndIntotoProposals() {
    byte[] env = "{\"payloadType\":\"x\",\"payload\":\"\",\"signatures\":[]}".getBytes(StandardCharsets.UTF_8);
    byte[] pem = "-----BEGIN PUBLIC KEY-----\nAA==\n-----END PUBLIC KEY-----\n".getBytes(StandardCharsets.UTF_8);
    String b64 = Base64.getEncoder().encodeToString(pem);
    assertEquals("{\"apiVersion\":\"0.0.1\",\"kind\":\"dsse\",\"spec\":{\"proposedContent\":{\"envelope\":"
        + "\"{\\\"payloadType\\\":\\\"x\\\",\\\"payload\\\":\\\"\\\",\\\"signatures\\\":[]}\",\"verifiers\":[\"" + b64 + "\"]}}}",
        new String(ProposedEntries.dsse(env, pem).json(), StandardCharsets.UTF_8));
    JsonNode intoto = Json.parse(ProposedEntries.intoto(env, pem).json(), "intoto");
    assertEquals("intoto", intoto.get("kind").asText());
    assertEquals(new String(env, StandardCharsets.UTF_8), intoto.at("/spec/content/envelope").asText());
    assertEquals(b64, intoto.at("/spec/publicKey").asText());
  }

  @Test
  void malformedResponsesAreOneLineErrors() {
    for (String bad : new String[] {"[]", "{}", "not json", "{\"a\":{\"body\":\"e30=\",\"logID\":\"zz\"}}",
        "{\"a\":{\"body\":\"e30=\",\"logID\":\"00\",\"logIndex\":\"x\"}}"}) {
      TransparencyLogException e = assertThrows(TransparencyLogException.class,
          () -> RekorEntries.parse(bad.getBytes(StandardCharsets.UTF_8)), bad);
      assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }
  }

  @Test
  void publicInstanceIsRecognisedByHost() {
    assertTrue(TlogUploader.isPublic("https://rekor.sigstore.dev"));
    assertTrue(TlogUploader.isPublic("https://REKOR.sigstore.dev/"));
    assertTrue(!TlogUploader.isPublic("https://rekor.sigstage.dev"));
    assertTrue(!TlogUploader.isPublic("http://127.0.0.1:3000"));
  }

  /** The Rekor v1 JSON a log answers for the entry a v0.3 bundle element describes (hex where v1 uses hex). */
  static ObjectNode v1Response(String uuid, JsonNode t) {
    ObjectNode root = Json.object();
    ObjectNode v = root.putObject(uuid);
    v.put("body", t.get("canonicalizedBody").asText());
    v.put("integratedTime", Long.parseLong(t.get("integratedTime").asText()));
    v.put("logID", HEX.formatHex(Base64.getDecoder().decode(t.at("/logId/keyId").asText())));
    v.put("logIndex", Long.parseLong(t.get("logIndex").asText()));
    ObjectNode ver = v.putObject("verification");
    JsonNode ip = t.get("inclusionProof");
    ObjectNode p = ver.putObject("inclusionProof");
    p.put("checkpoint", ip.at("/checkpoint/envelope").asText());
    ip.get("hashes").forEach(h -> p.withArray("hashes").add(HEX.formatHex(Base64.getDecoder().decode(h.asText()))));
    p.put("logIndex", Long.parseLong(ip.get("logIndex").asText()));
    p.put("rootHash", HEX.formatHex(Base64.getDecoder().decode(ip.get("rootHash").asText())));
    p.put("treeSize", Long.parseLong(ip.get("treeSize").asText()));
    ver.put("signedEntryTimestamp", t.at("/inclusionPromise/signedEntryTimestamp").asText());
    assertArrayEquals(Base64.getDecoder().decode(t.get("canonicalizedBody").asText()),
        Base64.getDecoder().decode(v.get("body").asText()));
    return root;
  }
}
