package dev.jcosign.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcosign.core.json.Json;
import dev.jcosign.testing.CliRunner;
import dev.jcosign.testing.CliRunner.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a cosign user expects around the commands (issue 12): env, version --json, suggestions, completions, man pages. */
class CliNicetiesTest {
  @TempDir static Path home;

  static CliRunner cli() {
    return new CliRunner(home);
  }

  @Test
  void env_listsTheVariables_andMasksSecrets() {
    Result r = cli().with("COSIGN_PASSWORD", "hunter2-secret").with("COSIGN_REPOSITORY", "reg.example/sigs")
        .with("SIGSTORE_ID_TOKEN", "eyJ.token.secret").with("COSIGN_KEY_PASSWORD_X", "other-secret").run("env");
    assertEquals(0, r.code(), r.describe());
    assertTrue(r.out().contains("# COSIGN_REPOSITORY "), r.out());
    assertTrue(r.out().contains("COSIGN_REPOSITORY=\"reg.example/sigs\"\n"), r.out());
    assertTrue(r.out().contains("COSIGN_PASSWORD=\"******\"\n"), r.out());
    assertTrue(r.out().contains("SIGSTORE_ID_TOKEN=\"******\"\n"), r.out());
    assertTrue(r.out().contains("COSIGN_KEY_PASSWORD_X=\"******\"\n"), "other COSIGN_ variables are listed, secrets masked");
    assertTrue(r.out().contains("TUF_ROOT=\"\"\n"), "unset variables are listed empty");
    assertFalse(r.out().contains("hunter2-secret") || r.out().contains("eyJ.token.secret") || r.out().contains("other-secret"));
    assertEquals("", r.err());
  }

  @Test
  void env_showsSecretsOnlyWhenAsked_andDescriptionsCanBeOff() {
    Result r = cli().with("COSIGN_PASSWORD", "shown-on-request").run("env", "--show-sensitive-values", "--show-descriptions=false");
    assertEquals(0, r.code(), r.describe());
    assertTrue(r.out().contains("COSIGN_PASSWORD=\"shown-on-request\"\n"), r.out());
    assertTrue(r.out().lines().allMatch(l -> l.matches("[A-Z_0-9]+=\".*\"")), r.out());
  }

  @Test
  void versionJson_hasCosignsFields() {
    Result r = cli().run("version", "--json");
    assertEquals(0, r.code(), r.describe());
    JsonNode j = Json.parse(r.out().getBytes(StandardCharsets.UTF_8), "version");
    for (String f : List.of("gitVersion", "gitCommit", "gitTreeState", "buildDate", "javaVersion", "compiler", "platform")) {
      assertTrue(j.hasNonNull(f), f + " in " + r.out());
    }
    assertTrue(j.get("platform").asText().matches("[a-z]+/[a-z0-9_]+"), r.out());
  }

  @Test
  void aMistypedCommand_getsSuggestions_asCobraGivesThem() {
    Result r = cli().run("verfy", "--key", "k.pub", "img");
    assertEquals(1, r.code());
    assertEquals("Error: unknown command \"verfy\" for \"jcosign\"\n\nDid you mean this?\n\tverify\n\nRun 'jcosign --help' for usage.\n",
        r.err());
    r = cli().run("xyzzy");
    assertEquals("Error: unknown command \"xyzzy\" for \"jcosign\"\n\nRun 'jcosign --help' for usage.\n", r.err());
    r = cli().run("sign-bl", "f");
    assertTrue(r.err().contains("\tsign-blob\n"), r.err());
  }

  @Test
  void levenshtein() {
    assertEquals(0, ExitCodes.distance("sign", "sign"));
    assertEquals(1, ExitCodes.distance("sgn", "sign"));
    assertEquals(2, ExitCodes.distance("sgin", "sign"));
    assertEquals(3, ExitCodes.distance("kitten", "sitting"));
  }

  @Test
  void completions_forBashZshAndFish_nameEveryCommand() {
    for (String shell : List.of("bash", "zsh", "fish")) {
      Result r = cli().run("completion", shell);
      assertEquals(0, r.code(), r.describe());
      for (String cmd : List.of("sign", "verify-blob-attestation", "env", "completion")) {
        assertTrue(r.out().contains(cmd), shell + " script names " + cmd);
      }
      assertFalse(r.out().contains("generate-docs"), "hidden commands are not offered");
    }
    assertTrue(cli().run("completion", "fish").out().contains("-n '__fish_seen_subcommand_from sign' -l key -r"));
    assertTrue(cli().run("completion", "zsh").out().startsWith("#compdef jcosign\n"));
    assertEquals(1, cli().run("completion", "tcsh").code());
  }

  @Test
  void theBashScript_isValidBash() throws Exception {
    Path f = home.resolve("jcosign.bash");
    Files.writeString(f, cli().run("completion", "bash").out());
    assertEquals(0, run("bash", "-n", f.toString()));
  }

  @Test
  void manPages_oneForEachCommand_renderWithoutGroffWarnings() throws Exception {
    Path dir = home.resolve("docs");
    Result r = cli().run("generate-docs", "--dir", dir.toString(), "--date", "2026-12-05");
    assertEquals(0, r.code(), r.describe());
    List<String> pages;
    try (Stream<Path> s = Files.list(dir.resolve("man1"))) {
      pages = s.map(p -> p.getFileName().toString()).sorted().toList();
    }
    assertTrue(pages.containsAll(List.of("jcosign.1", "jcosign-sign.1", "jcosign-verify.1", "jcosign-env.1", "jcosign-attest-blob.1")), "" + pages);
    assertFalse(pages.contains("jcosign-generate-docs.1"));
    String sign = Files.readString(dir.resolve("man1/jcosign-sign.1"));
    assertTrue(sign.startsWith(".TH JCOSIGN\\-SIGN 1 \"2026-12-05\""), sign);
    assertTrue(sign.contains("\\fB\\-\\-key\\fR=\\fIKEY\\fR"), sign);
    assertTrue(Files.readString(dir.resolve("man1/jcosign.1")).contains(".B COSIGN_PASSWORD"));
    // an independent reader: groff itself, with all warnings on, must render each page silently
    for (String p : pages) {
      ProcessBuilder pb = new ProcessBuilder("groff", "-man", "-Tutf8", "-ww", "-z", dir.resolve("man1/" + p).toString());
      pb.redirectErrorStream(true);
      Process proc = pb.start();
      String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(proc.waitFor(30, TimeUnit.SECONDS));
      assertEquals(0, proc.exitValue(), p + ": " + out);
      assertEquals("", out, p + " renders without warnings");
    }
    assertTrue(Files.exists(dir.resolve("completions/jcosign.fish")) && Files.exists(dir.resolve("completions/_jcosign")));
  }

  private static int run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).inheritIO().start();
    return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
  }
}
