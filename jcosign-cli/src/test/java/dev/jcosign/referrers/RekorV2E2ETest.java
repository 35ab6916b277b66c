package dev.jcosign.referrers;

import static dev.jcosign.testing.CleanErrors.assertCleanFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcosign.core.json.Json;
import dev.jcosign.testing.AttestFixture;
import dev.jcosign.testing.CliRunner;
import dev.jcosign.testing.CliRunner.Result;
import dev.jcosign.testkit.SigstoreMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writing to a Rekor v2 log (issue 10, cosign-spec §6.3, keyless spec §1.1 step 5d) chosen by a signing config
 * that offers v1 and v2: Sigstore bundle outputs get a {@code hashedrekord} 0.0.2 entry (inclusion proof and
 * checkpoint, no SET, no integrated time) and a TSA timestamp, and verify; the legacy outputs keep the v1
 * log; a v2 log without a TSA is refused before anything is signed.
 */
@Tag("e2e")
class RekorV2E2ETest {
  @TempDir static Path home;
  static AttestFixture f;
  static SigstoreMockServer mock;
  static Path root;
  static Path config;
  static Path blob;

  static String service(String url, int version) {
    return "{\"url\":\"" + url + "\",\"majorApiVersion\":" + version + ",\"validFor\":{\"start\":\"2020-01-01T00:00:00Z\"},"
        + "\"operator\":\"loopback-v" + version + "\"}";
  }

  static Path config(String name, boolean tsa) throws Exception {
    return Files.writeString(home.resolve(name), "{\"mediaType\":\"application/vnd.dev.sigstore.signingconfig.v0.2+json\","
        + "\"caUrls\":[" + service(mock.url(), 1) + "],\"oidcUrls\":[" + service(mock.url(), 1) + "],"
        + "\"rekorTlogUrls\":[" + service(mock.url(), 1) + "," + service(mock.url(), 2) + "],\"rekorTlogConfig\":{\"selector\":\"ANY\"},"
        + (tsa ? "\"tsaUrls\":[" + service(mock.tsaUrl(), 1) + "]," : "") + "\"tsaConfig\":{\"selector\":\"ANY\"}}");
  }

  @BeforeAll
  static void setUp() throws Exception {
    f = new AttestFixture(home);
    mock = SigstoreMockServer.get();
    root = Files.write(home.resolve("mock-root.json"), mock.trustedRootJson());
    config = config("v1-and-v2.json", true);
    blob = f.file("release.txt", "logged to a tile-backed log\n");
  }

  static JsonNode entry(Path bundle) throws Exception {
    return Json.parse(Files.readAllBytes(bundle), "bundle").path("verificationMaterial").path("tlogEntries").get(0);
  }

  @Test
  void keyBundle_getsAV2EntryAndVerifiesByCheckpointAndTimestamp() throws Exception {
    Path bundle = home.resolve("key-v2.sigstore.json");
    Result s = f.cli.run("sign-blob", "--key", f.key, "--signing-config", config.toString(), "--trusted-root", root.toString(),
        "--new-bundle-format", "--bundle", bundle.toString(), blob.toString());
    assertEquals(0, s.code(), s.describe());
    JsonNode e = entry(bundle);
    assertEquals("0.0.2", e.path("kindVersion").path("version").asText(), e.toString());
    assertFalse(e.has("inclusionPromise") || e.has("integratedTime"), e.toString());
    assertTrue(e.path("inclusionProof").path("checkpoint").has("envelope"), e.toString());
    Result v = f.cli.run("verify-blob", "--key", f.pub, "--trusted-root", root.toString(), "--bundle", bundle.toString(), blob.toString());
    assertEquals(0, v.code(), v.describe());
    assertCleanFailure(f.cli.run("verify-blob", "--key", f.otherPub, "--trusted-root", root.toString(), "--bundle", bundle.toString(),
        blob.toString()), 1, List.of("signed with another key"));
  }

