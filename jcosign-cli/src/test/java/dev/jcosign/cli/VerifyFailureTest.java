package dev.jcosign.cli;

import static dev.jcosign.cli.RegistryStep.PAYLOAD_GET;
import static dev.jcosign.cli.RegistryStep.SIG_GET;
import static dev.jcosign.cli.RegistryStep.TAG;
import static dev.jcosign.testkit.FaultRegistry.Fault.CONNECTION_CLOSED;
import static dev.jcosign.testkit.FaultRegistry.Fault.DENIED;
import static dev.jcosign.testkit.FaultRegistry.Fault.NOT_FOUND;
import static dev.jcosign.testkit.FaultRegistry.Fault.OVERSIZED_BODY;
import static dev.jcosign.testkit.FaultRegistry.Fault.OVERSIZED_CHUNKED;
import static dev.jcosign.testkit.FaultRegistry.Fault.SERVER_ERROR;
import static dev.jcosign.testkit.FaultRegistry.Fault.TOO_MANY_REQUESTS;
import static dev.jcosign.testkit.FaultRegistry.Fault.TRUNCATED_BODY;
import static dev.jcosign.testkit.FaultRegistry.Fault.UNAUTHORIZED_NO_CHALLENGE;
import static dev.jcosign.testkit.FaultRegistry.Fault.UNAUTHORIZED_WITH_CHALLENGE;
import static dev.jcosign.testkit.FaultRegistry.Fault.UNAVAILABLE;
import static dev.jcosign.testkit.FaultRegistry.Fault.WRONG_DIGEST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.jcosign.core.json.Json;
import dev.jcosign.core.oci.MediaTypes;
import dev.jcosign.testing.CleanErrors;
import dev.jcosign.testing.CliRunner;
import dev.jcosign.testing.CliRunner.Result;
import dev.jcosign.testing.RegistryPeek;
import dev.jcosign.testkit.FaultRegistry;
import dev.jcosign.testkit.FaultRegistry.Auth;
import dev.jcosign.testkit.FaultRegistry.Fault;
import dev.jcosign.testkit.TestImages;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code verify} against a registry that fails: cosign's exit codes (spec §4.5) where they apply,
 * otherwise exit 1 with one clean line. A broken registry is never reported as "no signatures"
 * (10) or "no matching signatures" (12). Broken {@code .sig} contents are in {@link VerifyBadSignatureImageTest}.
 */
class VerifyFailureTest {
  static final String REPO = "faults/app";
  static final String[] SECRETS = SignFaultFixture.SECRETS;

  @TempDir static Path home;
  static CliRunner cli;
  static String pub;
  static FaultRegistry fr;
  static String digestRef;
  static String tagRef;
  static String sigTag;
  static byte[] original;

  @BeforeAll
  static void signedOnce() {
    cli = new CliRunner(home).with("COSIGN_PASSWORD", SignFaultFixture.KEY_PASSWORD);
    assertEquals(0, cli.run("generate-key-pair", "--output-key-prefix", home.resolve("k").toString()).code());
    pub = home.resolve("k.pub").toString();
    fr = FaultRegistry.start(Auth.BEARER);
    TestImages.Image img = TestImages.push(fr, REPO, "v1", "image to verify");
    digestRef = fr.host() + "/" + REPO + "@" + img.manifestDigest();
    tagRef = fr.host() + "/" + REPO + ":v1";
    sigTag = img.manifestDigest().tagStem() + ".sig";
    Result s = cli.run(flags("sign", "--key", home.resolve("k.key").toString(), "--tlog-upload=false", "-a", "run=1", digestRef));
    assertEquals(0, s.code(), s.describe());
    original = RegistryPeek.manifest(fr, REPO, sigTag).orElseThrow();
  }

  @AfterAll
  static void stop() {
    fr.close();
  }

  @BeforeEach
  void reset() {
    fr.clearFaults();
    fr.putManifest(REPO, sigTag, original, MediaTypes.OCI_MANIFEST);
    fr.clearRequests();
  }

  static String[] flags(String... args) {
    List<String> all = new ArrayList<>(Arrays.asList(args));
    all.addAll(1, List.of("--registry-username", FaultRegistry.USERNAME, "--registry-password", FaultRegistry.PASSWORD));
    return all.toArray(String[]::new);
  }

