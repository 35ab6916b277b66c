package dev.jcosign.keyless;

import static dev.jcosign.testing.CleanErrors.assertCleanFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcosign.testing.AttestFixture;
import dev.jcosign.testing.CliRunner;
import dev.jcosign.testing.CliRunner.Result;
import dev.jcosign.testing.RegistryPeek;
import dev.jcosign.testkit.SigstoreMockServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keyless {@code sign} and {@code attest} of images in the legacy layout, then {@code verify} and
 * {@code verify-attestation} by identity (issue 9, keyless spec §1.4, §1.8), on the real registry with the
 * loopback Fulcio/CT/Rekor/TSA/OIDC; failures push nothing.
 */
@Tag("e2e")
class KeylessImageE2ETest {
  static final String USER = "ci@example.com";
  @TempDir static Path home;
  static AttestFixture f;
  static SigstoreMockServer mock;
  static Path root;
  static CliRunner keyless;

  @BeforeAll
  static void setUp() throws IOException {
    f = new AttestFixture(home);
    mock = SigstoreMockServer.get();
    root = Files.write(home.resolve("mock-root.json"), mock.trustedRootJson());
    keyless = f.cli.with("SIGSTORE_ID_TOKEN", mock.token("sub=" + USER));
  }

  static List<String> services(String... more) {
    List<String> args = new ArrayList<>(List.of("-y", "--fulcio-url", mock.url(), "--rekor-url", mock.url(),
        "--trusted-root", root.toString()));
    args.addAll(List.of(more));
    return args;
  }

  static Result run(CliRunner c, String command, List<String> args, String ref) {
    List<String> all = new ArrayList<>(List.of(command));
    all.addAll(args);
    all.add(ref);
    return c.run(all.toArray(String[]::new));
  }

  static Result verify(String command, String ref, String identity, String... more) {
    List<String> args = new ArrayList<>(List.of("--trusted-root", root.toString(), "--certificate-identity", identity,
        "--certificate-oidc-issuer", mock.url()));
    args.addAll(List.of(more));
    return run(f.cli, command, args, ref);
  }

  @Test
  void signThenVerifyByIdentity() {
    String ref = f.push("keyless/sign", "keyless sign");
    Result s = run(keyless, "sign", services("--timestamp-server-url", mock.tsaUrl()), ref);
    assertEquals(0, s.code(), s.describe());
    JsonNode layer = dev.jcosign.core.json.Json.parse(RegistryPeek.manifest(f.reg, AttestFixture.repoOf(f.reg, ref),
        AttestFixture.digestOf(ref).tagStem() + ".sig").orElseThrow(), "sig").path("layers").get(0);
    JsonNode a = layer.path("annotations");
    assertTrue(a.path("dev.sigstore.cosign/certificate").asText().startsWith("-----BEGIN CERTIFICATE-----\n"), a.toString());
    assertTrue(a.path("dev.sigstore.cosign/chain").asText().startsWith("-----BEGIN CERTIFICATE-----\n"), a.toString());
    assertTrue(a.has("dev.sigstore.cosign/bundle") && a.has("dev.sigstore.cosign/rfc3161timestamp"), a.toString());
    Result v = verify("verify", ref, USER);
    assertEquals(0, v.code(), v.describe());
    assertTrue(v.err().contains("The code-signing certificate was verified using trusted certificate authority certificates"));
    assertEquals(0, verify("verify", ref, USER, "--offline").code());
    assertCleanFailure(verify("verify", ref, "mallory@example.com"), 12, List.of("none of the expected identities matched",
        "got subjects [" + USER + "]"));
    // a key-signed image has no certificate: keyless verification refuses it with cosign's exit code 13
    String keyed = f.push("keyless/keyed", "keyed");
    assertEquals(0, f.cli.run("sign", "--key", f.key, "--tlog-upload=false", keyed).code());
    assertCleanFailure(verify("verify", keyed, USER, "--insecure-ignore-tlog"), 13, List.of("no certificate found on signature"));
  }

  @Test
  void attestThenVerifyAttestationByIdentity() {
    String ref = f.push("keyless/attest", "keyless attest");
    Path sbom = f.file("sbom.json", "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\"}");
    Result s = run(keyless, "attest", services("--type", "cyclonedx", "--predicate", sbom.toString()), ref);
    assertEquals(0, s.code(), s.describe());
    Result v = verify("verify-attestation", ref, USER, "--type", "cyclonedx");
    assertEquals(0, v.code(), v.describe());
    assertTrue(v.out().contains("\"payloadType\":\"application/vnd.in-toto+json\""), v.describe());
    assertCleanFailure(verify("verify-attestation", ref, "mallory@example.com", "--type", "cyclonedx"), 1,
        List.of("no matching attestations", "none of the expected identities matched"));
  }

  @Test
  void aFulcioFailurePushesNothing() {
    String ref = f.push("keyless/fail", "keyless failure");
    Result s = run(keyless, "sign", List.of("-y", "--fulcio-url", mock.failingUrl(503), "--rekor-url", mock.url(),
        "--trusted-root", root.toString()), ref);
    assertCleanFailure(s, 1, List.of("returned 503"));
    assertFalse(RegistryPeek.manifest(f.reg, AttestFixture.repoOf(f.reg, ref), AttestFixture.digestOf(ref).tagStem() + ".sig")
        .isPresent(), "nothing may be pushed");
    Result noToken = run(f.cli, "sign", services("--oidc-issuer", "http://127.0.0.1:1"), ref);
    assertCleanFailure(noToken, 1, List.of("no identity token for keyless signing"));
  }
}
