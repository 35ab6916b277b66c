package dev.jcosign.cli;

import static dev.jcosign.testing.CleanErrors.assertCleanFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcosign.core.json.Json;
import dev.jcosign.testing.AttestFixture;
import dev.jcosign.testing.CliRunner.Result;
import dev.jcosign.testing.RegistryPeek;
import dev.jcosign.testing.TestRekorLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Legacy {@code .sig} layers carrying a {@code dev.sigstore.cosign/bundle} annotation (spec §4.4
 * step 3, §4.5) on a real registry: the entry is made by a test log whose key is given through
 * {@code --trusted-root} or {@code SIGSTORE_REKOR_PUBLIC_KEY}; mutations are rejected with exit 12.
 */
@Tag("e2e")
class TlogBundleVerifyE2ETest {
  static final String TLOG_LINE = "  - Existence of the claims in the transparency log was verified offline\n";
  @TempDir static Path home;
  static AttestFixture f;
  static TestRekorLog log;
  static Path root;
  static byte[] pubPem;

  @BeforeAll
  static void setUp() throws IOException {
    f = new AttestFixture(home);
    log = new TestRekorLog();
    root = log.writeTrustedRoot(home.resolve("test_root.json"));
    pubPem = Files.readAllBytes(Path.of(f.pub));
  }

  /** A signed image; returns its reference. */
  private static String signed(String repo) {
    String ref = f.push(repo, repo);
    Result s = f.cli.run("sign", "--key", f.key, "--tlog-upload=false", "-y", ref);
    assertEquals(0, s.code(), s.describe());
    return ref;
  }

  private static String sigTag(String ref) {
    return AttestFixture.digestOf(ref).tagStem() + ".sig";
  }

  private static ObjectNode sigManifest(String ref) {
    return (ObjectNode) Json.parse(RegistryPeek.manifest(f.reg, AttestFixture.repoOf(f.reg, ref), sigTag(ref)).orElseThrow(), "sig");
  }

  private static byte[] payload(String ref) {
    String digest = sigManifest(ref).path("layers").get(0).path("digest").asText();
    return RegistryPeek.blob(f.reg, AttestFixture.repoOf(f.reg, ref), digest).orElseThrow();
  }

  private static String signature(String ref) {
    return sigManifest(ref).path("layers").get(0).path("annotations").path("dev.cosignproject.cosign/signature").asText();
  }

  /** Replaces the annotation of the first layer and pushes the manifest back under the .sig tag. */
  private static void annotate(String ref, String tag, String key, String annotation) {
    ObjectNode m = tag.endsWith(".sig") ? sigManifest(ref)
        : (ObjectNode) Json.parse(RegistryPeek.manifest(f.reg, AttestFixture.repoOf(f.reg, ref), tag).orElseThrow(), "att");
    ((ObjectNode) m.path("layers").get(0).path("annotations")).put(key, annotation);
    TestRekorLog.putManifest(f.reg, AttestFixture.repoOf(f.reg, ref), tag, Json.write(m), m.path("mediaType").asText());
  }

  private static String goodAnnotation(String ref) {
    byte[] body = TestRekorLog.hashedRekordBody(TestRekorLog.sha256Hex(payload(ref)), signature(ref), pubPem);
    return log.annotation(body, 42, 1_700_000_000L);
  }

  private static Result verify(String ref, String... flags) {
    List<String> args = new java.util.ArrayList<>(List.of("verify", "--key", f.pub));
    args.addAll(List.of(flags));
    args.add(ref);
    return f.cli.run(args.toArray(String[]::new));
  }

  @Test
  void bundleVerifiesWithTrustedRootAndShowsInOutput() {
    String ref = signed("tlog/ok");
    String annotation = goodAnnotation(ref);
    annotate(ref, sigTag(ref), "dev.sigstore.cosign/bundle", annotation);
    Result r = verify(ref, "--trusted-root", root.toString());
    assertEquals(0, r.code(), r.describe());
    assertTrue(r.err().contains("The following checks were performed on each of these signatures:\n"
        + "  - The cosign claims were validated\n" + TLOG_LINE
        + "  - The signatures were verified against the specified public key\n"), r.err());
    JsonNode item = Json.parse(r.out().strip().getBytes(), "out").get(0);
    // cosign's RekorBundle struct, as the annotation was written
    assertEquals(annotation, Json.writeString(item.path("optional").path("Bundle")));
    assertTrue(r.out().contains("\"optional\":{\"Bundle\":{\"SignedEntryTimestamp\":"), r.out());

    Result viaEnv = f.cli.with("SIGSTORE_REKOR_PUBLIC_KEY", log.writePublicKey(home.resolve("rekor.pub")).toString()).run(
        "verify", "--key", f.pub, ref);
    assertEquals(0, viaEnv.code(), viaEnv.describe());
    assertTrue(viaEnv.err().contains(TLOG_LINE), viaEnv.err());

    // --insecure-ignore-tlog: no header line, the bundle is still printed (as cosign does)
    Result ignored = verify(ref, "--insecure-ignore-tlog");
    assertEquals(0, ignored.code(), ignored.describe());
    assertFalse(ignored.err().contains("transparency log was verified"), ignored.err());
    assertTrue(ignored.out().contains("\"Bundle\":{"), ignored.out());

    // the embedded public-good root does not know the test log
    assertCleanFailure(verify(ref), 12, List.of("no matching signatures: error verifying bundle: "
        + "transparency log entry: unknown transparency log " + log.logIdHex()));
  }

