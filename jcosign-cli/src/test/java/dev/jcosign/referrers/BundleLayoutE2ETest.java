package dev.jcosign.referrers;

import static dev.jcosign.testing.CleanErrors.assertCleanFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcosign.core.json.Json;
import dev.jcosign.core.oci.Digest;
import dev.jcosign.testing.AttestFixture;
import dev.jcosign.testing.CliRunner.Result;
import dev.jcosign.testing.RegistryPeek;
import dev.jcosign.testkit.SigstoreMockServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * cosign v3's layout on the real Debian registry (distribution 2.8, no referrers API, so the fallback
 * {@code sha256-<hex>} index is used): {@code sign}/{@code attest --new-bundle-format} attach a DSSE bundle
 * as a referrer with exactly cosign's manifest (cosign-spec §3.5-3.6, keyless spec §1.5), and
 * {@code verify}/{@code verify-attestation} find and verify it (§1.6), before the legacy tags.
 */
@Tag("e2e")
class BundleLayoutE2ETest {
  @TempDir static Path home;
  static AttestFixture f;

  @BeforeAll
  static void setUp() {
    f = new AttestFixture(home);
  }

  static JsonNode manifest(String ref, String tagOrDigest) {
    return Json.parse(RegistryPeek.manifest(f.reg, AttestFixture.repoOf(f.reg, ref), tagOrDigest).orElseThrow(), tagOrDigest);
  }

