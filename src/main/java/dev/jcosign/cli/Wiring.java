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

  // --- registry ---

  /**
   * A registry client configured from the REG flags and the environment (DOCKER_CONFIG, HOME, PATH,
   * COSIGN_MAX_ATTACHMENT_SIZE); HTTP exchanges are logged to stderr with --verbose.
   */
  public dev.jcosign.core.spi.Registry registry(dev.jcosign.cli.options.RegistryOptions opts) {
    dev.jcosign.adapters.registry.RegistryConfig config = opts.toConfig(env).toBuilder()
        .userAgent("jcosign/" + jcosignVersion())
        .debug(verbose ? console::info : null)
        .build();
    return new dev.jcosign.adapters.registry.HttpRegistry(config);
  }

  /** An OCI image layout directory used as a registry (one layout = one repository). */
  public dev.jcosign.core.spi.Registry layout(java.nio.file.Path dir) {
    return new dev.jcosign.adapters.registry.OciLayoutRegistry(dir,
        dev.jcosign.adapters.registry.RegistryConfig.DEFAULT_MAX_MANIFEST_BYTES,
        dev.jcosign.cli.options.RegistryOptions.maxAttachmentSize(env));
  }

  private static String jcosignVersion() {
    String v = Wiring.class.getPackage().getImplementationVersion();
    return v == null || v.isBlank() ? "devel" : v;
  }
}
