package dev.jcosign.cli;

import dev.jcosign.core.spi.Progress;

/**
 * The composition root (style §8): the only place that constructs adapters. Commands receive it in
 * their constructor and ask it for the ports a use case needs. Everything is created lazily so a
 * command never loads what it does not use (startup budget, issue 2 benchmarks).
 */
public final class Wiring implements AutoCloseable {
  private final Env env;
  private final Console console;
  private final boolean verbose;

  Wiring(Env env, Console console, boolean verbose) {
    this.env = env;
    this.console = console;
    this.verbose = verbose;
  }

  public Env env() {
    return env;
  }

  public Console console() {
    return console;
  }

  public Progress progress() {
    return console;
  }

  public boolean verbose() {
    return verbose;
  }

  @Override
  public void close() {}

  // --- keys ---
  private SignerProviders signers;
  private dev.jcosign.core.spi.PasswordSource passwords;

  /** Key backends by {@code --key} scheme: key files and {@code env://} now; KMS providers join here. */
  public SignerProviders signers() {
    if (signers == null) {
      signers = new SignerProviders(java.util.List.of(
          new dev.jcosign.adapters.keyfile.KeyFileSignerProvider(env::get)));
    }
    return signers;
  }

  /** Key passwords: {@code COSIGN_PASSWORD}, a prompt, or stdin (spec §1.2). */
  public dev.jcosign.core.spi.PasswordSource passwords() {
    if (passwords == null) {
      passwords = new Passwords(env, console);
    }
    return passwords;
  }
}
