package dev.jcosign.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.jcosign.testing.CliRunner;
import dev.jcosign.testing.CliRunner.Result;
import dev.jcosign.testing.OpensslRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The detached signatures sign-blob writes verify with openssl, an independent implementation. */
class BlobOpensslCrossCheckTest {
  @TempDir static Path dir;
  static CliRunner cli;
  static Path blob;

  @BeforeAll
  static void setUp() throws IOException {
    cli = BlobFixture.cli(dir);
    blob = Files.writeString(dir.resolve("blob.txt"), "checked by openssl\n".repeat(1000));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"ec-p256_pkcs8,-sha256", "ec-p384_sec1,-sha384", "ec-p521_sec1,-sha512", "rsa2048_pkcs8,-sha256"})
  void opensslVerifiesTheRawSignature(String name, String hash) throws IOException {
    Path prefix = BlobFixture.importKey(cli, dir, name);
    Path raw = dir.resolve(name + ".sig");
    Result s = cli.run("sign-blob", "--key", BlobFixture.key(prefix), "--tlog-upload=false", "--b64=false",
        "--output-signature", raw.toString(), blob.toString());
    assertEquals(0, s.code(), s.describe());
    String out = OpensslRunner.ok(dir, "dgst", hash, "-verify", BlobFixture.pub(prefix), "-signature", raw.toString(), blob.toString());
    assertEquals("Verified OK\n", out);
    Path other = Files.writeString(dir.resolve(name + ".other"), "not the blob");
    assertNotEquals(0, OpensslRunner.run(dir, "dgst", hash, "-verify", BlobFixture.pub(prefix), "-signature", raw.toString(),
        other.toString()).code());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"ed25519_pkcs8"})
  void opensslVerifiesPureEd25519(String name) throws IOException {
    Path prefix = BlobFixture.importKey(cli, dir, name);
    Path raw = dir.resolve(name + ".sig");
    Result s = cli.run("sign-blob", "--key", BlobFixture.key(prefix), "--tlog-upload=false", "--b64=false",
        "--output-signature", raw.toString(), blob.toString());
    assertEquals(0, s.code(), s.describe());
    // pkeyutl -rawin: pure Ed25519 over the whole file (spec §2.3: sign-blob without a tlog)
    String out = OpensslRunner.ok(dir, "pkeyutl", "-verify", "-pubin", "-inkey", BlobFixture.pub(prefix), "-rawin",
        "-in", blob.toString(), "-sigfile", raw.toString());
    assertEquals("Signature Verified Successfully\n", out);
  }
}
