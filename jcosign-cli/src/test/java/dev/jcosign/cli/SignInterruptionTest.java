package dev.jcosign.cli;

import static dev.jcosign.cli.RegistryStep.MANIFEST_PUT;
import static dev.jcosign.cli.RegistryStep.SIG_GET;
import static dev.jcosign.testkit.FaultRegistry.Fault.DENIED;
import static dev.jcosign.testkit.FaultRegistry.Fault.NOT_FOUND;
import static dev.jcosign.testkit.FaultRegistry.Fault.SERVER_ERROR;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcosign.core.json.Json;
import dev.jcosign.core.oci.Digest;
import dev.jcosign.testing.CleanErrors;
import dev.jcosign.testing.CliRunner.Result;
import dev.jcosign.testing.RegistryPeek;
import dev.jcosign.testkit.TestImages;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code sign} interrupted or refused part-way, and other failures around it: what was in the
 * registry before is still there and still verifies (spec §3.2), errors stay one clean line.
 */
class SignInterruptionTest extends SignFaultFixture {
  @Test
  void manifestPutFailsAfterTheBlobsWereUploaded_theOldSignatureStillVerifies() throws IOException {
    // an interrupted sign: payload and config are in the registry, the new manifest is not
    Path payload = home.resolve("interrupted.payload");
    fr.inject(SERVER_ERROR, "PUT", MANIFEST_PUT.path, -1);
    Result r = sign("-a", run, "--output-payload", payload.toString());
    CleanErrors.assertCleanFailure(r, 1, MANIFEST_PUT.fragments(fr.host(), "500"), SECRETS);
    assertTrue(fr.hasBlob(REPO, Digest.sha256(Files.readAllBytes(payload))), "the payload blob was uploaded first");
    assertEquals(3, hits(MANIFEST_PUT), "the manifest PUT was tried as often as allowed");
    assertNothingLost();
    Result v = verify();
    assertEquals(0, v.code(), v.describe());
    assertTrue(v.out().contains("\"optional\":{\"run\":\"1\"}"), v.out());
    assertFalse(v.out().contains(run.replace("run=", "\"run\":\"") + "\""), "the half-written signature is not visible");
    assertEquals(12, verify("-a", run).code());
    // and a later sign completes the job
    assertEquals(0, sign("-a", run).code());
    assertEquals(0, verify("-a", run).code());
    assertEquals(0, verify("-a", "run=1").code());
  }

  @Test
  void severalImages_theOneThatFailsIsUntouched_earlierOnesAreSigned() {
    TestImages.Image other = TestImages.push(fr, REPO, "other", "second image " + run);
    String otherSig = other.manifestDigest().tagStem() + ".sig";
    fr.inject(DENIED, "PUT", "/manifests/" + Pattern.quote(otherSig) + "$", -1);
    ref = fr.host() + "/" + REPO + "@" + other.manifestDigest();
    Result r = sign("-a", run, signedRef); // signs signedRef first, then the other image
    CleanErrors.assertCleanFailure(r, 1, List.of("pushing signature to " + fr.host() + "/" + REPO + ":" + otherSig, "403 DENIED"), SECRETS);
    assertTrue(RegistryPeek.manifest(fr, REPO, otherSig).isEmpty(), "nothing half-written for the failed image");
    JsonNode now = Json.parse(sigManifest(), "after");
    assertEquals(2, now.get("layers").size(), "the first image got its signature");
    assertEquals(Json.parse(before, "before").get("layers").get(0), now.get("layers").get(0));
  }

  @Test
  void aLyingNotFoundOnTheSigManifest_isCaughtBeforeTheWrite_andNothingIsLost() {
    // spec §3.2: "404 ⇒ start from an empty one", which in cosign drops the existing signatures when a
    // registry wrongly answers 404 once. The check just before the PUT (issue 11) sees that the tag does
    // exist, so the merge is redone with what is really there.
    fr.inject(NOT_FOUND, "GET", SIG_GET.path, 1);
    Result r = sign("-a", run);
    assertEquals(0, r.code(), r.describe());
    assertEquals(2, Json.parse(sigManifest(), "after").get("layers").size());
  }

