package dev.jcosign.referrers;

import static dev.jcosign.testing.CleanErrors.assertCleanFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcosign.core.json.Json;
import dev.jcosign.core.oci.Digest;
import dev.jcosign.core.oci.MediaTypes;
import dev.jcosign.testing.CliRunner;
import dev.jcosign.testing.CliRunner.Result;
import dev.jcosign.testing.TwoKeys;
import dev.jcosign.testkit.FaultRegistry;
import dev.jcosign.testkit.FaultRegistry.ReferrersApi;
import dev.jcosign.testkit.TestImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * The referrers-API side of cosign v3's layout (keyless spec §1.5-1.6), against the in-process registry
 * fake, the only peer here with the API (the Debian registry has none): with the API no fallback tag is
 * written and the list comes from the API; 404, 400, 406 and a 200 of another content type all mean the
 * fallback tag; junk referrers are skipped; {@code COSIGN_REPOSITORY} moves both sides.
 */
class ReferrersApiTest {
  @TempDir static Path home;
  static CliRunner cli;
  static TwoKeys keys;
  FaultRegistry fr;

  @BeforeAll
  static void keys() {
    cli = new CliRunner(home).with("COSIGN_PASSWORD", "pw");
    keys = TwoKeys.generate(cli, home);
  }

  @BeforeEach
  void start() {
    fr = FaultRegistry.start();
  }

  @AfterEach
  void stop() {
    fr.close();
  }

  String push(String repo) {
    return fr.host() + "/" + repo + "@" + TestImages.push(fr, repo, "v1", repo).manifestDigest();
  }

  Result sign(CliRunner c, String ref) {
    return c.run("sign", "--key", keys.key(), "--tlog-upload=false", "--new-bundle-format", ref);
  }

  Result verify(CliRunner c, String ref) {
    return c.run("verify", "--key", keys.pub(), "--insecure-ignore-tlog", ref);
  }

  @Test
  void withTheApi_noFallbackTagAndTheListComesFromTheApi() {
    fr.referrersApi(ReferrersApi.SUPPORTED);
    String ref = push("api/ok");
    Digest d = Digest.parse(ref.substring(ref.indexOf('@') + 1));
    Result s = sign(cli, ref);
    assertEquals(0, s.code(), s.describe());
    assertFalse(fr.manifest("api/ok", d).isEmpty());
    assertTrue(fr.taggedManifest("api/ok", d.tagStem()).isEmpty(), "no fallback tag with the API");
    assertTrue(fr.requests("GET", "/v2/api/ok/referrers/" + d).size() >= 1, fr.requests().toString());
    assertTrue(fr.requests("PUT", "/manifests/" + d.tagStem()).isEmpty(), "no fallback tag with the API");
    fr.clearRequests();
    Result v = verify(cli, ref);
    assertEquals(0, v.code(), v.describe());
    assertTrue(fr.requests("GET", "/manifests/" + d.tagStem()).isEmpty(), "the API's list is used: " + fr.requests());
  }

  @Test
  void oci11SignatureReferrer_withTheApi_isListedByTheRegistryAndVerified() {
    fr.referrersApi(ReferrersApi.SUPPORTED);
    String ref = push("api/oci11");
    Digest d = Digest.parse(ref.substring(ref.indexOf('@') + 1));
    CliRunner x = cli.with("COSIGN_EXPERIMENTAL", "1");
    Result s = x.run("sign", "--key", keys.key(), "--tlog-upload=false", "--registry-referrers-mode=oci-1-1", ref);
    assertEquals(0, s.code(), s.describe());
    assertTrue(fr.taggedManifest("api/oci11", d.tagStem()).isEmpty(), "no fallback tag with the API");
    assertTrue(fr.taggedManifest("api/oci11", d.tagStem() + ".sig").isEmpty(), "no .sig tag");
    Result v = x.run("verify", "--experimental-oci11", "--key", keys.pub(), "--insecure-ignore-tlog", ref);
    assertEquals(0, v.code(), v.describe());
  }

  @ParameterizedTest
  @EnumSource(value = ReferrersApi.class, names = {"ABSENT", "BAD_REQUEST", "NOT_ACCEPTABLE", "WRONG_CONTENT_TYPE"})
  void withoutAUsableApi_theFallbackTagIsWrittenAndRead(ReferrersApi mode) {
    fr.referrersApi(mode);
    String ref = push("api/fallback");
    Digest d = Digest.parse(ref.substring(ref.indexOf('@') + 1));
    Result s = sign(cli, ref);
    assertEquals(0, s.code(), s.describe());
    assertEquals(1, fr.requests("PUT", "/manifests/" + d.tagStem()).size(), fr.requests().toString());
    Result v = verify(cli, ref);
    assertEquals(0, v.code(), v.describe());
  }

