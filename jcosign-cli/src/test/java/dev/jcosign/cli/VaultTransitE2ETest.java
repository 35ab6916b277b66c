package dev.jcosign.cli;

import static dev.jcosign.testing.CleanErrors.assertCleanFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jcosign.testing.CliRunner;
import dev.jcosign.testing.CliRunner.Result;
import dev.jcosign.testkit.DockerRegistryServer;
import dev.jcosign.testkit.DockerRegistryServer.Variant;
import dev.jcosign.testkit.TestImages;
import dev.jcosign.testkit.VaultTransitFake;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Sign an image on the real registry with a Vault transit key and verify it both ways (issue 5). */
@Tag("e2e")
class VaultTransitE2ETest {
  @TempDir static Path home;
  static VaultTransitFake vault;
  static DockerRegistryServer reg;
  static CliRunner cli;

  @BeforeAll
  static void setUp() {
    vault = new VaultTransitFake("transit");
    reg = DockerRegistryServer.get(Variant.PLAIN);
    cli = VaultTransitCliTest.environment(new CliRunner(home), vault);
  }

  @AfterAll
  static void tearDown() {
    vault.close();
  }

  private static String push(String repo) {
    TestImages.Image img = TestImages.push(reg, repo, "v1", "vault " + repo);
    return reg.host() + "/" + repo + "@" + img.manifestDigest();
  }

  private static void roundTrip(CliRunner c, String ref, String image, Path pub) throws IOException {
    Result s = c.run("sign", "--key", ref, "--tlog-upload=false", image);
    assertEquals(0, s.code(), s.describe());
    assertEquals("", s.err().lines().filter(l -> l.contains("version 2")).findAny().orElse(""), "no driver chatter");
    for (String key : List.of(pub.toString(), ref)) {
      Result v = c.run("verify", "--key", key, "--insecure-ignore-tlog", image);
      assertEquals(0, v.code(), "verify --key " + key + "\n" + v.describe());
    }
    Result p = c.run("public-key", "--key", ref);
    assertEquals(0, p.code(), p.describe());
    assertEquals(Files.readString(pub), p.out());
  }

  @Test
  void p256_createdByGenerateKeyPair_signsAPrehashedSha256() throws IOException {
    Result g = cli.run("generate-key-pair", "--kms", "hashivault://e2e", "--output-key-prefix", home.resolve("e2e").toString());
    assertEquals(0, g.code(), g.describe());
    roundTrip(cli, "hashivault://e2e", push("kms/vault-p256"), home.resolve("e2e.pub"));
    VaultTransitFake.Call sign = vault.calls.stream().filter(c -> c.path().equals("/v1/transit/sign/e2e/sha2-256")).findFirst().orElseThrow();
    assertEquals(true, sign.body().get("prehashed").asBoolean());
    assertEquals(32, Base64.getDecoder().decode(sign.body().get("input").asText()).length);
    assertEquals("pkcs1v15", sign.body().get("signature_algorithm").asText());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"rsa-2048", "ecdsa-p384", "ed25519"})
  void otherKeyTypes(String type) throws IOException {
    String name = "k-" + type;
    vault.addKey(name, type);
    Path pub = home.resolve(name + ".pub");
    Result r = cli.run("public-key", "--key", "hashivault://" + name, "--outfile", pub.toString());
    assertEquals(0, r.code(), r.describe());
    roundTrip(cli, "hashivault://" + name, push("kms/vault-" + type), pub);
  }

  @Test
  void openbao() throws IOException {
    vault.addKey("bao", "ecdsa-p256");
    CliRunner bao = new CliRunner(home).with("BAO_ADDR", vault.address()).with("BAO_TOKEN", VaultTransitFake.TOKEN);
    Path pub = home.resolve("bao.pub");
    assertEquals(0, bao.run("public-key", "--key", "openbao://bao", "--outfile", pub.toString()).code());
    roundTrip(bao, "openbao://bao", push("kms/openbao"), pub);
  }

  @Test
  void signErrorsAreOneLine() {
    String image = push("kms/vault-errors");
    vault.addKey("ro", "ecdsa-p256");
    assertCleanFailure(cli.with("VAULT_TOKEN", VaultTransitFake.READ_ONLY_TOKEN).run("sign", "--key", "hashivault://ro", "--tlog-upload=false", image),
        1, List.of("signing with hashivault://ro: permission denied"), VaultTransitFake.READ_ONLY_TOKEN);
    assertCleanFailure(cli.run("sign", "--key", "hashivault://nope", "--tlog-upload=false", image), 1,
        List.of("hashivault://nope", "key not found"));
    assertCleanFailure(cli.run("verify", "--key", "hashivault://nope", "--insecure-ignore-tlog", image), 1,
        List.of("hashivault://nope", "key not found"));
  }
}
