package dev.jcosign.cli;

import static dev.jcosign.testing.CleanErrors.assertCleanFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcosign.core.json.Json;
import dev.jcosign.core.tlog.SignedEntryTimestamp;
import dev.jcosign.core.tlog.TlogEntries;
import dev.jcosign.core.rekor.TlogEntry;
import dev.jcosign.core.tlog.TrustedRoot;
import dev.jcosign.testing.AttestFixture;
import dev.jcosign.testing.CliRunner.Result;
import dev.jcosign.testing.RegistryPeek;
import dev.jcosign.testkit.SigstoreMockServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sign}, {@code attest} and {@code sign-blob} with a signing config (spec §6.7) naming the loopback
 * Rekor v1 and TSA of {@link SigstoreMockServer}, beside services that must not be chosen (ended, not yet
 * valid, Rekor v2, dead ports): the signatures carry that log's entry and that TSA's timestamp (spec §3.2,
 * §6.3, §6.4, §6.6) and verify offline with the trusted root the mock publishes. A config whose log is
 * unreachable or failing pushes and writes nothing.
 */
@Tag("e2e")
class SigningConfigE2ETest {
  static final String MT = "\"mediaType\":\"application/vnd.dev.sigstore.signingconfig.v0.2+json\"";
  @TempDir static Path home;
  static AttestFixture f;
  static SigstoreMockServer mock;
  static TrustedRoot root;
  static Path rootFile;
  static Path config;

  @BeforeAll
  static void setUp() throws Exception {
    f = new AttestFixture(home);
    mock = SigstoreMockServer.get();
    root = mock.trustedRoot();
    rootFile = Files.write(home.resolve("trusted_root.json"), mock.trustedRootJson());
    config = Files.writeString(home.resolve("signing_config.json"), configJson(mock.url(), mock.tsaUrl()));
  }

  private static String service(String url, int version, String start, String end) {
    return "{\"url\":\"" + url + "\",\"majorApiVersion\":" + version + ",\"validFor\":{\"start\":\"" + start + "\""
        + (end == null ? "" : ",\"end\":\"" + end + "\"") + "},\"operator\":\"test.example\"}";
  }

  /**
   * The chosen Rekor and TSA, listed among others that must lose: an ended log, a Rekor v2 log that has
   * not begun (v2 is otherwise preferred for bundles, RekorV2E2ETest), an older log of the same operator, a
   * TSA whose validity has not begun; and the CA/OIDC
   * entries key-based signing ignores.
   */
  static String configJson(String rekor, String tsa) {
    String dead = "http://127.0.0.1:1";
    return "{" + MT + ","
        + "\"caUrls\":[" + service(dead + "/fulcio", 1, "2020-01-01T00:00:00Z", null) + "],"
        + "\"oidcUrls\":[" + service(dead + "/oidc", 1, "2020-01-01T00:00:00Z", null) + "],"
        + "\"rekorTlogUrls\":[" + service(dead + "/ended", 1, "2020-01-01T00:00:00Z", "2021-01-01T00:00:00Z") + ","
        + service(dead + "/v2", 2, "2999-01-01T00:00:00Z", null) + ","
        + service(dead + "/older", 1, "2021-01-01T00:00:00Z", null) + ","
        + service(rekor, 1, "2022-01-01T00:00:00Z", null) + "],"
        + "\"tsaUrls\":[" + service(dead + "/future", 1, "2999-01-01T00:00:00Z", null) + ","
        + (tsa == null ? "" : service(tsa, 1, "2023-01-01T00:00:00Z", null) + ",")
        + service(dead + "/older-tsa", 1, "2020-01-01T00:00:00Z", "2022-01-01T00:00:00Z") + "],"
        + "\"rekorTlogConfig\":{\"selector\":\"ANY\"},\"tsaConfig\":{\"selector\":\"EXACT\",\"count\":1}}";
  }

  private static String sigTag(String ref) {
    return AttestFixture.digestOf(ref).tagStem() + ".sig";
  }

  private static JsonNode sigLayer(String ref) {
    return Json.parse(RegistryPeek.manifest(f.reg, AttestFixture.repoOf(f.reg, ref), sigTag(ref)).orElseThrow(), "sig")
        .get("layers").get(0);
  }

