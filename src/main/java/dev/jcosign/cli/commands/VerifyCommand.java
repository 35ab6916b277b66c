package dev.jcosign.cli.commands;

import dev.jcosign.cli.Wiring;
import picocli.CommandLine.Command;

/** {@code verify} (placeholder until implemented). */
@Command(name = "verify", description = "verify")
public final class VerifyCommand implements Runnable {
  private final Wiring wiring;

  VerifyCommand(Wiring wiring) {
    this.wiring = wiring;
  }

  @Override
  public void run() {
    throw new dev.jcosign.core.error.InvalidInputException("verify is not implemented yet");
  }
}
