package dev.jcosign.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

/**
 * Two key pairs made through the CLI ({@code a.*} to sign with, {@code b.*} as "somebody else's"),
 * the fixture most end-to-end classes start from.
 */
public record TwoKeys(String key, String pub, String otherKey, String otherPub) {

  /** Runs {@code generate-key-pair} twice in {@code home}; {@code cli} must carry COSIGN_PASSWORD. */
  public static TwoKeys generate(CliRunner cli, Path home) {
    for (String prefix : new String[] {"a", "b"}) {
      CliRunner.Result r = cli.run("generate-key-pair", "--output-key-prefix", home.resolve(prefix).toString());
      assertEquals(0, r.code(), r.describe());
    }
    return new TwoKeys(home.resolve("a.key").toString(), home.resolve("a.pub").toString(),
        home.resolve("b.key").toString(), home.resolve("b.pub").toString());
  }
}
