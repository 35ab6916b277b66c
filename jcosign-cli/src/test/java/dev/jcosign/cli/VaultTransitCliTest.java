package dev.jcosign.cli;

import static dev.jcosign.testing.CleanErrors.assertCleanFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcosign.core.keys.PublicKeys;
import dev.jcosign.testing.CliRunner;
import dev.jcosign.testing.CliRunner.Result;
import dev.jcosign.testkit.VaultTransitFake;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hashivault://} and {@code openbao://} keys through the CLI against the in-process transit engine (issue 5). */
class VaultTransitCliTest {
  @TempDir static Path home;
  static VaultTransitFake vault;
  static CliRunner cli;

  @BeforeAll
  static void setUp() {
    vault = new VaultTransitFake("transit");
    vault.addKey("release", "ecdsa-p256");
    vault.addKey("aes", "aes256-gcm96");
    cli = environment(new CliRunner(home), vault);
  }

  static CliRunner environment(CliRunner c, VaultTransitFake v) {
    return c.with("VAULT_ADDR", v.address()).with("VAULT_TOKEN", VaultTransitFake.TOKEN);
  }

  @AfterAll
  static void tearDown() {
    vault.close();
  }

  private static String pem(VaultTransitFake v, String name) {
    return new String(PublicKeys.toPem(v.publicKey(name)), StandardCharsets.UTF_8);
  }

  @Test
  void publicKey_hashivaultAndOpenbao() {
    Result r = cli.run("public-key", "--key", "hashivault://release");
    assertEquals(0, r.code(), r.describe());
    assertEquals(pem(vault, "release"), r.out());
    CliRunner bao = new CliRunner(home).with("BAO_ADDR", vault.address()).with("BAO_TOKEN", VaultTransitFake.TOKEN);
    r = bao.run("public-key", "--key", "openbao://release");
    assertEquals(0, r.code(), r.describe());
    assertEquals(pem(vault, "release"), r.out());
  }

  @Test
  void tokenFromHomeVaultTokenFile_andCustomEnginePath() throws IOException {
    try (VaultTransitFake other = new VaultTransitFake("team/signing")) {
      other.addKey("k.1", "ecdsa-p384");
      Path h = Files.createTempDirectory(home, "h");
      Files.writeString(h.resolve(".vault-token"), VaultTransitFake.TOKEN + "\n");
      CliRunner c = new CliRunner(h).with("VAULT_ADDR", other.address()).with("TRANSIT_SECRET_ENGINE_PATH", "team/signing");
      Result r = c.run("public-key", "--key", "hashivault://k.1");
      assertEquals(0, r.code(), r.describe());
      assertEquals(pem(other, "k.1"), r.out());
      assertEquals("/v1/team/signing/keys/k.1", other.calls.get(other.calls.size() - 1).path());
    }
  }

  @Test
  void generateKeyPair_createsEcdsaP256_thenReusesIt() throws IOException {
    Path dir = Files.createTempDirectory(home, "gen");
    String prefix = dir.resolve("cosign").toString();
    Result r = cli.run("generate-key-pair", "--kms", "hashivault://created", "--output-key-prefix", prefix);
    assertEquals(0, r.code(), r.describe());
    assertEquals("ecdsa-p256", vault.key("created").type());
    Path pub = dir.resolve("cosign.pub");
    assertEquals(pem(vault, "created"), Files.readString(pub));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(pub)));
    var before = vault.key("created");
    Files.delete(pub);
    r = cli.run("generate-key-pair", "--kms", "hashivault://created", "--output-key-prefix", prefix);
    assertEquals(0, r.code(), r.describe());
    assertTrue(before == vault.key("created"), "an existing key is reused");
    assertEquals(pem(vault, "created"), Files.readString(pub));
  }

  @Test
  void missingAddressAndToken() {
    CliRunner none = new CliRunner(home);
    assertCleanFailure(none.run("public-key", "--key", "hashivault://release"), 1,
        List.of("hashivault://release", "VAULT_ADDR (or BAO_ADDR) is not set"));
    assertCleanFailure(none.with("VAULT_ADDR", vault.address()).run("public-key", "--key", "hashivault://release"), 1,
        List.of("hashivault://release", "no vault token"));
  }

  @Test
  void invalidTokenAndPolicy_permissionDenied() {
    assertCleanFailure(cli.with("VAULT_TOKEN", "hvs.wrong-token-value").run("public-key", "--key", "hashivault://release"), 1,
        List.of("loading key hashivault://release: permission denied"), "hvs.wrong-token-value", VaultTransitFake.TOKEN);
    CliRunner readOnly = cli.with("VAULT_TOKEN", VaultTransitFake.READ_ONLY_TOKEN);
    assertCleanFailure(readOnly.run("generate-key-pair", "--kms", "hashivault://not-allowed",
        "--output-key-prefix", home.resolve("ro").toString()), 1,
        List.of("creating key hashivault://not-allowed: permission denied"), VaultTransitFake.READ_ONLY_TOKEN);
  }

  @Test
  void keyNotFound() {
    assertCleanFailure(cli.run("public-key", "--key", "hashivault://missing"), 1, List.of("loading key hashivault://missing: key not found"));
  }

  @Test
  void symmetricKey_isNotASigningKey() {
    assertCleanFailure(cli.run("public-key", "--key", "hashivault://aes"), 1,
        List.of("hashivault://aes", "key is not an asymmetric signing key (type aes256-gcm96)"));
  }

  @Test
  void unreachable_failsFast() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    long t0 = System.nanoTime();
    assertCleanFailure(cli.with("VAULT_ADDR", "http://127.0.0.1:" + port).run("public-key", "--key", "hashivault://release"), 1,
        List.of("hashivault://release", "cannot reach http://127.0.0.1:" + port + ": connection refused"), VaultTransitFake.TOKEN);
    assertTrue(System.nanoTime() - t0 < 15_000_000_000L);
  }

  @Test
  void malformedReferences() {
    for (String bad : List.of("hashivault://", "hashivault://a/b", "hashivault://a b", "openbao://x?y")) {
      assertCleanFailure(cli.run("public-key", "--key", bad), 1, List.of("invalid vault key reference \"" + bad + "\""));
    }
  }
}
