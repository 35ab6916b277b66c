package dev.jcosign.hostile;

import static dev.jcosign.testing.CleanErrors.assertCleanFailure;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcosign.core.oci.Digest;
import dev.jcosign.testing.CliRunner;
import dev.jcosign.testing.TwoKeys;
import dev.jcosign.testkit.FaultRegistry;
import dev.jcosign.testkit.TestImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Error lines that used to point the wrong way (issue 11), each now saying what is really wrong. */
class MisleadingErrorsTest {
  @TempDir static Path home;
  static CliRunner cli;
  static TwoKeys keys;
  static FaultRegistry fr;

  @BeforeAll
  static void setUp() {
    cli = new CliRunner(home).with("COSIGN_PASSWORD", "pw");
    keys = TwoKeys.generate(cli, home);
    fr = FaultRegistry.start();
  }

  @AfterAll
  static void stop() {
    fr.close();
  }

  @Test
  void aHostThatDoesNotResolve_isNotConnectionRefused() {
    String r = assertCleanFailure(cli.run("verify", "--key", keys.pub(), "no-such-host.invalid/app@sha256:" + "a".repeat(64)), 1,
        List.of("no-such-host.invalid", "no such host"));
    assertFalse(r.contains("refused"), r);
  }

  @Test
  void signingADigestTheRepositoryDoesNotHave_failsAndWritesNothing() {
    Digest missing = Digest.parse("sha256:" + "b".repeat(64));
    String ref = fr.host() + "/errs/missing@" + missing;
    assertCleanFailure(cli.run("sign", "--key", keys.key(), "-y", "--tlog-upload=false", ref), 11,
        List.of("image not found: " + ref));
    assertCleanFailure(cli.run("attest", "--key", keys.key(), "-y", "--tlog-upload=false", "--type", "custom", "--predicate",
        keys.pub(), ref), 11, List.of("image not found"));
    assertTrue(fr.taggedManifest("errs/missing", missing.tagStem() + ".sig").isEmpty());
    assertTrue(fr.taggedManifest("errs/missing", missing.tagStem() + ".att").isEmpty());
  }

  @Test
  void verifyingWithoutTheLog_hintsAtInsecureIgnoreTlog() {
    String ref = fr.host() + "/errs/offline@" + TestImages.push(fr, "errs/offline", "v1", "offline").manifestDigest();
    cli.run("sign", "--key", keys.key(), "-y", "--tlog-upload=false", ref);
    assertCleanFailure(cli.run("verify", "--key", keys.pub(), "--offline", ref), 12,
        List.of("offline verification failed", "--insecure-ignore-tlog"));
  }

  @Test
  void aMissingTrustedRoot_isNamedBeforeAnyLogSearch() {
    String ref = fr.host() + "/errs/root@" + TestImages.push(fr, "errs/root", "v1", "root").manifestDigest();
    cli.run("sign", "--key", keys.key(), "-y", "--tlog-upload=false", ref);
    String r = assertCleanFailure(cli.run("verify", "--key", keys.pub(), "--trusted-root", "/nonexistent/root.json", ref), 1,
        List.of("--trusted-root /nonexistent/root.json: no such file"));
    assertFalse(r.contains("transparency log"), r);
  }

  @Test
  void credentialsInAReference_areNamedAndNeverEchoed() {
    String r = assertCleanFailure(cli.run("verify", "--key", keys.pub(), "alice:s3cret-pw@" + fr.host() + "/errs/app"), 1,
        List.of("credentials", "--registry-username"), "s3cret-pw");
    assertFalse(r.contains("digest"), r);
    // an ordinary name@digest is still a digest reference
    assertCleanFailure(cli.run("verify", "--key", keys.pub(), "ubuntu@sha256:zz"), 1, List.of("could not parse reference"));
  }

  @Test
  void aReferrersFallbackTagThatIsNotJson_isNamed_notNoSignaturesFound() {
    TestImages.Image img = TestImages.push(fr, "errs/junkindex", "v1", "junk index");
    fr.putManifest("errs/junkindex", img.manifestDigest().tagStem(), "this is not json".getBytes(StandardCharsets.UTF_8),
        "application/vnd.oci.image.index.v1+json");
    String r = assertCleanFailure(cli.run("verify", "--key", keys.pub(), "--insecure-ignore-tlog",
        fr.host() + "/errs/junkindex@" + img.manifestDigest()), 1, List.of("referrers list", img.manifestDigest().tagStem()));
    assertFalse(r.contains("no signatures found"), r);
  }

  @Test
  void aSignatureManifestThatIsNotJson_isNamed_notNoSignaturesFound() {
    TestImages.Image img = TestImages.push(fr, "errs/junksig", "v1", "junk sig");
    fr.putManifest("errs/junksig", img.manifestDigest().tagStem() + ".sig", "this is not json".getBytes(StandardCharsets.UTF_8),
        "application/vnd.oci.image.manifest.v1+json");
    String r = assertCleanFailure(cli.run("verify", "--key", keys.pub(), "--insecure-ignore-tlog",
        fr.host() + "/errs/junksig@" + img.manifestDigest()), 1, List.of(img.manifestDigest().tagStem() + ".sig"));
    assertFalse(r.contains("no signatures found"), r);
  }

  @Test
  void aFileThatIsNotACertificate_saysSo_withoutJavaClassNames() throws Exception {
    Path junk = home.resolve("junk.crt");
    java.nio.file.Files.write(junk, new byte[] {1, 2, 3, 4});
    Path blob = home.resolve("blob.txt");
    java.nio.file.Files.writeString(blob, "blob");
    assertCleanFailure(cli.run("verify-blob", "--certificate", junk.toString(), "--signature", "AAAA", "--certificate-identity", "x",
        "--certificate-oidc-issuer", "y", blob.toString()), 1, List.of("--certificate " + junk, "not an X.509 certificate"));
  }
}
