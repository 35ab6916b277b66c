package dev.jcosign.cli.options;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --trusted-root} of the signing commands (keyless spec §1.1 steps 3, 5e): the root a keyless
 * signature is checked against before it is written or pushed, and the SET or checkpoint of the log's answer.
 */
public final class SigningTrustOptions {
  @Option(names = "--trusted-root", paramLabel = "FILE",
      description = "trusted_root.json the new signature is checked against before it is written or pushed "
          + "(default: TUF cache or the embedded root)")
  Path trustedRoot;

  public Optional<Path> trustedRoot() {
    return Optional.ofNullable(trustedRoot);
  }
}
