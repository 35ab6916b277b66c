package dev.jcosign.cli;

import static dev.jcosign.testing.CleanErrors.assertCleanFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcosign.core.json.Json;
import dev.jcosign.testing.AttestFixture;
import dev.jcosign.testing.CliRunner.Result;
import dev.jcosign.testing.RegistryPeek;
import dev.jcosign.testkit.SigstoreMockServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * verify / verify-blob of signatures that carry no bundle: the log is searched online
 * ({@code POST /api/v1/log/entries/retrieve}, spec §4.4 step 3) unless {@code --offline}. The entries
 * are put in the loopback Rekor by the test itself, over plain HTTP, as another client would.
 */
@Tag("e2e")
class TlogSearchE2ETest {
  @TempDir static Path home;
  static AttestFixture f;
  static SigstoreMockServer rekor;
  static Path root;

  @BeforeAll
  static void setUp() throws Exception {
    f = new AttestFixture(home);
    rekor = SigstoreMockServer.get();
    root = Files.write(home.resolve("trusted_root.json"), rekor.trustedRootJson());
  }

  /** Logs a hashedrekord entry for (payload, signature, key) directly, the JSON written out by hand. */
  static void logDirectly(byte[] payload, byte[] sig) throws Exception {
    String body = "{\"apiVersion\":\"0.0.1\",\"kind\":\"hashedrekord\",\"spec\":{\"data\":{\"hash\":{\"algorithm\":\"sha256\","
        + "\"value\":\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload)) + "\"}},"
        + "\"signature\":{\"content\":\"" + Base64.getEncoder().encodeToString(sig) + "\",\"publicKey\":{\"content\":\""
        + Base64.getEncoder().encodeToString(Files.readAllBytes(Path.of(f.pub))) + "\"}}}}";
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(rekor.url() + "/api/v1/log/entries"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(201, r.statusCode(), r.body());
  }

  private static JsonNode sigLayer(String ref) {
    String tag = AttestFixture.digestOf(ref).tagStem() + ".sig";
    return Json.parse(RegistryPeek.manifest(f.reg, AttestFixture.repoOf(f.reg, ref), tag).orElseThrow(), "sig").get("layers").get(0);
  }

  private static Result verify(String ref, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("verify", "--key", f.pub, "--rekor-url", rekor.url(),
        "--trusted-root", root.toString()));
    args.addAll(List.of(more));
    args.add(ref);
    return f.cli.run(args.toArray(String[]::new));
  }

  @Test
  void imageSignatureWithoutBundleIsFoundOnline() throws Exception {
    String ref = f.push("search/img", "search-img");
    assertEquals(0, f.cli.run("sign", "--key", f.key, "--tlog-upload=false", ref).code());
    JsonNode layer = sigLayer(ref);
    assertTrue(layer.at("/annotations/dev.sigstore.cosign~1bundle").isMissingNode());

    Result before = verify(ref);
    assertCleanFailure(before, 12, List.of("no matching signatures: signature not found in transparency log"));

    byte[] payload = RegistryPeek.blob(f.reg, AttestFixture.repoOf(f.reg, ref), layer.get("digest").asText()).orElseThrow();
    logDirectly(payload, Base64.getDecoder().decode(layer.at("/annotations/dev.cosignproject.cosign~1signature").asText()));

    Result found = verify(ref);
    assertEquals(0, found.code(), found.describe());
    assertTrue(found.err().contains("  - Existence of the claims in the transparency log was verified offline\n"
        + "  - The claims were present in the transparency log\n"
        + "  - The signatures were integrated into the transparency log when the certificate was valid\n"), found.err());
    assertTrue(found.out().contains("docker-manifest-digest"), found.out());

    // --offline never searches; the embedded public-good root does not know this log
    assertCleanFailure(verify(ref, "--offline"), 12, List.of("offline verification failed"));
    Result untrusted = f.cli.run("verify", "--key", f.pub, "--rekor-url", rekor.url(), ref);
    assertCleanFailure(untrusted, 12, List.of("unknown transparency log"));
    // a bundle verified offline prints only the offline line
    String logged = f.push("search/bundled", "search-bundled");
    assertEquals(0, f.cli.run("sign", "--key", f.key, "--rekor-url", rekor.url(), logged).code());
    Result bundled = verify(logged, "--offline");
    assertEquals(0, bundled.code(), bundled.describe());
    assertTrue(bundled.err().contains("verified offline"), bundled.err());
    assertFalse(bundled.err().contains("present in the transparency log"), bundled.err());
  }

  @Test
  void searchFailuresAreOneLineErrors() {
    String ref = f.push("search/fail", "search-fail");
    assertEquals(0, f.cli.run("sign", "--key", f.key, "--tlog-upload=false", ref).code());
    for (String url : List.of("http://127.0.0.1:1", rekor.failingUrl(500), rekor.failingUrl(429))) {
      Result r = f.cli.run("verify", "--key", f.pub, "--rekor-url", url, "--trusted-root", root.toString(), ref);
      assertCleanFailure(r, 12, List.of("no matching signatures", "transparency log", url));
    }
    Result slow = f.cli.run("verify", "-t", "2s", "--key", f.pub, "--rekor-url", rekor.hangingUrl(), "--trusted-root",
        root.toString(), ref);
    assertCleanFailure(slow, 12, List.of("did not answer within 2s"));
    // the public-good default is unreachable from the tests: a clear network error, not a hang
    Result dflt = f.cli.run("verify", "--key", f.pub, ref);
    assertCleanFailure(dflt, 12, List.of("cannot reach transparency log at https://rekor.sigstore.dev"));
  }

  @Test
  void detachedBlobSignatureIsFoundOnline() throws Exception {
    Path blob = f.file("search-blob.txt", "searched blob\n");
    Path sig = home.resolve("search-blob.sig");
    assertEquals(0, f.cli.run("sign-blob", "--key", f.key, "--tlog-upload=false", "--output-signature", sig.toString(),
        blob.toString()).code());
    List<String> args = List.of("verify-blob", "--key", f.pub, "--rekor-url", rekor.url(), "--trusted-root", root.toString(),
        "--signature", sig.toString(), blob.toString());
    assertCleanFailure(f.cli.run(args.toArray(String[]::new)), 1, List.of("signature not found in transparency log"));
    logDirectly(Files.readAllBytes(blob), Base64.getDecoder().decode(Files.readString(sig, StandardCharsets.US_ASCII).trim()));
    Result ok = f.cli.run(args.toArray(String[]::new));
    assertEquals(0, ok.code(), ok.describe());
    assertTrue(ok.err().contains("Verified OK"), ok.err());
  }
}
