package dev.jcosign.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.jcosign.testing.CliRunner;
import dev.jcosign.testing.CliRunner.Result;
import dev.jcosign.testing.KeyVectors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The v0.3 bundles sign-blob writes verify with sigstore-js ({@code @sigstore/verify} 4.1.3 from
 * npm, installed once under target/), an independent implementation of the bundle format.
 */
@Tag("e2e")
class SigstoreJsCrossCheckTest {
  static final Path NPM_DIR = Path.of("target", "npm-sigstore-verify").toAbsolutePath();
  @TempDir static Path dir;
  static CliRunner cli;
  static Path blob;
  static Path script;

  @BeforeAll
  static void setUp() throws Exception {
    if (!Files.isDirectory(NPM_DIR.resolve("node_modules/@sigstore/verify"))) { // kept between runs (target/)
      Files.createDirectories(NPM_DIR);
      Proc r = run(NPM_DIR, "npm", "install", "--no-audit", "--no-fund", "--loglevel=error", "@sigstore/verify@4.1.3");
      assertEquals(0, r.code(), "npm install @sigstore/verify@4.1.3 failed (this test needs node and npm): " + r.err());
    }
    script = NPM_DIR.resolve("verify-key-bundle.js");
    Files.write(script, KeyVectors.class.getResourceAsStream("/sigstore-js/verify-key-bundle.js").readAllBytes());
    cli = BlobFixture.cli(dir);
    blob = Files.writeString(dir.resolve("blob.txt"), "checked by sigstore-js\n");
  }

  record Proc(int code, String out, String err) {}

  static Proc run(Path cwd, String... cmd) throws IOException, InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder(new ArrayList<>(List.of(cmd))).directory(cwd.toFile()).start();
    } catch (IOException e) {
      throw new AssertionError("this test needs " + cmd[0] + " on PATH (apt-get install nodejs npm): " + e.getMessage(), e);
    }
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(cmd[0] + " timed out");
    }
    return new Proc(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"ec-p256_pkcs8,PKIX_ECDSA_P256_SHA_256", "ec-p384_sec1,PKIX_ECDSA_P384_SHA_384",
      "rsa2048_pkcs8,PKIX_RSA_PKCS1V15_2048_SHA256"})
  // Not Ed25519: sigstore-js passes the bundle's digest name to Node's crypto.verify, which refuses any
  // digest for Ed25519 ("invalid digest"), so it rejects every Ed25519 message signature, ours included.
  // Pure Ed25519 over the blob is cross-checked with openssl instead (BlobOpensslCrossCheckTest).
  void sigstoreJsAcceptsOurBundle(String name, String keyDetails) throws Exception {
    Path prefix = BlobFixture.importKey(cli, dir, name);
    Path bundle = dir.resolve(name + ".sigstore.json");
    Result s = cli.run("sign-blob", "--key", BlobFixture.key(prefix), "--tlog-upload=false", "--new-bundle-format",
        "--bundle", bundle.toString(), blob.toString());
    assertEquals(0, s.code(), s.describe());
    Proc ok = run(NPM_DIR, "node", script.toString(), bundle.toString(), blob.toString(), BlobFixture.pub(prefix), keyDetails);
    assertEquals(0, ok.code(), ok.err() + ok.out());
    assertEquals("OK\n", ok.out());
    Path other = Files.writeString(dir.resolve(name + ".other"), "another blob\n");
    Proc bad = run(NPM_DIR, "node", script.toString(), bundle.toString(), other.toString(), BlobFixture.pub(prefix), keyDetails);
    assertNotEquals(0, bad.code(), "sigstore-js must reject the bundle for another artifact");
  }

  /**
   * With the transparency log and a TSA on (the loopback Rekor/TSA): sigstore-js, trusting only the root
   * that server publishes, checks the tlog entry (SET, inclusion proof, checkpoint, body against the
   * signature and key) and the RFC 3161 timestamp of our bundle; a tampered entry is rejected.
   */
  @org.junit.jupiter.api.Test
  void sigstoreJsAcceptsOurLoggedAndTimestampedBundle() throws Exception {
    dev.jcosign.testkit.SigstoreMockServer mock = dev.jcosign.testkit.SigstoreMockServer.get();
    Path root = Files.write(dir.resolve("mock-trusted-root.json"), mock.trustedRootJson());
    Path logged = Files.createDirectories(dir.resolve("logged"));
    Path prefix = BlobFixture.importKey(cli, logged, "ec-p256_pkcs8");
    Path bundle = dir.resolve("logged.sigstore.json");
    Result s = cli.run("sign-blob", "--key", BlobFixture.key(prefix), "--rekor-url", mock.url(), "--timestamp-server-url",
        mock.tsaUrl(), "--new-bundle-format", "--bundle", bundle.toString(), blob.toString());
    assertEquals(0, s.code(), s.describe());
    Proc ok = run(NPM_DIR, "node", script.toString(), bundle.toString(), blob.toString(), BlobFixture.pub(prefix),
        "PKIX_ECDSA_P256_SHA_256", root.toString());
    assertEquals(0, ok.code(), ok.err() + ok.out());
    assertEquals("OK\n", ok.out());

    // one hash of the inclusion proof changed: sigstore-js must refuse what jcosign also refuses
    com.fasterxml.jackson.databind.node.ObjectNode b = (com.fasterxml.jackson.databind.node.ObjectNode)
        dev.jcosign.core.json.Json.parse(Files.readAllBytes(bundle), "bundle");
    com.fasterxml.jackson.databind.node.ObjectNode entry = (com.fasterxml.jackson.databind.node.ObjectNode)
        b.at("/verificationMaterial/tlogEntries/0");
    entry.put("integratedTime", String.valueOf(Long.parseLong(entry.path("integratedTime").asText()) + 1));
    Path tampered = Files.write(dir.resolve("tampered.sigstore.json"), dev.jcosign.core.json.Json.write(b));
    Proc bad = run(NPM_DIR, "node", script.toString(), tampered.toString(), blob.toString(), BlobFixture.pub(prefix),
        "PKIX_ECDSA_P256_SHA_256", root.toString());
    assertNotEquals(0, bad.code(), "sigstore-js must reject an entry whose SET no longer matches");
    Result ours = cli.run("verify-blob", "--key", BlobFixture.pub(prefix), "--trusted-root", root.toString(), "--bundle",
        tampered.toString(), blob.toString());
    assertNotEquals(0, ours.code(), ours.describe());
  }
}
