package dev.jcosign.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcosign.testing.CliRunner;
import dev.jcosign.testing.CliRunner.Result;
import dev.jcosign.testkit.VaultTransitFake;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** sign-blob with a Vault transit key (the fake speaks Vault's HTTP API), in the three formats. */
@Tag("e2e")
class BlobKmsTest {
  @TempDir static Path dir;
  static VaultTransitFake vault;
  static CliRunner cli;
  static Path blob;

  @BeforeAll
  static void setUp() throws IOException {
    vault = new VaultTransitFake("transit");
    cli = new CliRunner(dir).with("VAULT_ADDR", vault.address()).with("VAULT_TOKEN", VaultTransitFake.TOKEN);
    blob = Files.writeString(dir.resolve("blob.bin"), "kms blob ".repeat(10_000));
  }

  @AfterAll
  static void tearDown() {
    vault.close();
  }

  private static void ok(Result r) {
    assertEquals(0, r.code(), r.describe());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"ecdsa-p256", "rsa-2048", "ed25519"})
  void threeFormats(String type) throws IOException {
    String name = "blob-" + type;
    vault.addKey(name, type);
    String ref = "hashivault://" + name;
    Path pub = dir.resolve(name + ".pub");
    ok(cli.run("public-key", "--key", ref, "--outfile", pub.toString()));
    int before = vault.calls.size();

    Result s = cli.run("sign-blob", "--key", ref, "--tlog-upload=false", blob.toString());
    ok(s);
    String sig = s.out().strip();
    Path legacy = dir.resolve(name + ".legacy.json");
    ok(cli.run("sign-blob", "--key", ref, "--tlog-upload=false", "--bundle", legacy.toString(), blob.toString()));
    Path bundle = dir.resolve(name + ".sigstore.json");
    ok(cli.run("sign-blob", "--key", ref, "--tlog-upload=false", "--new-bundle-format", "--bundle", bundle.toString(), blob.toString()));

    for (String key : List.of(pub.toString(), ref)) {
      for (List<String> material : List.of(List.of("--signature", sig), List.of("--bundle", legacy.toString()),
          List.of("--bundle", bundle.toString()))) {
        Result v = cli.run("verify-blob", "--key", key, "--insecure-ignore-tlog", material.get(0), material.get(1), blob.toString());
        assertEquals(0, v.code(), key + " " + material + "\n" + v.describe());
        assertTrue(v.err().endsWith("Verified OK\n"));
      }
    }
    // only a digest travels to Vault for ECDSA/RSA: the blob is streamed, never sent
    List<VaultTransitFake.Call> signs = vault.calls.subList(before, vault.calls.size()).stream()
        .filter(c -> c.path().startsWith("/v1/transit/sign/")).toList();
    assertEquals(3, signs.size());
    for (VaultTransitFake.Call c : signs) {
      int inputLength = Base64.getDecoder().decode(c.body().get("input").asText()).length;
      assertEquals(type.equals("ed25519") ? Files.size(blob) : 32, inputLength, c.toString());
    }
  }
}
