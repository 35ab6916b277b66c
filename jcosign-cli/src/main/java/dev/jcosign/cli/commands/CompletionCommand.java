package dev.jcosign.cli.commands;

import dev.jcosign.cli.Wiring;
import dev.jcosign.cli.docs.Completions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code completion bash|zsh|fish}: a completion script generated from the picocli tree. */
@Command(name = "completion", description = "Prints a shell completion script (bash, zsh or fish)")
public final class CompletionCommand implements Runnable {
  private final Wiring wiring;

  @Parameters(index = "0", defaultValue = "bash", paramLabel = "SHELL", completionCandidates = Shells.class,
      description = "bash, zsh or fish")
  String shell;

  @Spec CommandSpec spec;

  CompletionCommand(Wiring wiring) {
    this.wiring = wiring;
  }

  /** The shells, for completing this command's own argument. */
  static final class Shells implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return Completions.SHELLS.iterator();
    }
  }

  @Override
  public void run() {
    wiring.console().out(Completions.script(shell, spec.root().commandLine()));
  }
}