  @Test
  void mutatedAnnotationsAreRejected() {
    String ref = signed("tlog/mutated");
    String good = goodAnnotation(ref);
    String sig = signature(ref);
    String hash = TestRekorLog.sha256Hex(payload(ref));
    JsonNode g = Json.parse(good.getBytes(), "a");
    String set = g.path("SignedEntryTimestamp").asText();
    byte[] setBytes = Base64.getDecoder().decode(set);
    setBytes[12] ^= 1;
    String[][] cases = {
        {good.replace(set, Base64.getEncoder().encodeToString(setBytes)), "SET: signature invalid for log " + log.logIdHex()},
        {good.replace("\"logIndex\":42", "\"logIndex\":43"), "SET: signature invalid"},
        {log.annotation(TestRekorLog.hashedRekordBody(hash.replace(hash.charAt(0), hash.charAt(0) == 'a' ? 'b' : 'a'), sig, pubPem), 1, 1_700_000_000L),
            "transparency log entry: artifact digest does not match"},
        {log.annotation(TestRekorLog.hashedRekordBody(hash, Base64.getEncoder().encodeToString(new byte[70]), pubPem), 1, 1_700_000_000L),
            "transparency log entry: signature does not match"},
        {log.annotation(TestRekorLog.hashedRekordBody(hash, sig, readPem(f.otherPub)), 1, 1_700_000_000L),
            "transparency log entry: public key or certificate does not match"},
        {good.replace(log.logIdHex(), "00".repeat(32)), "unknown transparency log " + "00".repeat(32)},
        {"{not json", "error verifying bundle: parsing cosign bundle annotation"},
    };
    for (String[] c : cases) {
      annotate(ref, sigTag(ref), "dev.sigstore.cosign/bundle", c[0]);
      Result r = verify(ref, "--trusted-root", root.toString());
      assertCleanFailure(r, 12, List.of("no matching signatures: ", c[1]));
      assertFalse(r.err().contains("transparency log was verified"), r.err());
    }
  }

  @Test
  void localImageAndOfflineWording() throws IOException {
    String ref = signed("tlog/local");
    Result noBundle = verify(ref, "--offline", "--trusted-root", root.toString());
    assertCleanFailure(noBundle, 12, List.of("offline verification failed"));
    annotate(ref, sigTag(ref), "dev.sigstore.cosign/bundle", goodAnnotation(ref));
    Path dir = home.resolve("saved");
    Result save = f.cli.run("save", "--dir", dir.toString(), ref);
    assertEquals(0, save.code(), save.describe());
    Result local = f.cli.run("verify", "--key", f.pub, "--local-image", "--trusted-root", root.toString(), dir.toString());
    assertEquals(0, local.code(), local.describe());
    assertTrue(local.err().contains(TLOG_LINE), local.err());
    assertTrue(local.out().contains("\"Bundle\":{"), local.out());
  }

  @Test
  void malformedTrustedRootIsTheCommandsError() throws IOException {
    String ref = signed("tlog/badroot");
    annotate(ref, sigTag(ref), "dev.sigstore.cosign/bundle", goodAnnotation(ref));
    Path bad = Files.writeString(home.resolve("bad.json"), "[1,2");
    assertCleanFailure(verify(ref, "--trusted-root", bad.toString()), 1, List.of("--trusted-root " + bad));
  }

