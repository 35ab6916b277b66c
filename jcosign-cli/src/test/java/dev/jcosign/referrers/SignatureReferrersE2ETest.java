package dev.jcosign.referrers;

import static dev.jcosign.testing.CleanErrors.assertCleanFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcosign.core.json.Json;
import dev.jcosign.core.oci.Digest;
import dev.jcosign.testing.AttestFixture;
import dev.jcosign.testing.CliRunner;
import dev.jcosign.testing.CliRunner.Result;
import dev.jcosign.testing.RegistryPeek;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sign --registry-referrers-mode=oci-1-1} on the real Debian registry (no referrers API, so the
 * fallback index lists the referrer): the legacy signature image is pushed by digest as a referrer with
 * cosign's config media type and artifactType (cosign-spec §3.7), and {@code verify --experimental-oci11}
 * finds it (the last one listed), while plain {@code verify} keeps reading the {@code .sig} tag.
 */
@Tag("e2e")
class SignatureReferrersE2ETest {
  static final String SIG_TYPE = "application/vnd.dev.cosign.artifact.sig.v1+json";
  @TempDir static Path home;
  static AttestFixture f;
  static CliRunner experimental;

  @BeforeAll
  static void setUp() {
    f = new AttestFixture(home);
    experimental = f.cli.with("COSIGN_EXPERIMENTAL", "1");
  }

  static JsonNode manifest(String ref, String tagOrDigest) {
    return Json.parse(RegistryPeek.manifest(f.reg, AttestFixture.repoOf(f.reg, ref), tagOrDigest).orElseThrow(), tagOrDigest);
  }

  @Test
  void withoutCosignExperimental_theModeIsRefused() {
    String ref = f.push("oci11/refused", "oci11 refused");
    assertCleanFailure(f.cli.run("sign", "--key", f.key, "--tlog-upload=false", "--registry-referrers-mode=oci-1-1", ref), 1,
        List.of("in order to use mode \"oci-1-1\", you must set COSIGN_EXPERIMENTAL=\"1\""));
    assertCleanFailure(experimental.run("sign", "--key", f.key, "--tlog-upload=false", "--registry-referrers-mode=oci11", ref), 1,
        List.of("--registry-referrers-mode"));
    assertFalse(RegistryPeek.manifest(f.reg, "oci11/refused", AttestFixture.digestOf(ref).tagStem() + ".sig").isPresent());
  }

  @Test
  void theSignatureImageIsAReferrer_andVerifyFindsItWithExperimentalOci11() {
    String ref = f.push("oci11/sign", "oci11 sign");
    Digest subject = AttestFixture.digestOf(ref);
    Result s = experimental.run("sign", "--key", f.key, "--tlog-upload=false", "--registry-referrers-mode=oci-1-1", ref);
    assertEquals(0, s.code(), s.describe());
    assertFalse(RegistryPeek.manifest(f.reg, "oci11/sign", subject.tagStem() + ".sig").isPresent(), "no .sig tag");
    JsonNode index = manifest(ref, subject.tagStem());
    assertEquals(1, index.path("manifests").size());
    JsonNode entry = index.path("manifests").get(0);
    assertEquals(SIG_TYPE, entry.path("artifactType").asText());
    String at = f.reg.host() + "/oci11/sign@" + entry.path("digest").asText();
    assertTrue(s.err().contains("Uploading signature for [" + ref + "] to [" + at + "] with config.mediaType [" + SIG_TYPE
        + "] layers[0].mediaType [application/vnd.dev.cosign.simplesigning.v1+json]."), s.describe());
    JsonNode m = manifest(ref, entry.path("digest").asText());
    assertEquals(List.of("schemaVersion", "mediaType", "config", "layers", "subject", "artifactType"), names(m));
    assertEquals(SIG_TYPE, m.path("config").path("mediaType").asText());
    assertEquals(SIG_TYPE, m.path("artifactType").asText());
    assertEquals(subject.toString(), m.path("subject").path("digest").asText());
    assertEquals(1, m.path("layers").size());
    assertTrue(m.path("layers").get(0).path("annotations").has("dev.cosignproject.cosign/signature"));
    // the config blob is the legacy signature image's config, under the referrer's media type
    assertTrue(RegistryPeek.blob(f.reg, "oci11/sign", m.path("config").path("digest").asText()).isPresent());

    assertEquals(10, f.cli.run("verify", "--key", f.pub, "--insecure-ignore-tlog", ref).code(), "plain verify reads the .sig tag");
    Result v = f.cli.run("verify", "--experimental-oci11", "--key", f.pub, "--insecure-ignore-tlog", ref);
    assertEquals(0, v.code(), v.describe());
    assertTrue(v.out().contains(subject.toString()), v.describe());
    assertCleanFailure(f.cli.run("verify", "--experimental-oci11", "--key", f.otherPub, "--insecure-ignore-tlog", ref), 12,
        List.of("no matching signatures"));
    Result t = f.cli.run("tree", ref);
    assertTrue(t.out().contains(SIG_TYPE + " artifacts via OCI referrer: " + at), t.describe());
  }

  @Test
  void eachSignIsItsOwnReferrer_theLastListedIsVerified_andTheSigTagIsTheFallback() {
    String ref = f.push("oci11/two", "oci11 two");
    Digest subject = AttestFixture.digestOf(ref);
    assertEquals(0, experimental.run("sign", "--key", f.key, "--tlog-upload=false", "--registry-referrers-mode=oci-1-1", ref).code());
    assertEquals(0, experimental.run("sign", "--key", home.resolve("b.key").toString(), "--tlog-upload=false",
        "--registry-referrers-mode=oci-1-1", ref).code());
    JsonNode entries = manifest(ref, subject.tagStem()).path("manifests");
    assertEquals(2, entries.size(), "nothing read-modify-written: both signatures stay");
    // cosign takes the last referrer listed (the fallback index is sorted by digest): exactly one key verifies
    int passing = 0;
    for (String pub : List.of(f.pub, f.otherPub)) {
      passing += f.cli.run("verify", "--experimental-oci11", "--key", pub, "--insecure-ignore-tlog", ref).code() == 0 ? 1 : 0;
    }
    assertEquals(1, passing);

    String legacy = f.push("oci11/legacy", "oci11 legacy");
    assertEquals(0, f.cli.run("sign", "--key", f.key, "--tlog-upload=false", legacy).code());
    assertEquals(0, f.cli.run("verify", "--experimental-oci11", "--key", f.pub, "--insecure-ignore-tlog", legacy).code(),
        "no signature referrer: the .sig tag");
  }

  private static List<String> names(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
