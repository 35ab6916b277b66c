package dev.jcosign.blob;

import static dev.jcosign.testing.CleanErrors.assertCleanFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcosign.testing.CliRunner;
import dev.jcosign.testing.CliRunner.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every refusal of sign-blob / verify-blob is one clean Error: line and exit 1. */
class BlobBadInputTest {
  @TempDir static Path dir;
  static CliRunner cli;
  static String key;
  static String pub;
  static Path blob;
  static Path bundle;
  static Path legacy;
  static String sig;

  @BeforeAll
  static void setUp() throws IOException {
    cli = BlobFixture.cli(dir);
    Path prefix = BlobFixture.importKey(cli, dir, "ec-p256_pkcs8");
    key = BlobFixture.key(prefix);
    pub = BlobFixture.pub(prefix);
    blob = Files.writeString(dir.resolve("blob.txt"), "the blob\n");
    bundle = dir.resolve("blob.sigstore.json");
    legacy = dir.resolve("blob.legacy.json");
    assertEquals(0, cli.run("sign-blob", "--key", key, "--tlog-upload=false", "--new-bundle-format", "--bundle", bundle.toString(), blob.toString()).code());
    Result s = cli.run("sign-blob", "--key", key, "--tlog-upload=false", "--bundle", legacy.toString(), blob.toString());
    assertEquals(0, s.code(), s.describe());
    sig = s.out().strip();
  }

  /** verify-blob with the good key and --insecure-ignore-tlog, then {@code args}. */
  private static Result verify(String... args) {
    List<String> all = new java.util.ArrayList<>(List.of("verify-blob", "--key", pub, "--insecure-ignore-tlog"));
    all.addAll(List.of(args));
    return cli.run(all.toArray(String[]::new));
  }

  @Test
  void tlogUploadDefault_triesThePublicLogAndWritesNothing() {
    Path out = dir.resolve("never.json");
    // [v2] key signing to the public Rekor asks first; no answer on stdin = declined (spec §1.2)
    Result r = cli.run("sign-blob", "--key", key, "--bundle", out.toString(), blob.toString());
    assertCleanFailure(r, 1, List.of("user declined the prompt"));
    assertTrue(r.err().contains("Are you sure you would like to continue? [y/N] "), r.err());
    assertEquals("", r.out());
    assertFalse(Files.exists(out));
    // with -y it uploads to https://rekor.sigstore.dev, which cannot be reached from the tests
    Result y = cli.run("sign-blob", "--key", key, "-y", "--bundle", out.toString(), blob.toString());
    assertCleanFailure(y, 1, List.of("cannot reach transparency log at https://rekor.sigstore.dev"));
    assertEquals("", y.out());
    assertFalse(Files.exists(out));
  }

  @Test
  void newBundleFormatNeedsBundle() {
    assertCleanFailure(cli.run("sign-blob", "--key", key, "--tlog-upload=false", "--new-bundle-format", blob.toString()),
        1, List.of("--bundle is required"));
  }

  @Test
  void missingAndUnreadableFiles() throws IOException {
    assertCleanFailure(cli.run("sign-blob", "--key", key, "--tlog-upload=false", dir.resolve("nope").toString()),
        1, List.of("nope", "no such file"));
    Path locked = Files.writeString(dir.resolve("locked.txt"), "x");
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
    if (!Files.isReadable(locked)) { // root reads everything: then only the missing-file case applies
      assertCleanFailure(cli.run("sign-blob", "--key", key, "--tlog-upload=false", locked.toString()),
          1, List.of("locked.txt", "permission denied"));
    }
    assertCleanFailure(verify("--signature", sig, dir.resolve("nope").toString()), 1, List.of("nope", "no such file"));
    assertCleanFailure(verify("--bundle", dir.resolve("nob.json").toString(), blob.toString()), 1, List.of("nob.json", "no such file"));
    assertCleanFailure(cli.run("sign-blob", "--key", key, "--tlog-upload=false", dir.toString()), 1, List.of("is a directory"));
  }

  @Test
  void malformedBundles() throws IOException {
    Path bad = Files.writeString(dir.resolve("bad.json"), "{\"mediaType\": ");
    assertCleanFailure(verify("--bundle", bad.toString(), blob.toString()), 1, List.of("bad.json"));
    Path neither = Files.writeString(dir.resolve("neither.json"), "{\"foo\":1}");
    assertCleanFailure(verify("--bundle", neither.toString(), blob.toString()), 1, List.of("neither a Sigstore bundle nor a cosign bundle"));
    Path future = Files.writeString(dir.resolve("future.json"),
        Files.readString(bundle).replace("bundle.v0.3+json", "bundle.v0.9+json"));
    assertCleanFailure(verify("--bundle", future.toString(), blob.toString()), 1, List.of("unsupported bundle media type"));
    Path noSig = Files.writeString(dir.resolve("nosig.json"), Files.readString(bundle).replaceAll(",\"signature\":\"[^\"]*\"", ""));
    assertCleanFailure(verify("--bundle", noSig.toString(), blob.toString()), 1, List.of("missing signature"));
  }

  @Test
  void bundleForAnotherFile() throws IOException {
    Path other = Files.writeString(dir.resolve("other.txt"), "another blob\n");
    assertCleanFailure(verify("--bundle", bundle.toString(), other.toString()), 1, List.of("bundle is for another artifact"));
    assertCleanFailure(verify("--bundle", legacy.toString(), other.toString()), 1, List.of("invalid signature", "other.txt"));
    assertCleanFailure(verify("--signature", sig, other.toString()), 1, List.of("invalid signature"));
  }

  @Test
  void digestArtifacts() {
    assertCleanFailure(verify("--bundle", bundle.toString(), "sha256:xyz"), 1, List.of("invalid artifact digest", "sha256:xyz"));
    assertCleanFailure(verify("--bundle", bundle.toString(), "sha256:" + "g".repeat(64)), 1, List.of("invalid artifact digest"));
    assertCleanFailure(verify("--signature", sig, "sha256:" + "a".repeat(64)), 1, List.of("only be verified with a Sigstore bundle"));
  }

  @Test
  void wrongKey() {
    Path otherPrefix = BlobFixture.importKey(cli, dir, "ec-p256_sec1");
    String other = BlobFixture.pub(otherPrefix);
    assertCleanFailure(cli.run("verify-blob", "--key", other, "--insecure-ignore-tlog", "--signature", sig, blob.toString()),
        1, List.of("invalid signature"));
    assertCleanFailure(cli.run("verify-blob", "--key", other, "--insecure-ignore-tlog", "--bundle", bundle.toString(), blob.toString()),
        1, List.of("signed with another key"));
  }

  @Test
  void tlogRequiredByDefault() {
    // without an entry at hand the log is searched (spec §4.4 step 3); here it cannot be reached
    assertCleanFailure(cli.run("verify-blob", "--key", pub, "--rekor-url", "http://127.0.0.1:1", "--signature", sig, blob.toString()),
        1, List.of("cannot reach transparency log at http://127.0.0.1:1"));
    assertCleanFailure(cli.run("verify-blob", "--key", pub, "--offline", "--bundle", bundle.toString(), blob.toString()),
        1, List.of("offline verification failed"));
  }

  @Test
  void signatureOrBundleRequired() {
    assertCleanFailure(cli.run("verify-blob", "--key", pub, blob.toString()), 1, List.of("--signature or --bundle"));
    assertCleanFailure(cli.run("verify-blob", "--signature", sig, blob.toString()), 1, List.of("--certificate-identity or --certificate-identity-regexp is required for verification in keyless mode"));
  }
}
