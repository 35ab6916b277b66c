package dev.jcosign.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcosign.adapters.keyfile.KeyFileSignerProvider;
import dev.jcosign.core.attest.DsseEnvelope;
import dev.jcosign.core.json.Json;
import dev.jcosign.core.oci.Digest;
import dev.jcosign.core.spi.KeyRef;
import dev.jcosign.core.spi.Signer;
import dev.jcosign.testing.AttestFixture;
import dev.jcosign.testing.CliRunner.Result;
import dev.jcosign.testing.RegistryPeek;
import dev.jcosign.testkit.TestImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What verify-attestation and attest must refuse (issue 4 test list). */
@Tag("e2e")
class AttestFailureE2ETest {
  private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  @TempDir static Path home;
  static AttestFixture f;

  @BeforeAll
  static void setUp() {
    f = new AttestFixture(home);
  }

  private static String repo(String ref) {
    return AttestFixture.repoOf(f.reg, ref);
  }

  /** Replaces layer 0 of the .att image with {@code envelope} (blob pushed, manifest rewritten). */
  private static void swapLayer(String ref, byte[] envelope) {
    TestImages.pushBlob(f.reg, repo(ref), new TestImages.Blob(Digest.sha256(envelope), envelope), null);
    ObjectNode m = (ObjectNode) f.attManifest(ref);
    ObjectNode layer = (ObjectNode) m.get("layers").get(0);
    layer.put("digest", Digest.sha256(envelope).toString());
    layer.put("size", envelope.length);
    TestImages.putManifest(f.reg, repo(ref), AttestFixture.attTag(ref), Json.write(m), OCI_MANIFEST, null);
  }

  private static void assertRejected(Result v, String message) {
    assertEquals(1, v.code(), v.describe());
    assertEquals("", v.out());
    assertTrue(v.err().contains("Error: " + message + "\n"), v.err());
  }

  @Test
  void tamperedPredicateIsRejected() {
    String ref = f.push("attf/tampered", "tampered");
    assertEquals(0, f.attest(ref, "cyclonedx", f.file("t.json", "{\"bomFormat\":\"CycloneDX\",\"components\":[]}")).code());
    DsseEnvelope env = DsseEnvelope.parse(f.attLayer(ref, 0));
    String forged = new String(env.payload(), StandardCharsets.UTF_8).replace("\"components\":[]", "\"components\":[\"evil\"]");
    swapLayer(ref, new DsseEnvelope(env.payloadType(), forged.getBytes(StandardCharsets.UTF_8), env.signatures()).toJson());
    assertRejected(f.verify(f.pub, "cyclonedx", ref), "no matching attestations: accepted signatures do not match threshold, Found: 0, Expected 1");
  }

  @Test
  void statementAboutAnotherDigestIsRejected() {
    String ref = f.push("attf/otherdigest", "other digest");
    assertEquals(0, f.attest(ref, "custom", f.file("o.txt", "o")).code());
    // a correctly signed statement whose subject is some other image
    String statement = "{\"_type\":\"https://in-toto.io/Statement/v0.1\",\"predicateType\":\"https://cosign.sigstore.dev/attestation/v1\","
        + "\"subject\":[{\"name\":\"x\",\"digest\":{\"sha256\":\"" + Digest.sha256("elsewhere").hex() + "\"}}],\"predicate\":{}}";
    byte[] payload = statement.getBytes(StandardCharsets.UTF_8);
    Signer signer = new KeyFileSignerProvider(n -> Optional.empty()).signer(KeyRef.parse(f.key), confirm -> "pw".toCharArray());
    byte[] sig = signer.sign(DsseEnvelope.pae(DsseEnvelope.IN_TOTO, payload));
    swapLayer(ref, new DsseEnvelope(DsseEnvelope.IN_TOTO, payload, List.of(new DsseEnvelope.Signature("", sig))).toJson());
    assertRejected(f.verify(f.pub, "custom", ref), "no matching attestations: no matching subject digest found");
    // the signature itself is fine: without claim checks it verifies
    assertEquals(0, f.verify(f.pub, "custom", "--check-claims=false", ref).code());
  }

  @Test
  void attestationMovedToAnotherImageIsRejected() {
    String a = f.push("attf/moved", "image A");
    String b = f.push("attf/moved", "image B");
    assertEquals(0, f.attest(a, "custom", f.file("m.txt", "m")).code());
    byte[] att = RegistryPeek.manifest(f.reg, "attf/moved", AttestFixture.attTag(a)).orElseThrow();
    TestImages.putManifest(f.reg, "attf/moved", AttestFixture.attTag(b), att, OCI_MANIFEST, null);
    assertRejected(f.verify(f.pub, "custom", b), "no matching attestations: no matching subject digest found");
    assertEquals(0, f.verify(f.pub, "custom", a).code());
  }

