package dev.jcosign.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcosign.testing.CliRunner;
import dev.jcosign.testing.CliRunner.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Root flags every command inherits (spec §1.1): --output-file, -t/--timeout, legacy spellings. */
class GlobalFlagsTest {
  @TempDir Path home;

  @Test
  void outputFileReceivesStdout() throws IOException {
    Path f = home.resolve("out.txt");
    Result r = new CliRunner(home).run("version", "--output-file", f.toString());
    assertEquals(0, r.code(), r.describe());
    assertEquals("", r.out());
    assertTrue(Files.readString(f).contains("GitVersion:"));
  }

  @Test
  void badTimeoutIsAOneLineError() {
    Result r = new CliRunner(home).run("version", "-t", "5x");
    assertEquals(1, r.code());
    assertTrue(r.err().startsWith("Error: invalid duration \"5x\""), r.err());
  }

  @Test
  void timeoutFromEnvironment() {
    Result r = new CliRunner(home).with("COSIGN_TIMEOUT", "nope").run("version");
    assertEquals(1, r.code(), r.describe());
  }

  @ParameterizedTest
  @CsvSource({"3m0s, 180000", "90s, 90000", "1h30m, 5400000", "500ms, 500", "1.5s, 1500", "0, 0"})
  void goDurations(String in, long millis) {
    assertEquals(Duration.ofMillis(millis), GoDuration.parse(in));
  }

  @Test
  void legacySingleDashFlagsAreRewrittenWithAWarning() {
    Result r = new CliRunner(home).run("-version");
    assertEquals(0, r.code(), r.describe());
    Result k = new CliRunner(home).run("public-key", "-key", home.resolve("missing.key").toString());
    assertTrue(k.err().contains("WARNING: the -key flag is deprecated"), k.err());
  }
}
