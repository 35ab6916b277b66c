package dev.jcosign.keyless;

import static dev.jcosign.testing.CleanErrors.assertCleanFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcosign.testing.CliRunner;
import dev.jcosign.testing.CliRunner.Result;
import dev.jcosign.testing.KeyVectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keyless {@code verify-blob} of real production bundles (vectors/cosign README: conformance/happy-path-v0.3,
 * rekor2-dsse-happy-path, bundle-v0.3-attestation): each verifies with the right identity, and the
 * mutations of issue 9 (wrong identity, wrong issuer, expired at the time checked, bad SCT, unknown CA,
 * chain in a v0.3 bundle, RE2-rejected regexp) fail with one line.
 */
class KeylessBundleVectorsTest {
  static final String BEACON = "https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/"
      + ".github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main";
  static final String GHA = "https://token.actions.githubusercontent.com";
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  static CliRunner cli;
  static Path a;
  static Path happy;
  static Path pgi;
  static Path rekor2;
  static Path rekor2Root;
  static Path attestation;
  static String attestationSubject;

  @BeforeAll
  static void setUp() throws IOException {
    cli = new CliRunner(dir);
    a = KeyVectors.copy("conformance/a.txt", dir);
    happy = KeyVectors.copy("conformance/happy-path-v0.3/bundle.sigstore.json", dir);
    pgi = KeyVectors.copy("trusted-roots/trusted_root_pgi.json", dir);
    Files.createDirectories(dir.resolve("r2"));
    rekor2 = KeyVectors.copy("conformance/rekor2-dsse-happy-path/bundle.sigstore.json", dir.resolve("r2"));
    rekor2Root = KeyVectors.copy("conformance/rekor2-dsse-happy-path/trusted_root.json", dir.resolve("r2"));
    attestation = KeyVectors.copy("bundle-v0.3-attestation/oci-attestation.sigstore.json", dir);
    attestationSubject = "sha256:" + JSON.readTree(KeyVectors.bytes("bundle-v0.3-attestation/statement.json"))
        .path("subject").get(0).path("digest").path("sha256").asText();
  }

  private static Result verifyHappy(String... extra) {
    List<String> args = new ArrayList<>(List.of("verify-blob", "--bundle", happy.toString(), "--trusted-root", pgi.toString()));
    args.addAll(List.of(extra));
    args.add(a.toString());
    return cli.run(args.toArray(String[]::new));
  }

  private static void assertOk(Result r) {
    assertEquals(0, r.code(), r.describe());
    assertEquals("", r.out(), r.describe());
    assertEquals("Verified OK\n", r.err(), r.describe());
  }

  @Test
  void messageSignatureBundle_verifiesWithTheBeaconIdentity() {
    assertOk(verifyHappy("--certificate-identity", BEACON, "--certificate-oidc-issuer", GHA));
  }

  @Test
  void regexpsAreUnanchoredAsInGo() {
    assertOk(verifyHappy("--certificate-identity-regexp", "extremely-dangerous", "--certificate-oidc-issuer-regexp", "actions"));
    assertOk(verifyHappy("--certificate-identity-regexp", "^https://github\\.com/sigstore-conformance/",
        "--certificate-oidc-issuer", GHA));
  }

  @Test
  void exactAndRegexpTogether_bothMustHold() {
    assertCleanFailure(verifyHappy("--certificate-identity", BEACON, "--certificate-identity-regexp", "^nomatch",
        "--certificate-oidc-issuer", GHA), 1, List.of("expected SAN value to match regex \"^nomatch\""));
  }

  @Test
  void githubWorkflowClaims() {
    assertOk(verifyHappy("--certificate-identity", BEACON, "--certificate-oidc-issuer", GHA,
        "--certificate-github-workflow-trigger", "workflow_dispatch",
        "--certificate-github-workflow-sha", "c7b3dfb335f051e1c86bda4c716fac97df62ad81",
        "--certificate-github-workflow-name", "Extremely dangerous OIDC beacon",
        "--certificate-github-workflow-repository", "sigstore-conformance/extremely-dangerous-public-oidc-beacon",
        "--certificate-github-workflow-ref", "refs/heads/main"));
    assertCleanFailure(verifyHappy("--certificate-identity", BEACON, "--certificate-oidc-issuer", GHA,
        "--certificate-github-workflow-trigger", "push"), 1,
        List.of("expected GitHub Workflow Trigger to be \"push\", got \"workflow_dispatch\""));
  }

  @Test
  void wrongIdentity_namesWhatTheCertificateHolds() {
    assertCleanFailure(verifyHappy("--certificate-identity", "https://github.com/evil/repo", "--certificate-oidc-issuer", GHA),
        1, List.of("failed to verify certificate identity", "https://github.com/evil/repo", BEACON));
  }

