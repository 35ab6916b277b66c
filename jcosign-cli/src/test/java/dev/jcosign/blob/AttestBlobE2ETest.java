package dev.jcosign.blob;

import static dev.jcosign.testing.CleanErrors.assertCleanFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcosign.core.json.Json;
import dev.jcosign.testing.CliRunner;
import dev.jcosign.testing.CliRunner.Result;
import dev.jcosign.testing.KeyVectors;
import dev.jcosign.testkit.SigstoreMockServer;
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
 * {@code attest-blob} and {@code verify-blob-attestation} (spec §1.3, keyless spec §1.4, §1.9): DSSE bundles
 * about a file, with a key or keyless against the loopback Sigstore; sigstore-js accepts what jcosign
 * writes; the production cosign attestation bundle verifies by type and digest.
 */
@Tag("e2e")
class AttestBlobE2ETest {
  static final String USER = "builder@example.com";
  @TempDir static Path dir;
  static SigstoreMockServer mock;
  static CliRunner cli;
  static Path root;
  static Path file;
  static Path predicate;
  static String sha256;

  @BeforeAll
  static void setUp() throws Exception {
    mock = SigstoreMockServer.get();
    cli = new CliRunner(dir).with("COSIGN_PASSWORD", "pw");
    root = Files.write(dir.resolve("mock-root.json"), mock.trustedRootJson());
    file = Files.writeString(dir.resolve("app.tar.gz"), "the release\n");
    predicate = Files.writeString(dir.resolve("prov.json"), "{\"buildDefinition\":{\"buildType\":\"https://example.com/t\"},"
        + "\"runDetails\":{\"builder\":{\"id\":\"https://example.com/b\"}}}");
    sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  static Result attestKeyless(Path bundle, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("attest-blob", "-y", "--fulcio-url", mock.url(), "--rekor-url",
        mock.url(), "--trusted-root", root.toString(), "--predicate", predicate.toString(), "--type", "slsaprovenance1",
        "--bundle", bundle.toString()));
    args.addAll(List.of(more));
    args.add(file.toString());
    return cli.with("SIGSTORE_ID_TOKEN", mock.token("sub=" + USER)).run(args.toArray(String[]::new));
  }

