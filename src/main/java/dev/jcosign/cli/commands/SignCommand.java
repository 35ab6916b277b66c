package dev.jcosign.cli.commands;

import dev.jcosign.cli.Wiring;
import picocli.CommandLine.Command;

/** {@code sign} (placeholder until implemented). */
@Command(name = "sign", description = "sign")
public final class SignCommand implements Runnable {
  private final Wiring wiring;

  SignCommand(Wiring wiring) {
    this.wiring = wiring;
  }

  @Override
  public void run() {
    throw new dev.jcosign.core.error.InvalidInputException("sign is not implemented yet");
  }
}
