package dev.jcosign.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcosign.core.json.Json;
import dev.jcosign.testing.CliRunner;
import dev.jcosign.testing.CliRunner.Result;
import dev.jcosign.testing.RegistryPeek;
import dev.jcosign.testkit.DockerRegistryServer;
import dev.jcosign.testkit.DockerRegistryServer.Variant;
import dev.jcosign.testkit.TestImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * sign → verify end to end against the real Debian docker-registry, in every auth/transport
 * variant (test-peers §1): plain HTTP, htpasswd, bearer token, TLS with a test CA.
 */
@Tag("e2e")
class SignVerifyE2ETest {
  @TempDir static Path home;
  static CliRunner cli;
  static Path key;
  static Path pub;

  @BeforeAll
  static void keys() {
    cli = new CliRunner(home).with("COSIGN_PASSWORD", "e2e-pass");
    Result r = cli.run("generate-key-pair", "--output-key-prefix", home.resolve("k").toString());
    assertEquals(0, r.code(), r.describe());
    key = home.resolve("k.key");
    pub = home.resolve("k.pub");
  }

  @ParameterizedTest
  @EnumSource(value = Variant.class, names = {"PLAIN", "HTPASSWD", "TOKEN", "TLS"})
  void signByDigestThenVerify(Variant variant) {
    DockerRegistryServer reg = DockerRegistryServer.get(variant);
    String repo = "e2e/sv-" + variant.name().toLowerCase();
    TestImages.Image img = TestImages.push(reg, repo, "v1", "content for " + variant);
    String ref = reg.host() + "/" + repo + "@" + img.manifestDigest();

    Result s = cli.run(reg.cliFlags(), "sign", "--key", key.toString(), "--tlog-upload=false", "-y", ref);
    assertEquals(0, s.code(), s.describe() + "\n" + reg.logTail(20));
    assertTrue(s.err().contains("Pushing signature to: " + reg.host() + "/" + repo), s.err());
    assertEquals("", s.out());

    Result v = cli.run(reg.cliFlags(), "verify", "--key", pub.toString(), "--insecure-ignore-tlog", ref);
    assertEquals(0, v.code(), v.describe());
    assertTrue(v.err().contains("Verification for " + ref + " --"), v.err());
    assertTrue(v.err().contains("  - The cosign claims were validated"), v.err());
    assertTrue(v.err().contains("  - The signatures were verified against the specified public key"), v.err());
    String expectedPayload = "{\"critical\":{\"identity\":{\"docker-reference\":\"" + reg.host() + "/" + repo
        + "\"},\"image\":{\"docker-manifest-digest\":\"" + img.manifestDigest()
        + "\"},\"type\":\"cosign container image signature\"},\"optional\":null}";
    assertEquals("\n[" + expectedPayload + "]\n", v.out());

    // what is stored is cosign's layout: one simple-signing layer, the payload as the blob
    byte[] sigManifest = RegistryPeek.manifest(reg, repo, img.manifestDigest().tagStem() + ".sig").orElseThrow();
    JsonNode m = Json.parse(sigManifest, "sig");
    assertEquals("application/vnd.oci.image.manifest.v1+json", m.get("mediaType").asText());
    JsonNode layer = m.get("layers").get(0);
    assertEquals("application/vnd.dev.cosign.simplesigning.v1+json", layer.get("mediaType").asText());
    assertTrue(layer.get("annotations").has("dev.cosignproject.cosign/signature"));
    byte[] blob = RegistryPeek.blob(reg, repo, layer.get("digest").asText()).orElseThrow();
    assertArrayEquals(expectedPayload.getBytes(StandardCharsets.UTF_8), blob);
  }

  @ParameterizedTest
  @EnumSource(value = Variant.class, names = {"HTPASSWD", "TLS"})
  void withoutCredentialsOrCaTheRegistryRefusesCleanly(Variant variant) {
    DockerRegistryServer reg = DockerRegistryServer.get(variant);
    String repo = "e2e/nocreds-" + variant.name().toLowerCase();
    TestImages.Image img = TestImages.push(reg, repo, "v1");
    Result s = cli.run("sign", "--key", key.toString(), "--tlog-upload=false", reg.host() + "/" + repo + "@" + img.manifestDigest());
    assertEquals(1, s.code(), s.describe());
    assertTrue(s.err().startsWith("Error: "), s.err());
    assertEquals(1, s.err().strip().lines().count(), s.err());
    assertFalse(s.err().contains("\tat "), s.err());
    assertTrue(RegistryPeek.manifest(reg, repo, img.manifestDigest().tagStem() + ".sig").isEmpty());
  }
}