  static Result verify(CliRunner runner, String ref) {
    return runner.run(flags("verify", "--key", pub, "--insecure-ignore-tlog", ref));
  }

  static Stream<Arguments> persistentFaults() {
    return Stream.of(
        arguments(SIG_GET, UNAUTHORIZED_NO_CHALLENGE, 1, "401 UNAUTHORIZED"),
        arguments(SIG_GET, UNAUTHORIZED_WITH_CHALLENGE, 1, "401 UNAUTHORIZED"),
        arguments(SIG_GET, DENIED, 1, "403 DENIED"),
        arguments(SIG_GET, NOT_FOUND, 10, "no signatures found"),
        arguments(SIG_GET, TOO_MANY_REQUESTS, 1, "429 TOOMANYREQUESTS"),
        arguments(SIG_GET, SERVER_ERROR, 1, "500 Internal Server Error"),
        arguments(SIG_GET, UNAVAILABLE, 1, "503 UNAVAILABLE"),
        arguments(SIG_GET, TRUNCATED_BODY, 1, "response body truncated"),
        arguments(SIG_GET, OVERSIZED_BODY, 1, "size of manifest (" + FaultRegistry.OVERSIZED + ") exceeded the limit (4194304)"),
        arguments(SIG_GET, OVERSIZED_CHUNKED, 1, "exceeded the limit (4194304)"),
        arguments(SIG_GET, WRONG_DIGEST, 1, "manifest digest mismatch"),
        arguments(SIG_GET, CONNECTION_CLOSED, 1, "connection closed by the server"),
        arguments(TAG, NOT_FOUND, 11, "image tag not found: {host}/" + REPO + ":v1"),
        arguments(TAG, UNAUTHORIZED_NO_CHALLENGE, 1, "401 UNAUTHORIZED"),
        arguments(TAG, DENIED, 1, "403 DENIED"),
        arguments(TAG, SERVER_ERROR, 1, "500 Internal Server Error"),
        arguments(TAG, CONNECTION_CLOSED, 1, "connection closed by the server"),
        arguments(PAYLOAD_GET, UNAUTHORIZED_NO_CHALLENGE, 1, "401 UNAUTHORIZED"),
        arguments(PAYLOAD_GET, DENIED, 1, "403 DENIED"),
        arguments(PAYLOAD_GET, NOT_FOUND, 1, "404 BLOB_UNKNOWN"),
        arguments(PAYLOAD_GET, TOO_MANY_REQUESTS, 1, "429 TOOMANYREQUESTS"),
        arguments(PAYLOAD_GET, UNAVAILABLE, 1, "503 UNAVAILABLE"),
        arguments(PAYLOAD_GET, TRUNCATED_BODY, 1, "response body truncated"),
        // a blob that disagrees with its descriptor is a fault of that signature, not of the exchange: like
        // cosign, it counts as a signature that does not match (exit 12) and the others are still checked
        arguments(PAYLOAD_GET, OVERSIZED_BODY, 12, "its descriptor gives"),
        arguments(PAYLOAD_GET, OVERSIZED_CHUNKED, 12, "its descriptor gives"),
        arguments(PAYLOAD_GET, WRONG_DIGEST, 12, "its descriptor gives"),
        arguments(PAYLOAD_GET, CONNECTION_CLOSED, 1, "connection closed by the server"));
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @MethodSource("persistentFaults")
  void persistentFault_givesTheRightCodeAndOneLine(RegistryStep step, Fault fault, int code, String fragment) {
    fr.inject(fault, step.method(), step.path, -1);
    Result r = verify(cli, step == TAG ? tagRef : digestRef);
    List<String> fragments = code == 1 ? step.fragments(fr.host(), fragment) : List.of(fragment.replace("{host}", fr.host()));
    CleanErrors.assertCleanFailure(r, code, fragments, SECRETS);
    assertEquals("", r.out(), "nothing is reported as verified");
    assertFalse(r.err().contains("Verification for"), r.err());
  }

  static Stream<Arguments> transientFaults() {
    return Stream.of(
        arguments(SIG_GET, TOO_MANY_REQUESTS, 2),
        arguments(SIG_GET, UNAVAILABLE, 1),
        arguments(SIG_GET, TRUNCATED_BODY, 1),
        arguments(SIG_GET, CONNECTION_CLOSED, 2),
        arguments(TAG, UNAVAILABLE, 1),
        arguments(PAYLOAD_GET, SERVER_ERROR, 2),
        arguments(PAYLOAD_GET, TRUNCATED_BODY, 1),
        arguments(PAYLOAD_GET, CONNECTION_CLOSED, 1));
  }

  @ParameterizedTest(name = "{0} {1} x{2}")
  @MethodSource("transientFaults")
  void transientFault_isRetried(RegistryStep step, Fault fault, int times) {
    fr.inject(fault, step.method(), step.path, times);
    Result r = verify(cli, step == TAG ? tagRef : digestRef);
    assertEquals(0, r.code(), r.describe());
    assertTrue(r.out().contains("\"optional\":{\"run\":\"1\"}"), r.out());
  }

  @Test
  void payloadLargerThanTheAttachmentLimit_isAClearError() {
    long size = payloadSize();
    Result r = verify(cli.with("COSIGN_MAX_ATTACHMENT_SIZE", "100"), digestRef);
    // over the limit by its descriptor: refused before the blob is read; cosign's ErrPayloadTooLarge is
    // likewise one non-matching signature (exit 12)
    CleanErrors.assertCleanFailure(r, 12, List.of("no matching signatures", "size (" + size + ") exceeded the limit (100)"), SECRETS);
    // a registry sending more than the descriptor says, with or without a length, is cut at the descriptor's size
    fr.inject(OVERSIZED_BODY, "GET", PAYLOAD_GET.path, -1);
    r = verify(cli.with("COSIGN_MAX_ATTACHMENT_SIZE", "1KiB"), digestRef);
    CleanErrors.assertCleanFailure(r, 12, List.of("larger than the " + size + " bytes its descriptor gives"), SECRETS);
    fr.clearFaults();
    fr.inject(OVERSIZED_CHUNKED, "GET", PAYLOAD_GET.path, -1);
    r = verify(cli.with("COSIGN_MAX_ATTACHMENT_SIZE", "1KiB"), digestRef);
    CleanErrors.assertCleanFailure(r, 12, List.of("larger than the " + size + " bytes its descriptor gives"), SECRETS);
    fr.clearFaults();
    assertEquals(0, verify(cli.with("COSIGN_MAX_ATTACHMENT_SIZE", "1KiB"), digestRef).code(), "a payload under the limit is fine");
  }

  private static long payloadSize() {
    return Json.parse(original, "sig").get("layers").get(0).get("size").asLong();
  }

  @Test
  void unreachableRegistry_oneLineNamingHostAndPort() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    for (String ref : List.of("127.0.0.1:" + port + "/" + REPO + ":v1", "127.0.0.1:" + port + "/" + REPO + "@sha256:" + "b".repeat(64))) {
      Result r = verify(cli, ref);
      CleanErrors.assertCleanFailure(r, 1, List.of("connecting to 127.0.0.1:" + port + ": connection refused"), SECRETS);
    }
  }

  @Test
  void severalImages_aBrokenRegistryStillExits1() {
    fr.inject(SERVER_ERROR, "GET", PAYLOAD_GET.path, -1);
    Result r = cli.run(flags("verify", "--key", pub, "--insecure-ignore-tlog", digestRef, tagRef));
    CleanErrors.assertCleanFailure(r, 1, List.of("500"), SECRETS);
  }

  @Test
  void verboseShowsTheStackTrace_onlyThen() {
    fr.inject(DENIED, "GET", SIG_GET.path, -1);
    Result quiet = verify(cli, digestRef);
    CleanErrors.assertCleanFailure(quiet, 1, List.of("403 DENIED"), SECRETS);
    Result loud = cli.run(flags("verify", "--verbose", "--key", pub, "--insecure-ignore-tlog", digestRef));
    assertEquals(1, loud.code(), loud.describe());
    assertEquals(1, loud.err().lines().filter(l -> l.startsWith("Error: ")).count(), loud.describe());
    assertTrue(loud.err().contains("\tat dev.jcosign."), loud.describe());
    for (String s : SECRETS) {
      assertFalse(loud.err().contains(s), s + "\n" + loud.describe());
    }
  }
}
