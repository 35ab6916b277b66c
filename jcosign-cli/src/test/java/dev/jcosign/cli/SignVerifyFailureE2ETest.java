package dev.jcosign.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcosign.core.json.Json;
import dev.jcosign.core.oci.MediaTypes;
import dev.jcosign.testing.CleanErrors;
import dev.jcosign.testing.CliRunner;
import dev.jcosign.testing.CliRunner.Result;
import dev.jcosign.testing.RegistryPeek;
import dev.jcosign.testkit.DockerRegistryServer;
import dev.jcosign.testkit.DockerRegistryServer.Variant;
import dev.jcosign.testkit.TestImages;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The failures a real {@code docker-registry} produces by itself (401 for wrong credentials, a
 * pull-only token, content it accepts but verify must refuse): same clean errors, nothing lost.
 */
@Tag("e2e")
@ExtendWith(DockerRegistryServer.LogsOnFailure.class)
class SignVerifyFailureE2ETest {
  static final String KEY_PASSWORD = "e2e-key-password-never-shown";

  @TempDir static Path home;
  static CliRunner cli;
  static String key;
  static String pub;

  @BeforeAll
  static void keys() {
    cli = new CliRunner(home).with("COSIGN_PASSWORD", KEY_PASSWORD);
    assertEquals(0, cli.run("generate-key-pair", "--output-key-prefix", home.resolve("k").toString()).code());
    key = home.resolve("k.key").toString();
    pub = home.resolve("k.pub").toString();
  }

  /** An image in {@code reg}, signed once with {@code run=1} using the registry's working flags. */
  record Signed(DockerRegistryServer reg, String repo, String ref, String sigTag, byte[] sig) {
    byte[] currentSig() {
      return RegistryPeek.manifest(reg, repo, sigTag).orElseThrow();
    }
  }

  static Signed signedImage(Variant variant) {
    DockerRegistryServer reg = DockerRegistryServer.get(variant);
    String repo = "e2e-faults/" + UUID.randomUUID().toString().substring(0, 8);
    TestImages.Image img = TestImages.push(reg, repo, "v1", "e2e fault image " + repo);
    String ref = reg.host() + "/" + repo + "@" + img.manifestDigest();
    Result s = cli.run(reg.cliFlags(), "sign", "--key", key, "--tlog-upload=false", "-a", "run=1", ref);
    assertEquals(0, s.code(), s.describe());
    String sigTag = img.manifestDigest().tagStem() + ".sig";
    return new Signed(reg, repo, ref, sigTag, RegistryPeek.manifest(reg, repo, sigTag).orElseThrow());
  }

  static Result run(String... args) {
    return cli.run(args);
  }

  static String[] args(String[] flags, String... rest) {
    List<String> all = new ArrayList<>(Arrays.asList(rest));
    all.addAll(1, Arrays.asList(flags));
    return all.toArray(String[]::new);
  }

  @Test
  void htpasswd_wrongRegistryPassword_exits1_andKeepsTheSignature() {
    Signed s = signedImage(Variant.HTPASSWD);
    String[] wrong = {"--registry-username", DockerRegistryServer.USERNAME, "--registry-password", "wrong-registry-password"};
    Result r = run(args(wrong, "sign", "--key", key, "--tlog-upload=false", "-a", "run=2", s.ref()));
    CleanErrors.assertCleanFailure(r, 1, List.of("401 UNAUTHORIZED", "http://" + s.reg().host() + "/v2/" + s.repo() + "/manifests/"),
        "wrong-registry-password", KEY_PASSWORD);
    assertArrayEquals(s.sig(), s.currentSig());
    Result v = run(args(wrong, "verify", "--key", pub, "--insecure-ignore-tlog", s.ref()));
    CleanErrors.assertCleanFailure(v, 1, List.of("401 UNAUTHORIZED"), "wrong-registry-password");
  }

