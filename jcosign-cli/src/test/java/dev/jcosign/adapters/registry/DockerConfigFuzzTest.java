package dev.jcosign.adapters.registry;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.jcosign.core.error.CosignException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A docker {@code config.json} (or podman {@code auth.json}) is outside input too (issue 11): whatever it
 * holds, looking up a registry's credentials gives credentials, anonymous, or one typed error. Helpers
 * named by the file are never found (empty PATH), so no program runs while fuzzing.
 */
class DockerConfigFuzzTest {
  private static final Path DIR;

  static {
    try {
      DIR = Files.createTempDirectory("jcosign-fuzz-docker-config");
      DIR.toFile().deleteOnExit();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @FuzzTest(maxDuration = "2m")
  void dockerConfigs(FuzzedDataProvider d) throws IOException {
    String registry = d.consumeString(40);
    byte[] config = d.consumeRemainingAsBytes();
    Path file = DIR.resolve("config.json");
    Files.write(file, config);
    try {
      new DockerConfigKeychain(DIR, Map.of("PATH", DIR.resolve("none").toString()), Duration.ofSeconds(2)).resolve(registry);
    } catch (CosignException e) {
      if (e.getMessage() == null || e.getMessage().isBlank()) {
        throw new AssertionError("a typed error without a message", e);
      }
    }
  }
}
