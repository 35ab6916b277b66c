package dev.jcosign.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jcosign.testing.CliRunner;
import dev.jcosign.testing.CliRunner.Result;
import dev.jcosign.testing.KeyVectors;
import java.nio.file.Path;

/** Key pairs imported from the cosign vectors, for blob tests. */
final class BlobFixture {
  static final String PASSWORD = "blob-test-pw";

  private BlobFixture() {}

  /** A CLI whose COSIGN_PASSWORD opens the keys made by {@link #importKey}. */
  static CliRunner cli(Path home) {
    return new CliRunner(home).with("COSIGN_PASSWORD", PASSWORD);
  }

  /** Imports {@code import-key-pair/<name>_ACCEPT.pem}; returns the prefix of {@code .key}/{@code .pub}. */
  static Path importKey(CliRunner cli, Path dir, String name) {
    Path input = KeyVectors.copy("import-key-pair/" + name + "_ACCEPT.pem", dir);
    Path prefix = dir.resolve(name);
    Result r = cli.run("import-key-pair", "-k", input.toString(), "-o", prefix.toString());
    assertEquals(0, r.code(), r.describe());
    return prefix;
  }

  static String key(Path prefix) {
    return prefix + ".key";
  }

  static String pub(Path prefix) {
    return prefix + ".pub";
  }
}
