package dev.jcosign.hostile;

import static dev.jcosign.testing.CleanErrors.assertCleanFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcosign.testing.CliRunner;
import dev.jcosign.testing.CliRunner.Result;
import dev.jcosign.testing.TwoKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files that never end (issue 11): {@code /dev/zero} given wherever a path is read whole. Each is cut at
 * its limit with one line naming the file and the limit, never an out-of-memory crash or a stack trace.
 */
class EndlessInputTest {
  static final String ZERO = "/dev/zero";
  static final String IMAGE = "127.0.0.1:1/endless/app@sha256:" + "a".repeat(64);
  @TempDir static Path home;
  static CliRunner cli;
  static TwoKeys keys;

  @BeforeAll
  static void keys() {
    cli = new CliRunner(home).with("COSIGN_PASSWORD", "pw");
    keys = TwoKeys.generate(cli, home);
  }

  static void refused(Result r, String... fragments) {
    List<String> all = new ArrayList<>(List.of(fragments));
    all.add("larger than");
    assertCleanFailure(r, 1, all);
  }

  @Test
  void keyFiles() {
    refused(cli.run("sign", "--key", ZERO, "-y", IMAGE), ZERO, "262144 bytes");
    refused(cli.run("verify", "--key", ZERO, IMAGE), ZERO);
    refused(cli.run("public-key", "--key", ZERO), ZERO);
    refused(cli.run("import-key-pair", "--key", ZERO, "-y", "--output-key-prefix", home.resolve("imp").toString()), ZERO);
  }

  @Test
  void predicatesAndStatements_atTheAttachmentSizeLimit() throws IOException {
    CliRunner small = cli.with("COSIGN_MAX_ATTACHMENT_SIZE", "1MiB");
    refused(small.run("attest", "--key", keys.key(), "-y", "--type", "custom", "--predicate", ZERO, IMAGE), "predicate " + ZERO,
        "1048576 bytes");
    Path blob = Files.writeString(home.resolve("blob.txt"), "blob");
    refused(small.run("attest-blob", "--key", keys.key(), "-y", "--predicate", ZERO, "--bundle", home.resolve("b.json").toString(),
        blob.toString()), ZERO, "1048576 bytes");
    refused(small.run("attest-blob", "--key", keys.key(), "-y", "--statement", ZERO, "--bundle", home.resolve("b.json").toString(),
        blob.toString()), "--statement " + ZERO, "1048576 bytes");
  }

  @Test
  void signaturesCertificatesBundlesTokensAndTrustMaterial() throws IOException {
    Path blob = Files.writeString(home.resolve("blob2.txt"), "blob");
    refused(cli.run("verify-blob", "--key", keys.pub(), "--signature", ZERO, "--insecure-ignore-tlog", blob.toString()), ZERO);
    refused(cli.run("verify-blob", "--key", keys.pub(), "--bundle", ZERO, "--insecure-ignore-tlog", blob.toString()), ZERO);
    refused(cli.run("verify-blob", "--certificate", ZERO, "--signature", "MEUCIQ==", "--certificate-identity", "x",
        "--certificate-oidc-issuer", "y", "--insecure-ignore-tlog", blob.toString()), ZERO);
    refused(cli.run("verify-blob", "--key", keys.pub(), "--trusted-root", ZERO, "--bundle", ZERO, blob.toString()), ZERO);
    refused(cli.run("sign-blob", "-y", "--identity-token", ZERO, "--bundle", home.resolve("k.json").toString(), blob.toString()), ZERO);
    refused(cli.run("verify", "--key", keys.pub(), "--registry-cacert", ZERO, IMAGE), ZERO);
  }

  @Test
  void standardInput_predicateAndPassword_inAChildProcess() throws Exception {
    Result p = child(List.of("attest", "--key", keys.key(), "-y", "--type", "custom", "--predicate", "-", IMAGE), "1MiB");
    refused(p, "standard input", "1048576 bytes");
    // no COSIGN_PASSWORD and stdin not a terminal: the password is read from stdin, and cut
    Result pw = child(List.of("sign", "--key", keys.key(), "-y", IMAGE), null);
    refused(pw, "password", "standard input");
  }

  /** jcosign in a child JVM (64 MiB heap) with stdin from /dev/zero. */
  static Result child(List<String> args, String maxAttachment) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
        "-cp", System.getProperty("java.class.path"), "dev.jcosign.cli.Main"));
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(Path.of(ZERO).toFile()));
    pb.environment().clear();
    pb.environment().put("HOME", home.toString());
    if (maxAttachment != null) {
      pb.environment().put("COSIGN_PASSWORD", "pw");
      pb.environment().put("COSIGN_MAX_ATTACHMENT_SIZE", maxAttachment);
    }
    Process proc = pb.start();
    byte[] out = proc.getInputStream().readAllBytes();
    byte[] err = proc.getErrorStream().readAllBytes();
    assertTrue(proc.waitFor(60, TimeUnit.SECONDS), "child finished");
    return new Result(proc.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
  }

  @Test
  void aLimitIsNotAStackTraceEvenWithAHugeAttachmentLimitAndASmallHeap() throws Exception {
    Result p = child(List.of("attest", "--key", keys.key(), "-y", "--type", "custom", "--predicate", ZERO, IMAGE), "100GiB");
    assertEquals(1, p.code(), p.describe());
    assertTrue(p.err().startsWith("Error: ") && p.err().lines().count() == 1 && !p.err().contains("Exception"), p.describe());
  }
}