  /** The layer's Rekor bundle, checked with the mock's log key; and its RFC 3161 annotation is present. */
  private static TlogEntry assertLoggedAndTimestamped(JsonNode layer) throws Exception {
    TlogEntry e = TlogEntries.fromLegacyBundle(
        layer.at("/annotations/dev.sigstore.cosign~1bundle").asText().getBytes(StandardCharsets.UTF_8));
    SignedEntryTimestamp.verify(e, root);
    assertTrue(layer.at("/annotations/dev.sigstore.cosign~1rfc3161timestamp").asText().startsWith("{\"SignedRFC3161Timestamp\":\""),
        layer.toString());
    return e;
  }

  @Test
  void signUsesTheConfiguredLogAndTsaAndVerifiesOffline() throws Exception {
    String ref = f.push("sc/sign", "sc-sign");
    Result r = f.cli.run("sign", "--key", f.key, "--signing-config", config.toString(), ref);
    assertEquals(0, r.code(), r.describe());
    assertTrue(r.err().contains("tlog entry created with index: "), r.err());
    assertLoggedAndTimestamped(sigLayer(ref));
    Result v = f.cli.run("verify", "--key", f.pub, "--trusted-root", rootFile.toString(), "--use-signed-timestamps", ref);
    assertEquals(0, v.code(), v.describe());
    Result wrong = f.cli.run("verify", "--key", f.otherPub, "--trusted-root", rootFile.toString(), ref);
    assertTrue(wrong.code() != 0, wrong.describe());
  }

  @Test
  void attestUsesTheConfiguredLogAndTsa() throws Exception {
    String ref = f.push("sc/attest", "sc-attest");
    Result r = f.cli.run("attest", "--key", f.key, "--signing-config", config.toString(), "--type", "custom", "--predicate",
        f.file("sc-pred.txt", "signed with a signing config\n").toString(), ref);
    assertEquals(0, r.code(), r.describe());
    JsonNode layer = f.attManifest(ref).get("layers").get(0);
    TlogEntry e = assertLoggedAndTimestamped(layer);
    assertEquals("dsse", Json.parse(e.canonicalBody(), "body").get("kind").asText());
    Result v = f.cli.run("verify-attestation", "--key", f.pub, "--trusted-root", rootFile.toString(), "--type", "custom", ref);
    assertEquals(0, v.code(), v.describe());
    Result ts = f.cli.run("verify-attestation", "--key", f.pub, "--insecure-ignore-tlog", "--trusted-root", rootFile.toString(),
        "--use-signed-timestamps", "--type", "custom", ref);
    assertEquals(0, ts.code(), ts.describe());
  }

  private static void assertBundleLoggedAndTimestamped(Path bundle) throws Exception {
    JsonNode b = Json.parse(Files.readAllBytes(bundle), "bundle");
    JsonNode t = b.at("/verificationMaterial/tlogEntries/0");
    assertEquals("hashedrekord", t.at("/kindVersion/kind").asText());
    SignedEntryTimestamp.verify(TlogEntries.fromBundleTlogEntry(t), root);
    assertFalse(b.at("/verificationMaterial/timestampVerificationData/rfc3161Timestamps/0/signedTimestamp").asText().isEmpty(),
        b.toString());
  }

  @Test
  void signBlobBundleCarriesTheEntryAndTheTimestamp() throws Exception {
    Path blob = f.file("sc-blob.txt", "blob signed with a signing config\n");
    Path bundle = home.resolve("sc-blob.sigstore.json");
    Result r = f.cli.run("sign-blob", "--key", f.key, "--signing-config", config.toString(), "--new-bundle-format",
        "--bundle", bundle.toString(), blob.toString());
    assertEquals(0, r.code(), r.describe());
    assertBundleLoggedAndTimestamped(bundle);
    Result v = f.cli.run("verify-blob", "--key", f.pub, "--bundle", bundle.toString(), "--trusted-root", rootFile.toString(),
        "--use-signed-timestamps", blob.toString());
    assertEquals(0, v.code(), v.describe());
    // the legacy outputs have no room for the config's timestamp unless given a file for it (spec §6.4)
    assertCleanFailure(f.cli.run("sign-blob", "--key", f.key, "--signing-config", config.toString(), blob.toString()), 1,
        List.of("tsaUrls of the signing config", "needs --rfc3161-timestamp FILE"));
  }