  @Test
  void attestationBundleIsCheckedAgainstTheEnvelope() {
    String ref = f.push("tlog/att", "att");
    Result a = f.attest(ref, "custom", f.file("pred.txt", "hello\n"));
    assertEquals(0, a.code(), a.describe());
    byte[] envelope = f.attLayer(ref, 0);
    JsonNode env = Json.parse(envelope, "env");
    byte[] payload = Base64.getDecoder().decode(env.path("payload").asText());
    String sig = env.path("signatures").get(0).path("sig").asText();
    String attTag = AttestFixture.attTag(ref);
    annotate(ref, attTag, "dev.sigstore.cosign/bundle",
        log.annotation(TestRekorLog.dsseBody(envelope, payload, sig, pubPem), 7, 1_700_000_000L));
    Result v = f.cli.run("verify-attestation", "--key", f.pub, "--trusted-root", root.toString(), ref);
    assertEquals(0, v.code(), v.describe());
    assertTrue(v.err().contains("  - The cosign claims were validated\n" + TLOG_LINE), v.err());
    assertEquals(new String(envelope, java.nio.charset.StandardCharsets.UTF_8) + "\n", v.out());

    annotate(ref, attTag, "dev.sigstore.cosign/bundle",
        log.annotation(TestRekorLog.dsseBody("{}".getBytes(), payload, sig, pubPem), 7, 1_700_000_000L));
    Result bad = f.cli.run("verify-attestation", "--key", f.pub, "--trusted-root", root.toString(), ref);
    assertCleanFailure(bad, 1, List.of("no matching attestations: error verifying bundle: transparency log entry: envelope hash does not match"));

    String rekord = "{\"apiVersion\":\"0.0.3\",\"kind\":\"rekord\",\"spec\":{}}";
    annotate(ref, attTag, "dev.sigstore.cosign/bundle", log.annotation(rekord.getBytes(), 7, 1_700_000_000L));
    Result unsupported = f.cli.run("verify-attestation", "--key", f.pub, "--trusted-root", root.toString(), ref);
    assertCleanFailure(unsupported, 1, List.of("unsupported kind \"rekord 0.0.3\""));
  }

  /** cosign v2 {@code --rekor-entry-type intoto} entries (v0.0.1) and sigstore-js / cosign 2.0 ones (v0.0.2). */
  @Test
  void intotoEntriesAreCheckedAgainstTheEnvelope() {
    String ref = f.push("tlog/intoto", "intoto");
    assertEquals(0, f.attest(ref, "custom", f.file("pred-intoto.txt", "hello intoto\n")).code());
    byte[] envelope = f.attLayer(ref, 0);
    JsonNode env = Json.parse(envelope, "env");
    byte[] payload = Base64.getDecoder().decode(env.path("payload").asText());
    String type = env.path("payloadType").asText();
    String sig = env.path("signatures").get(0).path("sig").asText();
    byte[] otherPem = readPem(f.otherPub);
    String attTag = AttestFixture.attTag(ref);
    java.util.function.Function<byte[], Result> with = body -> {
      annotate(ref, attTag, "dev.sigstore.cosign/bundle", log.annotation(body, 8, 1_700_000_000L));
      return f.cli.run("verify-attestation", "--key", f.pub, "--trusted-root", root.toString(), ref);
    };
    Result v1 = with.apply(TestRekorLog.intotoV1Body(envelope, payload, pubPem));
    assertEquals(0, v1.code(), v1.describe());
    assertTrue(v1.err().contains(TLOG_LINE), v1.err());
    Result v2 = with.apply(TestRekorLog.intotoV2Body(type, payload, sig, pubPem));
    assertEquals(0, v2.code(), v2.describe());

    String p = "no matching attestations: error verifying bundle: transparency log entry: ";
    assertCleanFailure(with.apply(TestRekorLog.intotoV1Body("{}".getBytes(), payload, pubPem)), 1, List.of(p + "envelope hash does not match"));
    assertCleanFailure(with.apply(TestRekorLog.intotoV1Body(envelope, "x".getBytes(), pubPem)), 1, List.of(p + "payload hash does not match"));
    assertCleanFailure(with.apply(TestRekorLog.intotoV1Body(envelope, payload, otherPem)), 1,
        List.of(p + "public key or certificate does not match"));
    assertCleanFailure(with.apply(TestRekorLog.intotoV2Body(type, "x".getBytes(), sig, pubPem)), 1, List.of(p + "payload hash does not match"));
    assertCleanFailure(with.apply(TestRekorLog.intotoV2Body(type, payload, "AAAA", pubPem)), 1, List.of(p + "signature does not match"));
    assertCleanFailure(with.apply(TestRekorLog.intotoV2Body(type, payload, sig, otherPem)), 1,
        List.of(p + "public key or certificate does not match"));
    assertCleanFailure(with.apply(TestRekorLog.intotoV2Body("text/plain", payload, sig, pubPem)), 1, List.of(p + "payload type"));
  }

  private static byte[] readPem(String file) {
    try {
      return Files.readAllBytes(Path.of(file));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
