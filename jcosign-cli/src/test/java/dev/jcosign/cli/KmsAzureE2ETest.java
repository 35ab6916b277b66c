package dev.jcosign.cli;

import static dev.jcosign.cli.KmsGcpE2ETest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcosign.adapters.azurekms.FakeAzureKeyVault;
import dev.jcosign.testing.CliRunner;
import dev.jcosign.testing.CliRunner.Result;
import dev.jcosign.testkit.DockerRegistryServer;
import dev.jcosign.testkit.DockerRegistryServer.Variant;
import dev.jcosign.testkit.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** azurekms:// through the CLI: the real Key Vault and identity clients to {@link FakeAzureKeyVault} over HTTPS (issue 5). */
@Tag("e2e")
class KmsAzureE2ETest {
  @TempDir static Path home;
  static FakeAzureKeyVault vault;
  static CliRunner cli;
  static DockerRegistryServer reg;

  @BeforeAll
  static void setUp() throws Exception {
    reg = DockerRegistryServer.get(Variant.PLAIN);
    vault = new FakeAzureKeyVault();
    CliRunner c = new CliRunner(home);
    for (Map.Entry<String, String> e : vault.env(home).entrySet()) {
      c = c.with(e.getKey(), e.getValue());
    }
    cli = c;
  }

  @AfterAll
  static void tearDown() {
    vault.close();
  }

  private static String push(String repo) {
    return reg.host() + "/" + repo + "@" + TestImages.push(reg, repo, "v1", repo).manifestDigest();
  }

  private static Result ok(Result r) {
    assertEquals(0, r.code(), r.describe());
    assertFalse(r.out().contains(FakeAzureKeyVault.CLIENT_SECRET) || r.err().contains(FakeAzureKeyVault.CLIENT_SECRET));
    return r;
  }

  @Test
  void generateSignVerifyWithPubAndWithUri() throws Exception {
    String uri = "azurekms://" + vault.host() + "/release";
    String prefix = home.resolve("az").toString();
    ok(cli.run("generate-key-pair", "--kms", uri, "--output-key-prefix", prefix));
    Path pub = Path.of(prefix + ".pub");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(pub)));
    assertEquals(Map.of("use", "sigstore"), vault.latest("release").tags());
    assertEquals(Files.readString(pub), ok(cli.run("public-key", "--key", uri)).out());
    assertEquals(Files.readString(pub), ok(cli.run("public-key", "--key", uri + "/" + vault.latest("release").version())).out());

    String image = push("kms/azure");
    ok(cli.run("sign", "--key", uri, "--tlog-upload=false", image));
    ok(cli.run("verify", "--key", pub.toString(), "--insecure-ignore-tlog", image));
    ok(cli.run("verify", "--key", uri, "--insecure-ignore-tlog", image));
    assertTrue(vault.requests().stream().anyMatch(r -> r.startsWith("POST /keys/release/") && r.endsWith("/sign")));
  }

  @Test
  void p384KeySignsWithSha384() throws Exception {
    vault.addKey("p384", "EC", "P-384", List.of("sign", "verify"));
    String uri = "azurekms://" + vault.host() + "/p384";
    Path pub = home.resolve("azp384.pub");
    Files.writeString(pub, ok(cli.run("public-key", "--key", uri)).out());
    String image = push("kms/azure384");
    ok(cli.run("sign", "--key", uri, "--tlog-upload=false", image));
    assertEquals(12, cli.run("verify", "--key", pub.toString(), "--insecure-ignore-tlog", image).code());
    ok(cli.run("verify", "--key", pub.toString(), "--insecure-ignore-tlog", "--signature-digest-algorithm", "sha384", image));
  }

  @Test
  void errorsAreOneLineNamingTheUriWithoutSecrets() {
    vault.addKey("enc", "RSA", "2048", List.of("encrypt", "decrypt"));
    vault.addKey("rsa1024", "RSA", "1024", List.of("sign", "verify"));
    vault.addKey("denied", "EC", "P-256", List.of("sign", "verify"));
    vault.deny("denied");
    String image = push("kms/azerr");
    String u = "azurekms://" + vault.host() + "/";
    assertError(cli, "loading key " + u + "missing: key not found in key vault", "sign", "--key", u + "missing", "--tlog-upload=false", image);
    assertError(cli, "loading key " + u + "denied: permission denied by key vault", "sign", "--key", u + "denied", "--tlog-upload=false", image);
    assertError(cli, u + "enc is not an asymmetric signing key", "public-key", "--key", u + "enc");
    assertError(cli, "unsupported key spec rsa-1024 for " + u + "rsa1024", "verify", "--key", u + "rsa1024", "--insecure-ignore-tlog", image);
    assertError(cli, "creating key " + u + "denied: permission denied by key vault", "generate-key-pair", "--kms", u + "denied",
        "--output-key-prefix", home.resolve("x").toString());
    assertError(cli, "loading key azurekms://127.0.0.1:1/k: key vault or identity endpoint unreachable", "public-key", "--key",
        "azurekms://127.0.0.1:1/k");
    assertError(cli.with("AZURE_CLIENT_SECRET", "expired-secret-value"), "loading key " + u + "missing: azure rejected the credentials",
        "public-key", "--key", u + "missing");
    assertError(cli, "invalid azurekms key uri \"azurekms://vault\"", "public-key", "--key", "azurekms://vault");
    Result r = cli.with("AZURE_CLIENT_SECRET", "expired-secret-value").run("public-key", "--key", u + "missing");
    assertFalse(r.err().contains("expired-secret-value"), r.describe());
  }
}
