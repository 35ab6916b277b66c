package dev.jcosign.cli.commands;

import dev.jcosign.cli.Wiring;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code completion bash|zsh}: a completion script generated from the picocli tree. */
@Command(name = "completion", description = "Prints a shell completion script (bash; zsh can source it too)")
public final class CompletionCommand implements Runnable {
  private final Wiring wiring;

  @Parameters(index = "0", defaultValue = "bash", description = "bash or zsh (the bash script also works in zsh)")
  String shell;

  @Spec CommandSpec spec;

  CompletionCommand(Wiring wiring) {
    this.wiring = wiring;
  }

  @Override
  public void run() {
    if (!shell.equals("bash") && !shell.equals("zsh")) {
      throw new dev.jcosign.core.error.InvalidInputException("unsupported shell \"" + shell + "\": use bash or zsh");
    }
    wiring.console().out(AutoComplete.bash("jcosign", spec.root().commandLine()));
  }
}