  /** A wrong password: one line, nothing pushed, whether or not the predicate is valid JSON (the key is loaded first). */
  @Test
  void wrongPasswordIsReportedFirstAndPushesNothing() {
    String ref = f.push("attf/password", "password");
    dev.jcosign.testing.CliRunner wrong = f.cli.with("COSIGN_PASSWORD", "not-the-password");
    for (String predicate : List.of("{\"ok\":true}", "not json at all")) {
      Result r = wrong.run("attest", "--key", f.key, "--tlog-upload=false", "--type", "cyclonedx", "--predicate",
          f.file("pw.json", predicate).toString(), ref);
      dev.jcosign.testing.CleanErrors.assertCleanFailure(r, 1, List.of("wrong password for private key"));
      assertFalse(r.err().contains("not-the-password"), r.err());
    }
    assertTrue(dev.jcosign.testing.RegistryPeek.manifest(f.reg, repo(ref), AttestFixture.attTag(ref)).isEmpty(), "nothing pushed");
    // with the right password, the predicate's own error
    Result bad = f.cli.run("attest", "--key", f.key, "--tlog-upload=false", "--type", "cyclonedx", "--predicate",
        f.file("pw.json", "not json at all").toString(), ref);
    assertEquals(1, bad.code(), bad.describe());
    assertFalse(bad.err().contains("password"), bad.err());
  }

  @Test
  void wrongKeyNoAttestationsAndTlog() {
    String ref = f.push("attf/wrongkey", "wrong key");
    assertRejected(f.verify(f.pub, "custom", ref), "no matching attestations:");
    assertEquals(0, f.attest(ref, "custom", f.file("w.txt", "w")).code());
    assertRejected(f.verify(f.otherPub, "custom", ref), "no matching attestations: accepted signatures do not match threshold, Found: 0, Expected 1");
    // without --insecure-ignore-tlog, as verify: no bundle, and --offline forbids the online search
    Result tlog = f.cli.run("verify-attestation", "--key", f.pub, "--offline", ref);
    assertRejected(tlog, "no matching attestations: offline verification failed: the signature carries no transparency log bundle"
        + " (it was signed without --tlog-upload; verify with --insecure-ignore-tlog if that is expected)");
  }

  @Test
  void attestDefaultsToTheTransparencyLogAndPushesNothing() {
    String ref = f.push("attf/tlog", "tlog");
    // the default public log: asked first (declined without an answer), then unreachable from the tests
    Result r = f.cli.run("attest", "--key", f.key, "--predicate", f.file("tl.txt", "t").toString(), ref);
    assertEquals(1, r.code(), r.describe());
    assertTrue(r.err().contains("Error: user declined the prompt"), r.err());
    Result y = f.cli.run("attest", "--key", f.key, "-y", "--predicate", f.file("tl.txt", "t").toString(), ref);
    assertEquals(1, y.code(), y.describe());
    assertTrue(y.err().contains("Error: cannot reach transparency log at https://rekor.sigstore.dev"), y.err());
    assertTrue(RegistryPeek.manifest(f.reg, "attf/tlog", AttestFixture.attTag(ref)).isEmpty());
  }

  @Test
  void badInputGetsClearErrors() {
    String ref = f.push("attf/bad", "bad input");
    Result missing = f.cli.run("attest", "--key", f.key, "--tlog-upload=false", ref);
    assertRejected(missing, "predicate cannot be empty");
    Result notJson = f.attest(ref, "cyclonedx", f.file("bom.xml", "<bom/>"));
    assertEquals(1, notJson.code());
    assertTrue(notJson.err().contains("Error: invalid JSON payload for predicate type https://cyclonedx.org/bom: "), notJson.err());
    assertRejected(f.attest(ref, "sbom", f.file("s.json", "{}")), "invalid predicate type: sbom");
    assertRejected(f.verify(f.pub, "sbom", ref), "invalid predicate type: sbom");
    Result nofile = f.attest(ref, "custom", home.resolve("absent.txt"));
    assertRejected(nofile, "open " + home.resolve("absent.txt") + ": no such file or directory");
    assertTrue(RegistryPeek.manifest(f.reg, "attf/bad", AttestFixture.attTag(ref)).isEmpty(), "nothing pushed on bad input");
    Result rego = f.verify(f.pub, "custom", "--policy", "p.rego", ref);
    assertRejected(rego, "policy p.rego: CUE and Rego policies are not supported yet");
    assertRejected(f.verify(f.pub, "custom", "--policy", "p.json", ref), "invalid policy format, expected .cue or .rego");
  }
}
