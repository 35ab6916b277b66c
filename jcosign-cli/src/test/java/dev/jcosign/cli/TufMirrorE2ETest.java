package dev.jcosign.cli;

import static dev.jcosign.testing.CleanErrors.assertCleanFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcosign.testing.AttestFixture;
import dev.jcosign.testing.CliRunner;
import dev.jcosign.testing.CliRunner.Result;
import dev.jcosign.testkit.SigstoreMockServer;
import dev.jcosign.testkit.TestTufRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A private Sigstore deployment's pipeline (spec §1.3 environment, §4.1): {@code TUF_MIRROR} and
 * {@code TUF_ROOT_JSON} set, no {@code initialize}. A TUF repository on loopback publishes the loopback
 * Rekor's trusted root; {@code sign} and {@code verify} each fetch it into their empty {@code TUF_ROOT},
 * and {@code verify} later works from that cache with the mirror gone.
 */
@Tag("e2e")
class TufMirrorE2ETest {
  @TempDir static Path home;
  static AttestFixture f;
  static SigstoreMockServer rekor;

  @BeforeAll
  static void setUp() {
    f = new AttestFixture(home);
    rekor = SigstoreMockServer.get();
  }

  @Test
  void signAndVerifyFetchTheTrustedRootFromTufMirror() throws Exception {
    String ref = f.push("tuf-env/app", "tuf-env-app");
    Path verifyCache = home.resolve("verify-cache");
    String mirror;
    try (TestTufRepository repo = new TestTufRepository().target("trusted_root.json", rekor.trustedRootJson())) {
      mirror = repo.url();
      Path root1 = repo.writeRoot(1, home.resolve("private-1.root.json"));
      CliRunner pipeline = f.cli.with("TUF_MIRROR", repo.url()).with("TUF_ROOT_JSON", root1.toString());

      // sign: the refreshed root knows the loopback log, so its answer is checked without a warning
      Result s = pipeline.with("TUF_ROOT", home.resolve("sign-cache").toString())
          .run("sign", "--key", f.key, "--rekor-url", rekor.url(), ref);
      assertEquals(0, s.code(), s.describe());
      assertFalse(s.err().contains("WARNING"), s.err());

      // verify on another machine (another empty cache): fetched, then checked offline
      Result v = pipeline.with("TUF_ROOT", verifyCache.toString()).run("verify", "--key", f.pub, ref);
      assertEquals(0, v.code(), v.describe());
      assertTrue(v.err().contains("verified offline"), v.err());
      assertTrue(Files.isRegularFile(verifyCache.resolve(repo.url().replace("http://", "").replace(':', '-'))
          .resolve("targets/trusted_root.json")));

      // --offline on a machine without a cache: the way out is named
      assertCleanFailure(pipeline.with("TUF_ROOT", home.resolve("empty-cache").toString()).run("verify", "--key", f.pub,
          "--offline", ref), 1, List.of("--offline forbids fetching it", "jcosign initialize --mirror " + repo.url() + " --root FILE"));
    }
    // the mirror is gone: the fresh cache is enough
    Result again = f.cli.with("TUF_ROOT", verifyCache.toString()).with("TUF_MIRROR", mirror)
        .run("verify", "--key", f.pub, ref);
    assertEquals(0, again.code(), again.describe());
    // without the variables the embedded public-good root applies, which does not know the loopback log
    assertCleanFailure(f.cli.with("TUF_ROOT", home.resolve("empty-cache").toString()).run("verify", "--key", f.pub,
        "--offline", ref), 12, List.of("unknown transparency log"));
  }
}
