package dev.jcosign.cli.commands;

import dev.jcosign.cli.Wiring;
import dev.jcosign.cli.docs.Completions;
import dev.jcosign.cli.docs.ManPages;
import dev.jcosign.core.error.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code generate-docs --dir DIR} (hidden; used by {@code scripts/release}): writes {@code DIR/man1/*.1}
 * and {@code DIR/completions/} from the command tree, so the release's docs match the binary.
 */
@Command(name = "generate-docs", hidden = true, description = "Writes the man pages and completion scripts")
public final class GenerateDocsCommand implements Runnable {
  private final Wiring wiring;

  @Option(names = "--dir", required = true, paramLabel = "DIR", description = "output directory")
  Path dir;

  @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "date printed in the man pages (default: today)")
  String date;

  @Spec CommandSpec spec;

  GenerateDocsCommand(Wiring wiring) {
    this.wiring = wiring;
  }

  @Override
  public void run() {
    String version = VersionCommand.BuildInfo.read().version();
    String when = date != null ? date : java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
    var root = spec.root().commandLine();
    try {
      Path man = Files.createDirectories(dir.resolve("man1"));
      for (Map.Entry<String, String> p : new ManPages(version, when).all(root).entrySet()) {
        Files.writeString(man.resolve(p.getKey()), p.getValue(), StandardCharsets.UTF_8);
      }
      Path comp = Files.createDirectories(dir.resolve("completions"));
      Files.writeString(comp.resolve("jcosign.bash"), Completions.script("bash", root), StandardCharsets.UTF_8);
      Files.writeString(comp.resolve("_jcosign"), Completions.script("zsh", root), StandardCharsets.UTF_8);
      Files.writeString(comp.resolve("jcosign.fish"), Completions.script("fish", root), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InvalidInputException("writing docs to " + dir + ": " + e.getMessage(), e);
    }
    wiring.console().info("Wrote man pages and completions to " + dir);
  }
}