  @Test
  void wrongIssuer() {
    assertCleanFailure(verifyHappy("--certificate-identity", BEACON, "--certificate-oidc-issuer", "https://accounts.google.com"),
        1, List.of("expected issuer value \"https://accounts.google.com\", got \"" + GHA + "\""));
  }

  @Test
  void identityAndIssuerAreRequired() {
    assertCleanFailure(verifyHappy("--certificate-oidc-issuer", GHA), 1,
        List.of("--certificate-identity or --certificate-identity-regexp is required for verification in keyless mode"));
    assertCleanFailure(verifyHappy("--certificate-identity", BEACON), 1,
        List.of("--certificate-oidc-issuer or --certificate-oidc-issuer-regexp is required for verification in keyless mode"));
  }

  @Test
  void regexpThatRe2Rejects() {
    assertCleanFailure(verifyHappy("--certificate-identity-regexp", "(?=lookahead)", "--certificate-oidc-issuer", GHA),
        1, List.of("malformed subject in identity"));
  }

  @Test
  void expiredAtTheTimeChecked_withoutTheLogTheCurrentTimeIsUsed() {
    assertCleanFailure(verifyHappy("--certificate-identity", BEACON, "--certificate-oidc-issuer", GHA, "--insecure-ignore-tlog"),
        1, List.of("certificate chain: the certificate was not valid at"));
  }

  @Test
  void sctFromAnUnknownLog_failsUnlessIgnored() throws IOException {
    ObjectNode root = (ObjectNode) JSON.readTree(pgi.toFile());
    root.putArray("ctlogs");
    Path noCt = Files.write(dir.resolve("no-ctlogs.json"), JSON.writeValueAsBytes(root));
    Result r = cli.run("verify-blob", "--bundle", happy.toString(), "--trusted-root", noCt.toString(),
        "--certificate-identity", BEACON, "--certificate-oidc-issuer", GHA, a.toString());
    assertCleanFailure(r, 1, List.of("only able to verify 0 SCT entries; unable to meet threshold of 1"));
    assertOk(cli.run("verify-blob", "--bundle", happy.toString(), "--trusted-root", noCt.toString(), "--insecure-ignore-sct",
        "--certificate-identity", BEACON, "--certificate-oidc-issuer", GHA, a.toString()));
  }

  @Test
  void sctSignatureTampered_fails() throws IOException {
    // the CT log key of the trusted root is swapped for another key: the SCT's signature no longer verifies
    ObjectNode root = (ObjectNode) JSON.readTree(pgi.toFile());
    ArrayNode logs = (ArrayNode) root.path("ctlogs");
    String other = logs.get(0).path("publicKey").path("rawBytes").asText();
    for (JsonNode l : logs) {
      ((ObjectNode) l.path("publicKey")).put("rawBytes", other);
      ((ObjectNode) l.path("publicKey")).remove("validFor");
    }
    Path swapped = Files.write(dir.resolve("swapped-ct.json"), JSON.writeValueAsBytes(root));
    assertCleanFailure(cli.run("verify-blob", "--bundle", happy.toString(), "--trusted-root", swapped.toString(),
        "--certificate-identity", BEACON, "--certificate-oidc-issuer", GHA, a.toString()), 1,
        List.of("only able to verify 0 SCT entries"));
  }

  @Test
  void certificateFromAnUnknownCa_fails() throws IOException {
    ObjectNode root = (ObjectNode) JSON.readTree(rekor2Root.toFile()); // staging CAs only
    root.set("tlogs", JSON.readTree(pgi.toFile()).path("tlogs"));
    Path staging = Files.write(dir.resolve("staging-ca.json"), JSON.writeValueAsBytes(root));
    assertCleanFailure(cli.run("verify-blob", "--bundle", happy.toString(), "--trusted-root", staging.toString(),
        "--certificate-identity", BEACON, "--certificate-oidc-issuer", GHA, a.toString()), 1,
        List.of("does not chain to a trusted Fulcio CA"));
  }