  @Test
  void token_anonymousMayReadButNotWrite_signFailsCleanly_andKeepsTheSignature() {
    Signed s = signedImage(Variant.TOKEN);
    Result r = run("sign", "--key", key, "--tlog-upload=false", "-a", "run=2", s.ref());
    CleanErrors.assertCleanFailure(r, 1, List.of("pushing signature to " + s.reg().host() + "/" + s.repo() + ":" + s.sigTag(), "401"),
        KEY_PASSWORD, DockerRegistryServer.PASSWORD);
    assertArrayEquals(s.sig(), s.currentSig());
    Result v = run("verify", "--key", pub, "--insecure-ignore-tlog", s.ref());
    assertEquals(0, v.code(), "anonymous pull still verifies the old signature\n" + v.describe());
    assertTrue(v.out().contains("\"optional\":{\"run\":\"1\"}"), v.out());
  }

  @Test
  void token_wrongPassword_namesTheTokenServer_notThePassword() {
    Signed s = signedImage(Variant.TOKEN);
    String[] wrong = {"--registry-username", DockerRegistryServer.USERNAME, "--registry-password", "wrong-token-password"};
    Result r = run(args(wrong, "sign", "--key", key, "--tlog-upload=false", "-a", "run=2", s.ref()));
    CleanErrors.assertCleanFailure(r, 1, List.of(s.reg().tokenServer().realm().toString(), "401"), "wrong-token-password", KEY_PASSWORD);
    assertArrayEquals(s.sig(), s.currentSig());
  }

  @Test
  void plain_contentTheRegistryAcceptsButVerifyRefuses() {
    Signed s = signedImage(Variant.PLAIN);
    DockerRegistryServer reg = s.reg();
    ObjectNode original = (ObjectNode) Json.parse(s.sig(), "sig");

    // payload above COSIGN_MAX_ATTACHMENT_SIZE
    Result big = cli.with("COSIGN_MAX_ATTACHMENT_SIZE", "100").run("verify", "--key", pub, "--insecure-ignore-tlog", s.ref());
    CleanErrors.assertCleanFailure(big, 12, List.of("no matching signatures", "exceeded the limit (100)"));

    // a .sig with more layers than cosign reads (spec §3.2)
    ObjectNode many = original.deepCopy();
    ArrayNode layers = (ArrayNode) many.get("layers");
    while (layers.size() < 1001) {
      layers.add(layers.get(0).deepCopy());
    }
    TestImages.putManifest(reg, s.repo(), s.sigTag(), Json.write(many), MediaTypes.OCI_MANIFEST, reg.pushAuthorization(s.repo()));
    Result tooMany = run("verify", "--key", pub, "--insecure-ignore-tlog", s.ref());
    CleanErrors.assertCleanFailure(tooMany, 1, List.of("number of layers (1001) exceeded the limit (1000)"));
    Result signTooMany = run("sign", "--key", key, "--tlog-upload=false", "-a", "run=2", s.ref());
    CleanErrors.assertCleanFailure(signTooMany, 1, List.of("number of layers (1001) exceeded the limit (1000)"), KEY_PASSWORD);

    // an index where the signature image should be
    byte[] index = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":[]}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    TestImages.putManifest(reg, s.repo(), s.sigTag(), index, MediaTypes.OCI_INDEX, reg.pushAuthorization(s.repo()));
    Result isIndex = run("verify", "--key", pub, "--insecure-ignore-tlog", s.ref());
    CleanErrors.assertCleanFailure(isIndex, 1, List.of("is an index, not an image manifest"));

    // a signature annotation that is not base64: a failed signature (12), not a broken registry
    ObjectNode bad = original.deepCopy();
    ((ObjectNode) bad.get("layers").get(0).get("annotations")).put("dev.cosignproject.cosign/signature", "*** not base64 ***");
    TestImages.putManifest(reg, s.repo(), s.sigTag(), Json.write(bad), MediaTypes.OCI_MANIFEST, reg.pushAuthorization(s.repo()));
    Result notBase64 = run("verify", "--key", pub, "--insecure-ignore-tlog", s.ref());
    CleanErrors.assertCleanFailure(notBase64, 12, List.of("signature annotation is not valid base64"));
  }
}
