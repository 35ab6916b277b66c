package dev.jcosign.cli.commands;

import dev.jcosign.cli.Wiring;
import picocli.CommandLine.Command;

/** {@code import-key-pair} (placeholder until implemented). */
@Command(name = "import-key-pair", description = "import-key-pair")
public final class ImportKeyPairCommand implements Runnable {
  private final Wiring wiring;

  ImportKeyPairCommand(Wiring wiring) {
    this.wiring = wiring;
  }

  @Override
  public void run() {
    throw new dev.jcosign.core.error.InvalidInputException("import-key-pair is not implemented yet");
  }
}