  /** --use-signing-config: the signing config of a TUF cache laid out on disk (default mirror, no remote.json). */
  @Test
  void useSigningConfigReadsTheTufCache() throws Exception {
    Path tuf = home.resolve("tuf-cache");
    Path target = tuf.resolve("tuf-repo-cdn.sigstore.dev/targets/signing_config.v0.2.json");
    Files.createDirectories(target.getParent());
    Files.copy(config, target);
    Path blob = f.file("sc-tuf.txt", "blob signed with the TUF signing config\n");
    Path bundle = home.resolve("sc-tuf.sigstore.json");
    Result r = f.cli.with("TUF_ROOT", tuf.toString()).run("sign-blob", "--key", f.key, "--use-signing-config",
        "--new-bundle-format", "--bundle", bundle.toString(), blob.toString());
    assertEquals(0, r.code(), r.describe());
    assertBundleLoggedAndTimestamped(bundle);
    Result v = f.cli.run("verify-blob", "--key", f.pub, "--bundle", bundle.toString(), "--trusted-root", rootFile.toString(),
        "--use-signed-timestamps", blob.toString());
    assertEquals(0, v.code(), v.describe());

    String ref = f.push("sc/tuf", "sc-tuf");
    Result s = f.cli.with("TUF_ROOT", tuf.toString()).with("COSIGN_USE_SIGNING_CONFIG", "true").run("sign", "--key", f.key, ref);
    assertEquals(0, s.code(), s.describe());
    assertLoggedAndTimestamped(sigLayer(ref));
  }

  @Test
  void aConfigWithoutTsaUrlsTimestampsNothing() throws Exception {
    Path noTsa = Files.writeString(home.resolve("no-tsa.json"), "{" + MT + ",\"rekorTlogUrls\":["
        + service(mock.url(), 1, "2022-01-01T00:00:00Z", null) + "],\"rekorTlogConfig\":{\"selector\":\"ANY\"}}");
    String ref = f.push("sc/no-tsa", "sc-no-tsa");
    Result r = f.cli.run("sign", "--key", f.key, "--signing-config", noTsa.toString(), ref);
    assertEquals(0, r.code(), r.describe());
    JsonNode layer = sigLayer(ref);
    assertTrue(layer.at("/annotations/dev.sigstore.cosign~1bundle").isTextual(), layer.toString());
    assertTrue(layer.at("/annotations/dev.sigstore.cosign~1rfc3161timestamp").isMissingNode(), layer.toString());
  }

  @Test
  void anUnreachableOrFailingConfiguredLogPushesNothing() throws Exception {
    String ref = f.push("sc/fails", "sc-fails");
    String repo = AttestFixture.repoOf(f.reg, ref);
    for (String url : List.of("http://127.0.0.1:1", mock.failingUrl(503))) {
      Path cfg = Files.writeString(home.resolve("failing.json"), configJson(url, mock.tsaUrl()));
      assertCleanFailure(f.cli.run("sign", "--key", f.key, "--signing-config", cfg.toString(), ref), 1,
          List.of("transparency log", url));
      assertCleanFailure(f.cli.run("attest", "--key", f.key, "--signing-config", cfg.toString(), "--type", "custom",
          "--predicate", f.file("sc-fail.txt", "x").toString(), ref), 1, List.of("transparency log", url));
      Path bundle = home.resolve("sc-fail.sigstore.json");
      assertCleanFailure(f.cli.run("sign-blob", "--key", f.key, "--signing-config", cfg.toString(), "--new-bundle-format",
          "--bundle", bundle.toString(), f.file("sc-fail.bin", "x").toString()), 1, List.of("transparency log", url));
      assertFalse(Files.exists(bundle), "no bundle written");
    }
    // a config refused before signing pushes nothing either
    Path all = Files.writeString(home.resolve("all.json"), configJson(mock.url(), mock.tsaUrl())
        .replace("\"tsaConfig\":{\"selector\":\"EXACT\",\"count\":1}", "\"tsaConfig\":{\"selector\":\"EXACT\",\"count\":2}"));
    assertCleanFailure(f.cli.run("sign", "--key", f.key, "--signing-config", all.toString(), ref), 1,
        List.of("tsaConfig EXACT:2 asks for 2 timestamp authorities but only 1"));
    assertFalse(RegistryPeek.manifest(f.reg, repo, sigTag(ref)).isPresent(), "no .sig pushed");
    assertFalse(RegistryPeek.manifest(f.reg, repo, AttestFixture.attTag(ref)).isPresent(), "no .att pushed");
  }
}