  static Result verify(Path bundle, String artifact, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("verify-blob-attestation", "--bundle", bundle.toString(),
        "--trusted-root", root.toString(), "--certificate-identity", USER, "--certificate-oidc-issuer", mock.url()));
    args.addAll(List.of(more));
    args.add(artifact);
    return cli.run(args.toArray(String[]::new));
  }

  @Test
  void keylessAttestation_verifiesByTypeAndDigest_andSigstoreJsAgrees() throws Exception {
    Path bundle = dir.resolve("att.sigstore.json");
    Result r = attestKeyless(bundle, "--timestamp-server-url", mock.tsaUrl());
    assertEquals(0, r.code(), r.describe());
    JsonNode b = Json.parse(Files.readAllBytes(bundle), "bundle");
    JsonNode st = Json.parse(Base64.getDecoder().decode(b.path("dsseEnvelope").path("payload").asText()), "statement");
    assertEquals("https://slsa.dev/provenance/v1", st.path("predicateType").asText());
    assertEquals("app.tar.gz", st.path("subject").get(0).path("name").asText());
    assertEquals(sha256, st.path("subject").get(0).path("digest").path("sha256").asText());
    assertTrue(new String(Base64.getDecoder().decode(b.path("verificationMaterial").path("tlogEntries").get(0)
        .path("canonicalizedBody").asText()), StandardCharsets.UTF_8).contains("\"kind\":\"dsse\""));
    Result ok = verify(bundle, file.toString(), "--type", "slsaprovenance1");
    assertEquals(0, ok.code(), ok.describe());
    assertEquals("Verified OK\n", ok.err());
    assertEquals(0, verify(bundle, "sha256:" + sha256).code());
    assertCleanFailure(verify(bundle, file.toString(), "--type", "cyclonedx"), 1,
        List.of("none of the attestations matched the predicate type: https://cyclonedx.org/bom"));
    Path other = Files.writeString(dir.resolve("other.bin"), "not the release\n");
    assertCleanFailure(verify(bundle, other.toString()), 1, List.of("statement is not about"));
    // sigstore-js (@sigstore/verify) accepts the DSSE bundle: certificate, SCT, dsse entry, timestamp
    Path script = SigstoreJsCrossCheckTest.NPM_DIR.resolve("verify-keyless-bundle.js");
    if (!Files.isDirectory(SigstoreJsCrossCheckTest.NPM_DIR.resolve("node_modules/@sigstore/verify"))) {
      Files.createDirectories(SigstoreJsCrossCheckTest.NPM_DIR);
      assertEquals(0, SigstoreJsCrossCheckTest.run(SigstoreJsCrossCheckTest.NPM_DIR, "npm", "install", "--no-audit", "--no-fund",
          "--loglevel=error", "@sigstore/verify@4.1.3").code());
    }
    Files.write(script, KeyVectors.class.getResourceAsStream("/sigstore-js/verify-keyless-bundle.js").readAllBytes());
    SigstoreJsCrossCheckTest.Proc js = SigstoreJsCrossCheckTest.run(SigstoreJsCrossCheckTest.NPM_DIR, "node", script.toString(),
        bundle.toString(), file.toString(), root.toString(), USER, mock.url());
    assertEquals(0, js.code(), "sigstore-js must accept jcosign's keyless DSSE bundle: " + js.out() + js.err());
  }

  @Test
  void statementAndKey_andAMessageSignatureBundleIsNotAnAttestation() throws Exception {
    assertEquals(0, cli.run("generate-key-pair", "--output-key-prefix", dir.resolve("k").toString()).code());
    Path statement = Files.writeString(dir.resolve("statement.json"), "{\"_type\":\"https://in-toto.io/Statement/v1\","
        + "\"subject\":[{\"name\":\"app.tar.gz\",\"digest\":{\"sha256\":\"" + sha256 + "\"}}],"
        + "\"predicateType\":\"https://example.com/custom\",\"predicate\":{\"ok\":true}}");
    Path bundle = dir.resolve("key-att.sigstore.json");
    Result r = cli.run("attest-blob", "--key", dir.resolve("k.key").toString(), "--tlog-upload=false", "--statement",
        statement.toString(), "--bundle", bundle.toString(), file.toString());
    assertEquals(0, r.code(), r.describe());
    Result v = cli.run("verify-blob-attestation", "--key", dir.resolve("k.pub").toString(), "--insecure-ignore-tlog",
        "--bundle", bundle.toString(), "--type", "https://example.com/custom", file.toString());
    assertEquals(0, v.code(), v.describe());
    Path sig = dir.resolve("msg.sigstore.json");
    assertEquals(0, cli.run("sign-blob", "--key", dir.resolve("k.key").toString(), "--tlog-upload=false", "--new-bundle-format",
        "--bundle", sig.toString(), file.toString()).code());
    assertCleanFailure(cli.run("verify-blob-attestation", "--key", dir.resolve("k.pub").toString(), "--insecure-ignore-tlog",
        "--bundle", sig.toString(), file.toString()), 1, List.of("not an attestation"));
    Path notStatement = Files.writeString(dir.resolve("junk.json"), "{\"hello\":1}");
    assertCleanFailure(cli.run("attest-blob", "--key", dir.resolve("k.key").toString(), "--tlog-upload=false", "--statement",
        notStatement.toString(), "--bundle", dir.resolve("x.json").toString(), file.toString()), 1, List.of("not an in-toto statement"));
  }

  @Test
  void cosignsProductionAttestationBundle_verifiesAsABlobAttestation() {
    Path att = KeyVectors.copy("bundle-v0.3-attestation/oci-attestation.sigstore.json", dir);
    Path pgi = KeyVectors.copy("trusted-roots/trusted_root_pgi.json", dir);
    String subject = "sha256:" + Json.parse(KeyVectors.bytes("bundle-v0.3-attestation/statement.json"), "st")
        .path("subject").get(0).path("digest").path("sha256").asText();
    Result r = cli.run("verify-blob-attestation", "--bundle", att.toString(), "--trusted-root", pgi.toString(), "--type",
        "https://cosign.sigstore.dev/attestation/v1", "--certificate-identity", "cody@soyland.com",
        "--certificate-oidc-issuer", "https://github.com/login/oauth", subject);
    assertEquals(0, r.code(), r.describe());
  }
}