  @Test
  void keylessBlobAttestationAndImage_allOnV2() throws Exception {
    CliRunner keyless = f.cli.with("SIGSTORE_ID_TOKEN", mock.token("sub=v2@example.com"));
    Path bundle = home.resolve("keyless-v2.sigstore.json");
    Result s = keyless.run("sign-blob", "-y", "--signing-config", config.toString(), "--trusted-root", root.toString(),
        "--bundle", bundle.toString(), blob.toString());
    assertEquals(0, s.code(), s.describe());
    assertEquals("0.0.2", entry(bundle).path("kindVersion").path("version").asText());
    Result v = f.cli.run("verify-blob", "--trusted-root", root.toString(), "--certificate-identity", "v2@example.com",
        "--certificate-oidc-issuer", mock.url(), "--bundle", bundle.toString(), blob.toString());
    assertEquals(0, v.code(), v.describe());
    // sigstore-js (@sigstore/verify) agrees: checkpoint, inclusion proof, timestamp, certificate
    Path npm = dev.jcosign.blob.SigstoreJsCrossCheckSupport.verifierDir();
    Path script = npm.resolve("verify-keyless-bundle.js");
    Files.write(script, dev.jcosign.testing.KeyVectors.class.getResourceAsStream("/sigstore-js/verify-keyless-bundle.js").readAllBytes());
    Process js = new ProcessBuilder("node", script.toString(), bundle.toString(), blob.toString(), root.toString(), "v2@example.com",
        mock.url()).directory(npm.toFile()).redirectErrorStream(true).start();
    String jsOut = new String(js.getInputStream().readAllBytes());
    assertTrue(js.waitFor(120, java.util.concurrent.TimeUnit.SECONDS) && js.exitValue() == 0,
        "sigstore-js must accept the Rekor v2 bundle: " + jsOut);
    Path pred = f.file("v2-pred.json", "{\"ok\":true}");
    Path att = home.resolve("att-v2.sigstore.json");
    Result a = keyless.run("attest-blob", "-y", "--signing-config", config.toString(), "--trusted-root", root.toString(),
        "--predicate", pred.toString(), "--type", "https://example.com/p", "--bundle", att.toString(), blob.toString());
    assertEquals(0, a.code(), a.describe());
    assertEquals("hashedrekord", entry(att).path("kindVersion").path("kind").asText(), "DSSE goes to v2 as a hashedrekord over the PAE");
    Result va = f.cli.run("verify-blob-attestation", "--trusted-root", root.toString(), "--certificate-identity", "v2@example.com",
        "--certificate-oidc-issuer", mock.url(), "--type", "https://example.com/p", "--bundle", att.toString(), blob.toString());
    assertEquals(0, va.code(), va.describe());
    String ref = f.push("v2/image", "v2 image");
    Result si = keyless.run("sign", "-y", "--new-bundle-format", "--signing-config", config.toString(), "--trusted-root",
        root.toString(), ref);
    assertEquals(0, si.code(), si.describe());
    Result vi = f.cli.run("verify", "--trusted-root", root.toString(), "--certificate-identity", "v2@example.com",
        "--certificate-oidc-issuer", mock.url(), ref);
    assertEquals(0, vi.code(), vi.describe());
  }

  @Test
  void legacyOutputsKeepTheV1Log_andV2WithoutATsaIsRefused() throws Exception {
    Path legacy = home.resolve("legacy.bundle.json");
    Result s = f.cli.run("sign-blob", "--key", f.key, "--signing-config", config.toString(), "--trusted-root", root.toString(),
        "--bundle", legacy.toString(), "--rfc3161-timestamp", home.resolve("ts.json").toString(), blob.toString());
    assertEquals(0, s.code(), s.describe());
    assertTrue(Json.parse(Files.readAllBytes(legacy), "legacy").path("rekorBundle").has("SignedEntryTimestamp"));
    Path noTsa = config("v2-no-tsa.json", false);
    Path out = home.resolve("never.json");
    assertCleanFailure(f.cli.run("sign-blob", "--key", f.key, "--signing-config", noTsa.toString(), "--new-bundle-format",
        "--bundle", out.toString(), blob.toString()), 1, List.of("a timestamp authority must be provided"));
    assertFalse(Files.exists(out));
  }
}