  @Test
  void existingSigManifestThatIsNotAnImage_isLeftAlone() {
    for (String bad : List.of("not json at all", "{\"schemaVersion\":2,\"manifests\":[]}", "{\"schemaVersion\":2}")) {
      fr.putManifest(REPO, sigTag, bad.getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/vnd.oci.image.manifest.v1+json");
      before = sigManifest();
      Result r = sign("-a", run);
      CleanErrors.assertCleanFailure(r, 1, List.of(fr.host() + "/" + REPO + ":" + sigTag), SECRETS);
      assertArrayEquals(before, sigManifest(), bad);
      assertEquals(0, fr.requests("PUT", "/manifests/").size(), "nothing was written for " + bad);
    }
  }

  @Test
  void aFullSigManifestIsNotGrownOrRewritten() {
    // spec §3.2: at most 1000 layers
    com.fasterxml.jackson.databind.node.ObjectNode m = (com.fasterxml.jackson.databind.node.ObjectNode) Json.parse(before, "sig");
    com.fasterxml.jackson.databind.node.ArrayNode layers = (com.fasterxml.jackson.databind.node.ArrayNode) m.get("layers");
    JsonNode one = layers.get(0);
    while (layers.size() < 1000) {
      layers.add(one.deepCopy());
    }
    fr.putManifest(REPO, sigTag, Json.write(m), "application/vnd.oci.image.manifest.v1+json");
    before = sigManifest();
    Result r = sign("-a", run);
    CleanErrors.assertCleanFailure(r, 1, List.of("number of layers (1001) exceeded the limit (1000)"), SECRETS);
    assertArrayEquals(before, sigManifest());
  }

  @Test
  void missingTagToSign_exits11WithoutWriting() {
    // one resolver for every command (issue 10): a missing image is "image tag not found", exit 11
    ref = fr.host() + "/" + REPO + ":no-such-tag";
    Result r = sign();
    CleanErrors.assertCleanFailure(r, 11, List.of("image tag not found: " + ref), SECRETS);
    assertEquals(0, fr.requests("PUT", "/").size() + fr.requests("POST", "/").size());
  }

  @Test
  void unreachableRegistry_oneLineNamingHostAndPort() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    ref = "127.0.0.1:" + port + "/" + REPO + "@sha256:" + "a".repeat(64);
    Result r = sign();
    CleanErrors.assertCleanFailure(r, 1, List.of("connecting to 127.0.0.1:" + port + ": connection refused"), SECRETS);
  }

  @Test
  void wrongKeyPassword_sendsNothingAndDoesNotEchoThePassword() {
    Result r = cli.with("COSIGN_PASSWORD", "the-wrong-password").run("sign", "--key", key, "--tlog-upload=false", ref);
    CleanErrors.assertCleanFailure(r, 1, List.of("wrong password"), "the-wrong-password", KEY_PASSWORD);
    assertEquals(List.of(), fr.requests(), "the key is checked before the registry is contacted");
    assertNothingLost();
  }

  @Test
  void verboseShowsTheStackTrace_andStillNoSecrets() {
    fr.inject(DENIED, "PUT", MANIFEST_PUT.path, -1);
    for (String flag : List.of("--verbose", "-d")) {
      Result r = sign("-a", run, flag);
      assertEquals(1, r.code(), r.describe());
      assertEquals(1, r.err().lines().filter(l -> l.startsWith("Error: ")).count(), r.describe());
      assertTrue(r.err().contains("\tat dev.jcosign."), "stack trace with " + flag + "\n" + r.describe());
      assertTrue(r.err().contains("RegistryException"), r.describe());
      for (String s : SECRETS) {
        assertFalse(r.err().contains(s), s + "\n" + r.describe());
      }
    }
    Result quiet = sign("-a", run);
    CleanErrors.assertCleanFailure(quiet, 1, List.of("403 DENIED"), SECRETS);
    assertNothingLost();
  }
}