  @Test
  void junkReferrersAreSkipped_andOnlyJunkMeansTheLegacyPath() {
    fr.referrersApi(ReferrersApi.SUPPORTED);
    String ref = push("api/junk");
    Digest d = Digest.parse(ref.substring(ref.indexOf('@') + 1));
    // two layers, and a bundle layer that is not a bundle: both ignored, as cosign ignores them
    byte[] junk1 = referrer(d, "{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\",\"size\":2,\"digest\":\""
        + fr.putBlob("api/junk", "{}".getBytes(StandardCharsets.UTF_8)) + "\"}");
    fr.putManifest("api/junk", null, junk1, MediaTypes.OCI_MANIFEST);
    Result none = verify(cli, ref);
    assertCleanFailure(none, 10, List.of("no signatures found")); // no usable bundle: the legacy .sig path, which has none
    assertEquals(0, sign(cli, ref).code());
    Result v = verify(cli, ref);
    assertEquals(0, v.code(), v.describe());
  }

  @Test
  void twoLayersOrAnotherMediaTypeAreSkipped_andABundleForAnotherImageIsRefused() throws Exception {
    fr.referrersApi(ReferrersApi.SUPPORTED);
    String a = push("api/a");
    String b = push("api/b");
    Digest db = Digest.parse(b.substring(b.indexOf('@') + 1));
    Path bundle = home.resolve("for-a.sigstore.json");
    assertEquals(0, cli.run("sign", "--key", keys.key(), "--tlog-upload=false", "--new-bundle-format", "--upload=false",
        "--bundle", bundle.toString(), a).code());
    byte[] bytes = java.nio.file.Files.readAllBytes(bundle);
    Digest layer = fr.putBlob("api/b", bytes);
    String bundleLayer = "{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\",\"size\":" + bytes.length
        + ",\"digest\":\"" + layer + "\"}";
    // junk: two bundle layers, and the bundle under another media type: both skipped, so the legacy path
    fr.putManifest("api/b", null, referrer(db, bundleLayer + "," + bundleLayer, "api/b"), MediaTypes.OCI_MANIFEST);
    fr.putManifest("api/b", null, referrer(db, bundleLayer.replace("application/vnd.dev.sigstore.bundle.v0.3+json", "application/json"),
        "api/b"), MediaTypes.OCI_MANIFEST);
    assertCleanFailure(verify(cli, b), 10, List.of("no signatures found"));
    // a real bundle, but about image a, attached to image b: found, and refused with its reason
    fr.putManifest("api/b", null, referrer(db, bundleLayer, "api/b"), MediaTypes.OCI_MANIFEST);
    assertCleanFailure(verify(cli, b), 1, List.of("no bundle attached to the image verifies", "statement is not about"));
  }

  byte[] referrer(Digest subject, String layer) {
    return referrer(subject, layer, "api/junk");
  }

  byte[] referrer(Digest subject, String layer, String repo) {
    Digest empty = fr.putBlob(repo, "{}".getBytes(StandardCharsets.UTF_8));
    return ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":"
        + "\"application/vnd.oci.empty.v1+json\",\"size\":2,\"digest\":\"" + empty + "\"},\"layers\":[" + layer + "],"
        + "\"subject\":{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"size\":1,\"digest\":\"" + subject + "\"},"
        + "\"artifactType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\"}").getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void cosignRepository_holdsTheReferrerAndIsReadBack() {
    String ref = push("api/image");
    Digest d = Digest.parse(ref.substring(ref.indexOf('@') + 1));
    CliRunner moved = cli.with("COSIGN_REPOSITORY", fr.host() + "/api/signatures");
    Result s = sign(moved, ref);
    assertEquals(0, s.code(), s.describe());
    JsonNode index = Json.parse(fr.taggedManifest("api/signatures", d.tagStem()).orElseThrow(), "index");
    assertEquals(1, index.path("manifests").size());
    assertEquals(0, verify(moved, ref).code());
    assertCleanFailure(verify(cli, ref), 10, List.of("no signatures found"));
  }
}
