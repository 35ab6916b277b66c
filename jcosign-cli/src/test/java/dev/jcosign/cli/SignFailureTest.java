package dev.jcosign.cli;

import static dev.jcosign.cli.RegistryStep.BLOB_HEAD;
import static dev.jcosign.cli.RegistryStep.MANIFEST_PUT;
import static dev.jcosign.cli.RegistryStep.SIG_GET;
import static dev.jcosign.cli.RegistryStep.UPLOAD_POST;
import static dev.jcosign.cli.RegistryStep.UPLOAD_PUT;
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

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcosign.core.json.Json;
import dev.jcosign.testing.CleanErrors;
import dev.jcosign.testing.CliRunner.Result;
import dev.jcosign.testkit.FaultRegistry;
import dev.jcosign.testkit.FaultRegistry.Fault;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code sign} against a registry that misbehaves on each request a second signature makes, when
 * the image already has one signature: a clean one-line error (or success when a retry cures the
 * fault), and the {@code .sig} manifest is never damaged (spec §3.2 read-modify-write).
 */
class SignFailureTest extends SignFaultFixture {
  static Stream<Arguments> persistentFaults() {
    return Stream.of(
        arguments(SIG_GET, UNAUTHORIZED_NO_CHALLENGE, "401 UNAUTHORIZED"),
        arguments(SIG_GET, UNAUTHORIZED_WITH_CHALLENGE, "401 UNAUTHORIZED"),
        arguments(SIG_GET, DENIED, "403 DENIED"),
        arguments(SIG_GET, TOO_MANY_REQUESTS, "429 TOOMANYREQUESTS"),
        arguments(SIG_GET, SERVER_ERROR, "500 Internal Server Error"),
        arguments(SIG_GET, UNAVAILABLE, "503 UNAVAILABLE"),
        arguments(SIG_GET, TRUNCATED_BODY, "response body truncated"),
        arguments(SIG_GET, OVERSIZED_BODY, "size of manifest (" + FaultRegistry.OVERSIZED + ") exceeded the limit (4194304)"),
        arguments(SIG_GET, OVERSIZED_CHUNKED, "exceeded the limit (4194304)"),
        arguments(SIG_GET, WRONG_DIGEST, "manifest digest mismatch"),
        arguments(SIG_GET, CONNECTION_CLOSED, "connection closed by the server"),
        arguments(BLOB_HEAD, UNAUTHORIZED_NO_CHALLENGE, "401"),
        arguments(BLOB_HEAD, UNAUTHORIZED_WITH_CHALLENGE, "401"),
        arguments(BLOB_HEAD, DENIED, "403"),
        arguments(BLOB_HEAD, TOO_MANY_REQUESTS, "429"),
        arguments(BLOB_HEAD, UNAVAILABLE, "503"),
        arguments(BLOB_HEAD, CONNECTION_CLOSED, "connection closed by the server"),
        arguments(UPLOAD_POST, UNAUTHORIZED_NO_CHALLENGE, "401 UNAUTHORIZED"),
        arguments(UPLOAD_POST, UNAUTHORIZED_WITH_CHALLENGE, "401 UNAUTHORIZED"),
        arguments(UPLOAD_POST, DENIED, "403 DENIED"),
        arguments(UPLOAD_POST, NOT_FOUND, "404 BLOB_UNKNOWN"),
        arguments(UPLOAD_POST, TOO_MANY_REQUESTS, "429 TOOMANYREQUESTS"),
        arguments(UPLOAD_POST, SERVER_ERROR, "500 Internal Server Error"),
        arguments(UPLOAD_POST, UNAVAILABLE, "503 UNAVAILABLE"),
        arguments(UPLOAD_POST, CONNECTION_CLOSED, "connection closed by the server"),
        arguments(UPLOAD_PUT, UNAUTHORIZED_NO_CHALLENGE, "401 UNAUTHORIZED"),
        arguments(UPLOAD_PUT, DENIED, "403 DENIED"),
        arguments(UPLOAD_PUT, NOT_FOUND, "404 BLOB_UNKNOWN"),
        arguments(UPLOAD_PUT, TOO_MANY_REQUESTS, "429 TOOMANYREQUESTS"),
        arguments(UPLOAD_PUT, SERVER_ERROR, "500 Internal Server Error"),
        arguments(UPLOAD_PUT, UNAVAILABLE, "503 UNAVAILABLE"),
        arguments(UPLOAD_PUT, CONNECTION_CLOSED, "connection closed by the server"),
        arguments(MANIFEST_PUT, UNAUTHORIZED_NO_CHALLENGE, "401 UNAUTHORIZED"),
        arguments(MANIFEST_PUT, UNAUTHORIZED_WITH_CHALLENGE, "401 UNAUTHORIZED"),
        arguments(MANIFEST_PUT, DENIED, "403 DENIED"),
        arguments(MANIFEST_PUT, NOT_FOUND, "404 MANIFEST_UNKNOWN"),
        arguments(MANIFEST_PUT, TOO_MANY_REQUESTS, "429 TOOMANYREQUESTS"),
        arguments(MANIFEST_PUT, SERVER_ERROR, "500 Internal Server Error"),
        arguments(MANIFEST_PUT, UNAVAILABLE, "503 UNAVAILABLE"),
        arguments(MANIFEST_PUT, CONNECTION_CLOSED, "connection closed by the server"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("persistentFaults")
  void persistentFault_failsWithOneLine_andLosesNothing(RegistryStep step, Fault fault, String status) {
    fr.inject(fault, step.method(), step.path, -1);
    Result r = sign("-a", run);
    String context = step == SIG_GET ? "reading existing signatures at " : "pushing signature to ";
    List<String> fragments = step.fragments(fr.host(), status, context + fr.host() + "/" + REPO + ":" + sigTag);
    CleanErrors.assertCleanFailure(r, 1, fragments, SECRETS);
    assertEquals("", r.out());
    assertTrue(hits(step) >= 1, "the fault was reached");
    assertNothingLost();
  }

  static Stream<Arguments> transientFaults() {
    return Stream.of(
        arguments(SIG_GET, TOO_MANY_REQUESTS, 2),
        arguments(SIG_GET, SERVER_ERROR, 1),
        arguments(SIG_GET, UNAVAILABLE, 2),
        arguments(SIG_GET, TRUNCATED_BODY, 1),
        arguments(SIG_GET, CONNECTION_CLOSED, 2),
        arguments(BLOB_HEAD, TOO_MANY_REQUESTS, 1),
        arguments(BLOB_HEAD, UNAVAILABLE, 2),
        arguments(BLOB_HEAD, CONNECTION_CLOSED, 1),
        arguments(BLOB_HEAD, NOT_FOUND, -1), // a 404 on HEAD only means "upload it"
        arguments(UPLOAD_POST, TOO_MANY_REQUESTS, 2),
        arguments(UPLOAD_POST, SERVER_ERROR, 1),
        arguments(UPLOAD_POST, UNAVAILABLE, 1),
        arguments(UPLOAD_PUT, TOO_MANY_REQUESTS, 1),
        arguments(UPLOAD_PUT, SERVER_ERROR, 1),
        arguments(UPLOAD_PUT, UNAVAILABLE, 2),
        arguments(MANIFEST_PUT, TOO_MANY_REQUESTS, 2),
        arguments(MANIFEST_PUT, SERVER_ERROR, 1),
        arguments(MANIFEST_PUT, UNAVAILABLE, 1),
        arguments(MANIFEST_PUT, CONNECTION_CLOSED, 1));
  }

  @ParameterizedTest(name = "{0} {1} x{2}")
  @MethodSource("transientFaults")
  void transientFault_isRetried_andTheOldSignatureIsKept(RegistryStep step, Fault fault, int times) {
    fr.inject(fault, step.method(), step.path, times);
    Result r = sign("-a", run);
    assertEquals(0, r.code(), r.describe());
    assertFalse(r.err().contains("Error"), r.err());
    assertTrue(hits(step) > Math.max(times, 0), "the fault was reached and the request repeated");
    JsonNode old = Json.parse(before, "before");
    JsonNode now = Json.parse(sigManifest(), "after");
    assertEquals(2, now.get("layers").size(), "the new signature is appended");
    assertEquals(old.get("layers").get(0), now.get("layers").get(0), "the old signature is kept as it was");
    assertEquals(0, verify("-a", "run=1").code());
    assertEquals(0, verify("-a", run).code());
  }
}
