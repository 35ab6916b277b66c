package dev.jcosign.cli.commands;

import dev.jcosign.cli.Wiring;
import picocli.CommandLine.Command;

/** {@code public-key} (placeholder until implemented). */
@Command(name = "public-key", description = "public-key")
public final class PublicKeyCommand implements Runnable {
  private final Wiring wiring;

  PublicKeyCommand(Wiring wiring) {
    this.wiring = wiring;
  }

  @Override
  public void run() {
    throw new dev.jcosign.core.error.InvalidInputException("public-key is not implemented yet");
  }
}
