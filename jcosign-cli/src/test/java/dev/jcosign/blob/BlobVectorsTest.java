package dev.jcosign.blob;

import static dev.jcosign.testing.CleanErrors.assertCleanFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcosign.core.bundle.BundleJson;
import dev.jcosign.core.bundle.SigstoreBundle;
import dev.jcosign.core.keys.DigestAlgorithm;
import dev.jcosign.core.keys.PublicKeys;
import dev.jcosign.testing.CliRunner;
import dev.jcosign.testing.CliRunner.Result;
import dev.jcosign.testing.KeyVectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The conformance managed-key bundle (a real key-signed v0.3 bundle from the public-good log). */
class BlobVectorsTest {
  static final String A_TXT_SHA256 = "a0cfc71271d6e278e57cd332ff957c3f7043fdda354c4cbb190a30d56efa01bf";
  @TempDir static Path dir;
  static CliRunner cli;
  static Path a;
  static Path bundle;
  static Path pub;

  @BeforeAll
  static void setUp() {
    cli = new CliRunner(dir);
    a = KeyVectors.copy("conformance/a.txt", dir);
    bundle = KeyVectors.copy("conformance/managed-key-happy-path/bundle.sigstore.json", dir);
    pub = KeyVectors.copy("conformance/managed-key-happy-path/key.pub", dir);
  }

  private static Result verify(String artifact, String key) {
    return cli.run("verify-blob", "--key", key, "--bundle", bundle.toString(), "--insecure-ignore-tlog", artifact);
  }

  @Test
  void bundleModel() {
    SigstoreBundle b = BundleJson.parse(KeyVectors.bytes("conformance/managed-key-happy-path/bundle.sigstore.json"), "vector");
    assertEquals("0.3", b.version());
    assertEquals(DigestAlgorithm.SHA256, b.messageSignature().orElseThrow().algorithm());
    assertEquals(1, b.material().tlogEntries().size());
    assertEquals("771488337", b.material().tlogEntries().get(0).get("logIndex").asText());
    assertEquals(1, b.material().rfc3161Timestamps().size());
    assertEquals(BundleJson.hint(PublicKeys.fromPem(KeyVectors.bytes("conformance/managed-key-happy-path/key.pub"))),
        b.material().publicKeyHint().orElseThrow());
  }

  @Test
  void verifiesTheFile() {
    Result r = verify(a.toString(), pub.toString());
    assertEquals(0, r.code(), r.describe());
    assertEquals("", r.out());
    assertTrue(r.err().endsWith("Verified OK\n"), r.describe());
  }

  @Test
  void verifiesTheDigest() {
    Result r = verify("sha256:" + A_TXT_SHA256, pub.toString());
    assertEquals(0, r.code(), r.describe());
    assertTrue(r.err().endsWith("Verified OK\n"), r.describe());
  }

  @Test
  void withoutIgnoreTlog_theLogEntryIsCheckedWithTheEmbeddedRoot() {
    Result r = cli.run("verify-blob", "--key", pub.toString(), "--bundle", bundle.toString(), a.toString());
    assertEquals(0, r.code(), r.describe());
    assertEquals("Verified OK\n", r.err(), r.describe());
  }

  @Test
  void anotherFileIsRejected() throws IOException {
    Path b = Files.writeString(dir.resolve("b.txt"), "not a.txt\n");
    assertCleanFailure(verify(b.toString(), pub.toString()), 1, List.of("bundle is for another artifact", A_TXT_SHA256));
    assertCleanFailure(verify("sha256:" + "0".repeat(64), pub.toString()), 1, List.of("bundle is for another artifact"));
  }

  @Test
  void anotherKeyIsRejectedNamingTheHint() {
    Path other = KeyVectors.copy("keys/sigstore-label_p256_pw-hello.pub", dir);
    assertCleanFailure(verify(a.toString(), other.toString()), 1, List.of("signed with another key", "TLMsSDfG3ajPsWge"));
  }
}
