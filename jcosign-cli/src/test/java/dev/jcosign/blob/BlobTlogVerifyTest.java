package dev.jcosign.blob;

import static dev.jcosign.testing.CleanErrors.assertCleanFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcosign.core.json.Json;
import dev.jcosign.core.keys.PublicKeys;
import dev.jcosign.testing.CliRunner;
import dev.jcosign.testing.CliRunner.Result;
import dev.jcosign.testing.KeyVectors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * verify-blob with transparency-log checks on (spec §4.3 step 4, §4.7): the conformance managed-key
 * bundle (a real public-good Rekor entry) verifies with the embedded root, each mutated byte class is
 * rejected naming the failed check, and the trust-material overrides of spec §4.1 are honoured.
 */
class BlobTlogVerifyTest {
  static final String BUNDLE = "conformance/managed-key-happy-path/bundle.sigstore.json";
  @TempDir static Path dir;
  static CliRunner cli;
  static Path a;
  static Path pub;

  @BeforeAll
  static void setUp() {
    cli = new CliRunner(dir);
    a = KeyVectors.copy("conformance/a.txt", dir);
    pub = KeyVectors.copy("conformance/managed-key-happy-path/key.pub", dir);
  }

  private static ObjectNode bundle() {
    return (ObjectNode) Json.parse(KeyVectors.bytes(BUNDLE), BUNDLE);
  }

  private static ObjectNode entry(ObjectNode bundle) {
    return (ObjectNode) bundle.path("verificationMaterial").path("tlogEntries").get(0);
  }

  private static Path write(String name, JsonNode n) throws IOException {
    return Files.write(dir.resolve(name), Json.write(n));
  }

