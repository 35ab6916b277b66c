package dev.jcosign.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcosign.testing.CliRunner;
import dev.jcosign.testing.CliRunner.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code policy test}'s bad input (issue 14): one {@code Error:} line, nothing on stdout, no registry contacted. */
class PolicyCommandTest {
  static final String CIP = "apiVersion: policy.sigstore.dev/v1beta1\nkind: ClusterImagePolicy\nmetadata: {name: p}\n"
      + "spec:\n  images: [{glob: \"**\"}]\n  authorities: [{static: {action: pass}}]\n";
  @TempDir Path home;

  Result run(String... args) {
    return new CliRunner(home).run(args);
  }

  static void oneLine(Result r, String expected) {
    assertEquals(1, r.code(), r.describe());
    assertEquals("", r.out());
    assertEquals("Error: " + expected + "\n", r.err());
  }

  @Test
  void aMissingPolicyFile() {
    Path missing = home.resolve("missing.yaml");
    Result r = run("policy", "test", "--policy", missing.toString(), "127.0.0.1:9/app@sha256:" + "a".repeat(64));
    assertEquals(1, r.code(), r.describe());
    assertTrue(r.err().startsWith("Error: policy " + missing), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
  }

  @Test
  void anOversizedPolicyFile() throws IOException {
    Path big = Files.writeString(home.resolve("big.yaml"), "#".repeat(5 << 20));
    Result r = run("policy", "test", "--policy", big.toString(), "127.0.0.1:9/app@sha256:" + "a".repeat(64));
    oneLine(r, "policy " + big + ": larger than 4194304 bytes");
  }

  @Test
  void badFlags() throws IOException {
    Path cip = Files.writeString(home.resolve("cip.yaml"), CIP);
    String image = "127.0.0.1:9/app@sha256:" + "a".repeat(64);
    oneLine(run("policy", "test", "--policy", cip.toString(), "--no-match-policy", "maybe", image),
        "--no-match-policy must be deny, warn or allow, got maybe");
    Path none = home.resolve("none.json");
    oneLine(run("policy", "test", "--policy", cip.toString(), "--trusted-root", none.toString(), image),
        "--trusted-root " + none + ": no such file");
    oneLine(run("policy", "test", "--policy", cip.toString(), "not a reference!"),
        "could not parse reference: not a reference!: repository can only contain the characters "
            + "`abcdefghijklmnopqrstuvwxyz0123456789_-./`: library/not a reference!");
  }

  @Test
  void aStaticPolicyNeedsNoRegistryWhenTheImageIsPinned() throws IOException {
    Path cip = Files.writeString(home.resolve("cip.yaml"), CIP);
    Result r = run("policy", "test", "--policy", cip.toString(), "127.0.0.1:9/app@sha256:" + "a".repeat(64));
    assertEquals(0, r.code(), r.describe());
    assertTrue(r.err().contains("admitted 127.0.0.1:9/app@sha256:"), r.err());
  }
}