  @Test
  void signWritesCosignsReferrerAndFallbackIndex_andVerifyReadsIt() {
    String ref = f.push("v3/sign", "v3 sign");
    Digest subject = AttestFixture.digestOf(ref);
    Result s = f.cli.run("sign", "--key", f.key, "--tlog-upload=false", "--new-bundle-format", "-a", "team=build", ref);
    assertEquals(0, s.code(), s.describe());
    assertTrue(s.err().contains("Pushing signature to: " + f.reg.host() + "/v3/sign"), s.describe());
    assertFalse(RegistryPeek.manifest(f.reg, "v3/sign", subject.tagStem() + ".sig").isPresent(), "no legacy .sig");
    JsonNode index = manifest(ref, subject.tagStem());
    assertEquals("application/vnd.oci.image.index.v1+json", index.path("mediaType").asText());
    assertEquals(1, index.path("manifests").size());
    JsonNode entry = index.path("manifests").get(0);
    assertEquals("application/vnd.dev.sigstore.bundle.v0.3+json", entry.path("artifactType").asText());
    JsonNode m = manifest(ref, entry.path("digest").asText());
    assertEquals(List.of("schemaVersion", "mediaType", "config", "layers", "annotations", "subject", "artifactType"),
        iterable(m.fieldNames()));
    assertEquals("application/vnd.oci.empty.v1+json", m.path("config").path("mediaType").asText());
    assertEquals("sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a", m.path("config").path("digest").asText());
    assertEquals("application/vnd.dev.sigstore.bundle.v0.3+json", m.path("config").path("artifactType").asText());
    assertEquals("https://sigstore.dev/cosign/sign/v1", m.path("annotations").path("dev.sigstore.bundle.predicateType").asText());
    assertEquals("dsse-envelope", m.path("annotations").path("dev.sigstore.bundle.content").asText());
    assertTrue(m.path("annotations").path("org.opencontainers.image.created").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));
    assertEquals(subject.toString(), m.path("subject").path("digest").asText());
    Result v = f.cli.run("verify", "--key", f.pub, "--insecure-ignore-tlog", ref);
    assertEquals(0, v.code(), v.describe());
    assertTrue(v.out().contains("\"type\":\"https://sigstore.dev/cosign/sign/v1\"") && v.out().contains("\"team\":\"build\""),
        v.describe());
    assertCleanFailure(f.cli.run("verify", "--key", f.otherPub, "--insecure-ignore-tlog", ref), 1,
        List.of("no bundle attached to the image verifies"));
    // tree lists the referrer, download signature prints the bundle
    Result t = f.cli.run("tree", ref);
    assertEquals(0, t.code(), t.describe());
    assertTrue(t.out().contains("└── 🔗 https://sigstore.dev/cosign/sign/v1 artifacts via OCI referrer: " + f.reg.host()
        + "/v3/sign@" + entry.path("digest").asText() + "\n   └── 🍒 " + m.path("layers").get(0).path("digest").asText()), t.out());
    Result dl = f.cli.run("download", "signature", ref);
    assertEquals(0, dl.code(), dl.describe());
    assertTrue(dl.out().startsWith("{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\""), dl.out());
  }

  @Test
  void aSecondSignerAppendsToTheSortedIndex_andEarlierSignaturesStay() {
    String ref = f.push("v3/two", "v3 two signers");
    Digest subject = AttestFixture.digestOf(ref);
    assertEquals(0, f.cli.run("sign", "--key", f.key, "--tlog-upload=false", "--new-bundle-format", ref).code());
    assertEquals(0, f.cli.run("sign", "--key", home.resolve("b.key").toString(), "--tlog-upload=false", "--new-bundle-format", ref).code());
    JsonNode index = manifest(ref, subject.tagStem());
    assertEquals(2, index.path("manifests").size());
    assertTrue(index.path("manifests").get(0).path("digest").asText().compareTo(index.path("manifests").get(1).path("digest").asText()) < 0);
    assertEquals(0, f.cli.run("verify", "--key", f.pub, "--insecure-ignore-tlog", ref).code());
    assertEquals(0, f.cli.run("verify", "--key", f.otherPub, "--insecure-ignore-tlog", ref).code());
  }

  @Test
  void aFallbackTagThatIsNotAnIndex_isRefusedAndLeftAlone() {
    String ref = f.push("v3/junk", "v3 junk fallback");
    Digest subject = AttestFixture.digestOf(ref);
    // a plain image pushed under the fallback tag's name
    dev.jcosign.testkit.TestImages.push(f.reg, "v3/junk", subject.tagStem(), "not an index");
    assertCleanFailure(f.cli.run("sign", "--key", f.key, "--tlog-upload=false", "--new-bundle-format", ref), 1,
        List.of("fallback tag manifest is not an OCI image index"));
    assertEquals("application/vnd.oci.image.manifest.v1+json", manifest(ref, subject.tagStem()).path("mediaType").asText());
  }

  @Test
  void keylessSignAndAttest_verifyByIdentity_andTheBundleFileIsWritten() throws Exception {
    SigstoreMockServer mock = SigstoreMockServer.get();
    Path root = Files.write(home.resolve("mock-root.json"), mock.trustedRootJson());
    String ref = f.push("v3/keyless", "v3 keyless");
    Path bundle = home.resolve("sign.sigstore.json");
    var keyless = f.cli.with("SIGSTORE_ID_TOKEN", mock.token("sub=ci@example.com"));
    Result s = keyless.run("sign", "-y", "--new-bundle-format", "--fulcio-url", mock.url(), "--rekor-url", mock.url(),
        "--timestamp-server-url", mock.tsaUrl(), "--trusted-root", root.toString(), "--bundle", bundle.toString(), ref);
    assertEquals(0, s.code(), s.describe());
    assertTrue(Files.size(bundle) > 0);
    Result v = f.cli.run("verify", "--trusted-root", root.toString(), "--certificate-identity", "ci@example.com",
        "--certificate-oidc-issuer", mock.url(), ref);
    assertEquals(0, v.code(), v.describe());
    assertCleanFailure(f.cli.run("verify", "--trusted-root", root.toString(), "--certificate-identity", "mallory@example.com",
        "--certificate-oidc-issuer", mock.url(), ref), 1, List.of("expected SAN value"));
    // the bundle as the registry serves it (fetched from the fallback index's referrer) is what --bundle wrote,
    // and sigstore-js (@sigstore/verify) accepts it, trusting only the loopback root
    Digest subject = AttestFixture.digestOf(ref);
    JsonNode entry = manifest(ref, subject.tagStem()).path("manifests").get(0);
    String layer = manifest(ref, entry.path("digest").asText()).path("layers").get(0).path("digest").asText();
    byte[] pushed = RegistryPeek.blob(f.reg, "v3/keyless", layer).orElseThrow();
    assertTrue(java.util.Arrays.equals(pushed, Files.readAllBytes(bundle)));
    Path npm = dev.jcosign.blob.SigstoreJsCrossCheckSupport.verifierDir();
    Path script = npm.resolve("verify-keyless-bundle.js");
    Files.write(script, dev.jcosign.testing.KeyVectors.class.getResourceAsStream("/sigstore-js/verify-keyless-bundle.js").readAllBytes());
    Path fetched = Files.write(home.resolve("fetched.sigstore.json"), pushed);
    Process js = new ProcessBuilder("node", script.toString(), fetched.toString(), "-", root.toString(), "ci@example.com", mock.url())
        .directory(npm.toFile()).redirectErrorStream(true).start();
    String jsOut = new String(js.getInputStream().readAllBytes());
    try {
      assertTrue(js.waitFor(120, java.util.concurrent.TimeUnit.SECONDS) && js.exitValue() == 0,
          "sigstore-js must accept the pushed bundle: " + jsOut);
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
    Path sbom = f.file("v3-sbom.json", "{\"bomFormat\":\"CycloneDX\"}");
    Result a = keyless.run("attest", "-y", "--new-bundle-format", "--fulcio-url", mock.url(), "--rekor-url", mock.url(),
        "--trusted-root", root.toString(), "--type", "cyclonedx", "--predicate", sbom.toString(), ref);
    assertEquals(0, a.code(), a.describe());
    Result va = f.cli.run("verify-attestation", "--trusted-root", root.toString(), "--certificate-identity", "ci@example.com",
        "--certificate-oidc-issuer", mock.url(), "--type", "cyclonedx", ref);
    assertEquals(0, va.code(), va.describe());
    assertTrue(va.out().contains("\"payloadType\":\"application/vnd.in-toto+json\""), va.describe());
    assertCleanFailure(f.cli.run("verify-attestation", "--trusted-root", root.toString(), "--certificate-identity", "ci@example.com",
        "--certificate-oidc-issuer", mock.url(), "--type", "spdxjson", ref), 1, List.of("none of the attestations matched"));
    Result dl = f.cli.run("download", "attestation", "--predicate-type", "cyclonedx", ref);
    assertEquals(0, dl.code(), dl.describe());
    assertEquals(1, dl.out().strip().split("\n").length, dl.out());
    assertTrue(dl.out().startsWith("{\"payloadType\":\"application/vnd.in-toto+json\""), dl.out());
  }

  @Test
  void saveLoadAndVerifyLocalImage_keepTheReferrers() {
    String ref = f.push("v3/saved", "v3 saved");
    Digest subject = AttestFixture.digestOf(ref);
    assertEquals(0, f.cli.run("sign", "--key", f.key, "--tlog-upload=false", "--new-bundle-format", ref).code());
    Path dir = home.resolve("saved-layout");
    Result save = f.cli.run("save", "--dir", dir.toString(), ref);
    assertEquals(0, save.code(), save.describe());
    Result local = f.cli.run("verify", "--key", f.pub, "--insecure-ignore-tlog", "--local-image", dir.toString());
    assertEquals(0, local.code(), local.describe());
    assertTrue(local.out().contains("https://sigstore.dev/cosign/sign/v1"), local.describe());
    assertCleanFailure(f.cli.run("verify", "--key", f.otherPub, "--insecure-ignore-tlog", "--local-image", dir.toString()), 1,
        List.of("no bundle attached to the image verifies"));
    String target = f.reg.host() + "/v3/loaded:v1";
    Result load = f.cli.run("load", "--dir", dir.toString(), target);
    assertEquals(0, load.code(), load.describe());
    assertEquals(1, Json.parse(RegistryPeek.manifest(f.reg, "v3/loaded", subject.tagStem()).orElseThrow(), "index")
        .path("manifests").size());
    Result v = f.cli.run("verify", "--key", f.pub, "--insecure-ignore-tlog", f.reg.host() + "/v3/loaded@" + subject);
    assertEquals(0, v.code(), v.describe());
  }

  private static List<String> iterable(java.util.Iterator<String> it) {
    List<String> out = new java.util.ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }
}