  private static Result verify(Path bundle, String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of("verify-blob", "--key", pub.toString(), "--bundle", bundle.toString()));
    args.addAll(List.of(extra));
    args.add(a.toString());
    return cli.run(args.toArray(String[]::new));
  }

  private static String flipBase64(String b64, int index) {
    byte[] b = Base64.getDecoder().decode(b64);
    b[index] ^= 0x01;
    return Base64.getEncoder().encodeToString(b);
  }

  private void rejected(String name, Consumer<ObjectNode> mutation, String check) throws IOException {
    ObjectNode b = bundle();
    mutation.accept(entry(b));
    assertCleanFailure(verify(write(name, b)), 1, List.of("verifying bundle tlog entries", check));
  }

  @Test
  void conformanceBundleVerifiesWithTheEmbeddedRoot() throws IOException {
    Result r = verify(write("ok.json", bundle()));
    assertEquals(0, r.code(), r.describe());
    assertEquals("Verified OK\n", r.err());
    assertEquals("", r.out());
  }

  @Test
  void bodyByteOutsideTheCheckedFieldsBreaksTheSet() throws IOException {
    // a trailing space keeps the body's meaning: only the SET (and the proof) notice
    rejected("body-space.json", e -> e.put("canonicalizedBody", Base64.getEncoder().encodeToString(
        (new String(Base64.getDecoder().decode(e.path("canonicalizedBody").asText()), StandardCharsets.UTF_8) + " ")
            .getBytes(StandardCharsets.UTF_8))), "SET: signature invalid for log c0d23d6a");
  }

  @Test
  void bodyDigestByteIsAContentMismatch() throws IOException {
    rejected("body-digest.json", e -> {
      String body = new String(Base64.getDecoder().decode(e.path("canonicalizedBody").asText()), StandardCharsets.UTF_8);
      e.put("canonicalizedBody", Base64.getEncoder().encodeToString(body.replace("a0cfc712", "a0cfc713").getBytes(StandardCharsets.UTF_8)));
    }, "transparency log entry: artifact digest does not match");
  }

  @Test
  void setByteIsRejected() throws IOException {
    rejected("set.json", e -> {
      ObjectNode p = (ObjectNode) e.path("inclusionPromise");
      p.put("signedEntryTimestamp", flipBase64(p.path("signedEntryTimestamp").asText(), 20));
    }, "SET: signature invalid for log c0d23d6a");
  }

  @Test
  void proofHashIsRejected() throws IOException {
    rejected("proof.json", e -> {
      ArrayNode hashes = (ArrayNode) e.path("inclusionProof").path("hashes");
      hashes.set(0, hashes.get(0).asText().equals("") ? null : Json.mapper().getNodeFactory().textNode(flipBase64(hashes.get(0).asText(), 3)));
    }, "inclusion proof: computed root");
  }

  @Test
  void checkpointSignatureIsRejected() throws IOException {
    rejected("checkpoint.json", e -> {
      ObjectNode cp = (ObjectNode) e.path("inclusionProof").path("checkpoint");
      String note = cp.path("envelope").asText();
      int sig = note.indexOf("wNI9aj") + 20;
      cp.put("envelope", note.substring(0, sig) + (note.charAt(sig) == 'A' ? 'B' : 'A') + note.substring(sig + 1));
    }, "checkpoint: signature invalid for log c0d23d6a");
  }

  @Test
  void unknownLogIsRejected() throws IOException {
    rejected("logid.json", e -> ((ObjectNode) e.path("logId")).put("keyId", Base64.getEncoder().encodeToString(new byte[32])),
        "unknown transparency log 0000");
  }

  @Test
  void noEntrySaysSoAndOfflineUsesCosignsWording() throws IOException {
    ObjectNode b = bundle();
    ((ObjectNode) b.path("verificationMaterial")).putArray("tlogEntries");
    Path none = write("none.json", b);
    // a Sigstore bundle must carry its entries: never looked up online (spec §4.3 step 4)
    assertCleanFailure(verify(none), 1, List.of("the bundle has no transparency log entry", "--insecure-ignore-tlog"));
    assertCleanFailure(verify(none, "--offline"), 1, List.of("offline verification failed"));
  }

  @Test
  void trustedRootFlagReplacesTheEmbeddedRoot() throws IOException {
    Path pgi = KeyVectors.copy("trusted-roots/trusted_root_pgi.json", dir);
    assertEquals(0, verify(write("tr-ok.json", bundle()), "--trusted-root", pgi.toString()).code());
    Path other = KeyVectors.copy("conformance/rekor2-dsse-happy-path/trusted_root.json", dir);
    assertCleanFailure(verify(write("tr-other.json", bundle()), "--trusted-root", other.toString()), 1,
        List.of("unknown transparency log c0d23d6a"));
  }

  @Test
  void malformedTrustedRootIsAClearError() throws IOException {
    Path bad = Files.writeString(dir.resolve("bad-root.json"), "{\"mediaType\":\"nope\"}");
    assertCleanFailure(verify(write("tr-bad.json", bundle()), "--trusted-root", bad.toString()), 1,
        List.of("--trusted-root " + bad, "unsupported mediaType \"nope\""));
    Path missing = dir.resolve("missing-root.json");
    assertCleanFailure(verify(write("tr-missing.json", bundle()), "--trusted-root", missing.toString()), 1,
        List.of(missing.toString(), "no such file"));
  }

  @Test
  void theRootIsNotReadWhenTheLogIsIgnored() throws IOException {
    Result r = verify(write("ignored.json", bundle()), "--insecure-ignore-tlog", "--trusted-root", dir.resolve("absent.json").toString());
    assertEquals(0, r.code(), r.describe());
    for (String cmd : List.of("verify", "verify-attestation", "verify-blob")) {
      Result help = cli.run(cmd, "--help");
      org.junit.jupiter.api.Assertions.assertTrue(help.out().contains("--trusted-root=FILE"), cmd + "\n" + help.out());
    }
  }

  @Test
  void rekorPublicKeyEnvTrustsOnlyThatLog() throws Exception {
    // the public-good Rekor key itself: the entry verifies
    String rekorKey = KeyVectors.text("trusted-roots/trusted_root_pgi.json");
    byte[] der = Base64.getDecoder().decode(Json.parse(rekorKey.getBytes(StandardCharsets.UTF_8), "root")
        .path("tlogs").get(0).path("publicKey").path("rawBytes").asText());
    Path good = Files.write(dir.resolve("rekor.pub"), PublicKeys.toPem(PublicKeys.fromDer(der)));
    Result ok = cli.with("SIGSTORE_REKOR_PUBLIC_KEY", good.toString()).run("verify-blob", "--key", pub.toString(),
        "--bundle", write("env-ok.json", bundle()).toString(), a.toString());
    assertEquals(0, ok.code(), ok.describe());
    // another key: its log ID is not the entry's
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(256);
    Path other = Files.write(dir.resolve("other-rekor.pub"), PublicKeys.toPem(g.generateKeyPair().getPublic()));
    Result bad = cli.with("SIGSTORE_REKOR_PUBLIC_KEY", other.toString()).run("verify-blob", "--key", pub.toString(),
        "--bundle", write("env-bad.json", bundle()).toString(), a.toString());
    assertCleanFailure(bad, 1, List.of("unknown transparency log c0d23d6a"));
  }

  @Test
  void tufCachedRootIsPreferredOverTheEmbeddedOne() throws IOException {
    Path tuf = dir.resolve("tuf");
    Path targets = Files.createDirectories(tuf.resolve("tuf-repo-cdn.sigstore.dev").resolve("targets"));
    Files.write(targets.resolve("trusted_root.json"), KeyVectors.bytes("conformance/rekor2-dsse-happy-path/trusted_root.json"));
    Result r = cli.with("TUF_ROOT", tuf.toString()).run("verify-blob", "--key", pub.toString(),
        "--bundle", write("tuf.json", bundle()).toString(), a.toString());
    assertCleanFailure(r, 1, List.of("unknown transparency log c0d23d6a"));
    // a remote.json naming another mirror moves the cache directory: the embedded root applies again
    Files.writeString(tuf.resolve("remote.json"), "{\"mirror\":\"https://mirror.example:8443/tuf\"}");
    Result other = cli.with("TUF_ROOT", tuf.toString()).run("verify-blob", "--key", pub.toString(),
        "--bundle", write("tuf2.json", bundle()).toString(), a.toString());
    assertEquals(0, other.code(), other.describe());
  }

  @Test
  void legacyBundleWithRekorBundleIsChecked() throws IOException {
    ObjectNode b = bundle();
    ObjectNode e = entry(b);
    ObjectNode legacy = Json.object();
    legacy.put("base64Signature", b.path("messageSignature").path("signature").asText());
    legacy.put("cert", Base64.getEncoder().encodeToString(Files.readAllBytes(pub)));
    ObjectNode rekor = legacy.putObject("rekorBundle");
    rekor.put("SignedEntryTimestamp", e.path("inclusionPromise").path("signedEntryTimestamp").asText());
    ObjectNode p = rekor.putObject("Payload");
    p.put("body", e.path("canonicalizedBody").asText());
    p.put("integratedTime", e.path("integratedTime").asLong());
    p.put("logIndex", e.path("logIndex").asLong());
    p.put("logID", HexFormat.of().formatHex(Base64.getDecoder().decode(e.path("logId").path("keyId").asText())));
    Result ok = verify(write("legacy.json", legacy));
    assertEquals(0, ok.code(), ok.describe());
    rekor.put("SignedEntryTimestamp", flipBase64(rekor.path("SignedEntryTimestamp").asText(), 20));
    assertCleanFailure(verify(write("legacy-bad.json", legacy)), 1, List.of("error verifying bundle: SET: signature invalid"));
    legacy.remove("rekorBundle");
    // no entry: looked up online (spec §4.4 step 3) unless --offline
    assertCleanFailure(verify(write("legacy-none.json", legacy), "--offline"), 1, List.of("offline verification failed"));
    assertCleanFailure(verify(write("legacy-none.json", legacy), "--rekor-url", "http://127.0.0.1:1"), 1,
        List.of("cannot reach transparency log at http://127.0.0.1:1"));
  }
}
