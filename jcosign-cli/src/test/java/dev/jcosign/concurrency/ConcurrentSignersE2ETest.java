package dev.jcosign.concurrency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcosign.core.json.Json;
import dev.jcosign.core.oci.Digest;
import dev.jcosign.testing.CliRunner;
import dev.jcosign.testing.RegistryPeek;
import dev.jcosign.testkit.DockerRegistryServer;
import dev.jcosign.testkit.TestImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signers racing on one image (issue 11): N separate jcosign processes with N different keys, started
 * together against the real Debian registry. cosign keeps 2-4 of 20 signatures in this race; every
 * one of ours must remain under the {@code .sig}/{@code .att} tag or in the fallback index, and verify.
 */
@Tag("e2e")
class ConcurrentSignersE2ETest {
  static final int SIGNERS = 20;
  @TempDir static Path home;
  static CliRunner cli;
  static DockerRegistryServer reg;

  @BeforeAll
  static void keys() {
    reg = DockerRegistryServer.get(DockerRegistryServer.Variant.PLAIN);
    cli = new CliRunner(home).with("COSIGN_PASSWORD", "pw");
    for (int i = 0; i < SIGNERS; i++) {
      CliRunner.Result r = cli.run("generate-key-pair", "--output-key-prefix", home.resolve("k" + i).toString());
      assertEquals(0, r.code(), r.describe());
    }
  }

  /** Starts one child JVM per argument list, all at once, and returns their exit codes and stderr. */
  static List<String> runTogether(List<List<String>> commands) throws IOException, InterruptedException {
    List<Process> ps = new ArrayList<>();
    List<Path> errs = new ArrayList<>();
    for (int i = 0; i < commands.size(); i++) {
      List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx128m", "-cp", System.getProperty("java.class.path"),
          "dev.jcosign.cli.Main"));
      cmd.addAll(commands.get(i));
      Path err = home.resolve("err" + i + ".txt");
      errs.add(err);
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile());
      pb.environment().clear();
      pb.environment().put("HOME", home.toString());
      pb.environment().put("COSIGN_PASSWORD", "pw");
      ps.add(pb.start());
    }
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < ps.size(); i++) {
      assertTrue(ps.get(i).waitFor(180, TimeUnit.SECONDS), "signer " + i + " finished");
      if (ps.get(i).exitValue() != 0) {
        failures.add("signer " + i + " exit " + ps.get(i).exitValue() + ": " + Files.readString(errs.get(i), StandardCharsets.UTF_8));
      }
    }
    return failures;
  }

  static String push(String repo) {
    return reg.host() + "/" + repo + "@" + TestImages.push(reg, repo, "v1", repo + " " + System.nanoTime()).manifestDigest();
  }

  static JsonNode manifest(String repo, String tag) {
    return Json.parse(RegistryPeek.manifest(reg, repo, tag).orElseThrow(), tag);
  }

  @Test
  void twentySignersOnOneImage_allTwentySignaturesRemainAndVerify_twice() throws Exception {
    for (int round = 0; round < 2; round++) {
      String repo = "race/sign" + round;
      String ref = push(repo);
      List<List<String>> cmds = new ArrayList<>();
      for (int i = 0; i < SIGNERS; i++) {
        cmds.add(List.of("sign", "--key", home.resolve("k" + i + ".key").toString(), "--tlog-upload=false", ref));
      }
      assertEquals(List.of(), runTogether(cmds));
      Digest d = Digest.parse(ref.substring(ref.indexOf('@') + 1));
      assertEquals(SIGNERS, manifest(repo, d.tagStem() + ".sig").path("layers").size(), "round " + round);
      for (int i = 0; i < SIGNERS; i++) {
        CliRunner.Result v = cli.run("verify", "--key", home.resolve("k" + i + ".pub").toString(), "--insecure-ignore-tlog", ref);
        assertEquals(0, v.code(), "round " + round + " key " + i + ": " + v.describe());
      }
    }
  }

  @Test
  void tenAttestersAndTenBundleSigners_nothingDropped() throws Exception {
    String ref = push("race/attest");
    Path predicate = home.resolve("predicate.json");
    Files.writeString(predicate, "{\"buildType\":\"race\"}");
    List<List<String>> cmds = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      cmds.add(List.of("attest", "--key", home.resolve("k" + i + ".key").toString(), "--tlog-upload=false", "--type", "custom",
          "--predicate", predicate.toString(), ref));
      cmds.add(List.of("sign", "--key", home.resolve("k" + (10 + i) + ".key").toString(), "--tlog-upload=false",
          "--new-bundle-format", ref));
    }
    assertEquals(List.of(), runTogether(cmds));
    Digest d = Digest.parse(ref.substring(ref.indexOf('@') + 1));
    assertEquals(10, manifest("race/attest", d.tagStem() + ".att").path("layers").size());
    assertEquals(10, manifest("race/attest", d.tagStem()).path("manifests").size(), "fallback index lists every bundle");
    for (int i = 0; i < 10; i++) {
      assertEquals(0, cli.run("verify", "--key", home.resolve("k" + (10 + i) + ".pub").toString(), "--insecure-ignore-tlog", ref).code());
    }
  }
}