  @Test
  void sigstoreRootFile_replacesTheTrustedRootsCas() throws IOException {
    ObjectNode noCa = (ObjectNode) JSON.readTree(pgi.toFile());
    noCa.putArray("certificateAuthorities");
    Path root = Files.write(dir.resolve("no-ca.json"), JSON.writeValueAsBytes(noCa));
    Path fulcio = Files.writeString(dir.resolve("fulcio-2022.pem"), KeyVectors.text("legacy-keyless-signature/chain.pem"));
    String[] args = {"verify-blob", "--bundle", happy.toString(), "--trusted-root", root.toString(),
        "--certificate-identity", BEACON, "--certificate-oidc-issuer", GHA, a.toString()};
    assertCleanFailure(cli.run(args), 1, List.of("does not chain to a trusted Fulcio CA"));
    assertOk(cli.with("SIGSTORE_ROOT_FILE", fulcio.toString()).run(args));
    Path notRoots = Files.writeString(dir.resolve("not-roots.pem"), "no certificates here\n");
    assertCleanFailure(cli.with("SIGSTORE_ROOT_FILE", notRoots.toString()).run(args), 1, List.of("SIGSTORE_ROOT_FILE"));
  }

  @Test
  void v03BundleWithAChain_isRefused() throws IOException {
    ObjectNode b = (ObjectNode) JSON.readTree(happy.toFile());
    ObjectNode vm = (ObjectNode) b.path("verificationMaterial");
    JsonNode cert = vm.remove("certificate");
    vm.putObject("x509CertificateChain").putArray("certificates").add(cert);
    b.put("mediaType", "application/vnd.dev.sigstore.bundle.v0.3+json");
    Path chained = Files.write(dir.resolve("chained.json"), JSON.writeValueAsBytes(b));
    assertCleanFailure(cli.run("verify-blob", "--bundle", chained.toString(), "--trusted-root", pgi.toString(),
        "--certificate-identity", BEACON, "--certificate-oidc-issuer", GHA, a.toString()), 1,
        List.of("verification material cannot be X.509 certificate chain (for bundle v0.3)"));
  }

  @Test
  void anotherArtifact_isRefused() throws IOException {
    Path b = Files.writeString(dir.resolve("b.txt"), "not a.txt\n");
    assertCleanFailure(cli.run("verify-blob", "--bundle", happy.toString(), "--trusted-root", pgi.toString(),
        "--certificate-identity", BEACON, "--certificate-oidc-issuer", GHA, b.toString()), 1,
        List.of("bundle is for another artifact"));
  }

  @Test
  void keyGivenForAKeylessBundle_saysSo() {
    Path pub = KeyVectors.copy("conformance/managed-key-happy-path/key.pub", dir);
    assertCleanFailure(cli.run("verify-blob", "--bundle", happy.toString(), "--key", pub.toString(), a.toString()), 1,
        List.of("signed with a certificate (keyless)"));
  }

  @Test
  void rekorV2DsseBundle_verifiesByCheckpointAndTimestamp() {
    assertOk(cli.run("verify-blob", "--bundle", rekor2.toString(), "--trusted-root", rekor2Root.toString(),
        "--certificate-identity", BEACON, "--certificate-oidc-issuer", GHA, a.toString()));
  }

  @Test
  void rekorV2DsseBundle_aSha512DigestArgumentIsNotItsSubject() {
    assertCleanFailure(cli.run("verify-blob", "--bundle", rekor2.toString(), "--trusted-root", rekor2Root.toString(),
        "--certificate-identity", BEACON, "--certificate-oidc-issuer", GHA, "sha512:" + "ab".repeat(64)), 1,
        List.of("statement is not about"));
  }

  @Test
  void rekorV2DsseBundle_wrongIdentityFails() {
    assertCleanFailure(cli.run("verify-blob", "--bundle", rekor2.toString(), "--trusted-root", rekor2Root.toString(),
        "--certificate-identity", "https://github.com/evil", "--certificate-oidc-issuer", GHA, a.toString()), 1,
        List.of("failed to verify certificate identity"));
  }

  @Test
  void cosignAttestationBundle_verifiesByDigest() {
    assertOk(cli.run("verify-blob", "--bundle", attestation.toString(), "--trusted-root", pgi.toString(),
        "--certificate-identity", "cody@soyland.com", "--certificate-oidc-issuer", "https://github.com/login/oauth",
        attestationSubject));
  }

  @Test
  void cosignAttestationBundle_wrongIssuerAndIdentity() {
    assertCleanFailure(cli.run("verify-blob", "--bundle", attestation.toString(), "--trusted-root", pgi.toString(),
        "--certificate-identity", "cody@soyland.com", "--certificate-oidc-issuer", GHA, attestationSubject), 1,
        List.of("expected issuer value"));
    assertCleanFailure(cli.run("verify-blob", "--bundle", attestation.toString(), "--trusted-root", pgi.toString(),
        "--certificate-identity", "someone@else.com", "--certificate-oidc-issuer-regexp", ".*", attestationSubject), 1,
        List.of("expected SAN value \"someone@else.com\", got \"cody@soyland.com\""));
  }
}
