package dev.jcosign.cli.commands;

import dev.jcosign.cli.Wiring;
import picocli.CommandLine.Command;

/** {@code generate-key-pair} (placeholder until implemented). */
@Command(name = "generate-key-pair", description = "generate-key-pair")
public final class GenerateKeyPairCommand implements Runnable {
  private final Wiring wiring;

  GenerateKeyPairCommand(Wiring wiring) {
    this.wiring = wiring;
  }

  @Override
  public void run() {
    throw new dev.jcosign.core.error.InvalidInputException("generate-key-pair is not implemented yet");
  }
}
