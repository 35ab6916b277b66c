package dev.jcosign.cli.options;

import dev.jcosign.cli.Console;
import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.io.SmallFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --predicate FILE|-} and {@code --type} of {@code attest} (spec §1.3 attest row, §3.4). */
public final class PredicateOptions {
  @Option(names = "--predicate", paramLabel = "FILE", description = "path to the predicate file, or - for standard input")
  String predicate;

  @Option(names = "--type", defaultValue = "custom", paramLabel = "TYPE",
      description = "predicate type: slsaprovenance|slsaprovenance02|slsaprovenance1|link|spdx|spdxjson|cyclonedx|vuln|openvex|custom, or a URI (default: ${DEFAULT-VALUE})")
  String type;

  public String type() {
    return type;
  }

  /** The predicate bytes, read from the file or from all of stdin. */
  public byte[] read(Console console, long maxBytes) {
    return readPath(predicate, console, maxBytes);
  }

  /**
   * A predicate path ({@code -} for stdin) read as {@code --predicate} is, at most {@code maxBytes}
   * ({@code COSIGN_MAX_ATTACHMENT_SIZE}, issue 11); also used by {@code attest-blob}.
   */
  public byte[] readPath(String predicate, Console console, long maxBytes) {
    if (predicate == null || predicate.isEmpty()) {
      throw new InvalidInputException("predicate cannot be empty");
    }
    if (predicate.equals("-")) {
      return console.readStdin(maxBytes, "reading the predicate from standard input");
    }
    Path p = Path.of(predicate);
    if (!Files.exists(p)) {
      throw new InvalidInputException("open " + predicate + ": no such file or directory");
    }
    return SmallFiles.read(p, maxBytes, "reading predicate " + predicate);
  }
}
