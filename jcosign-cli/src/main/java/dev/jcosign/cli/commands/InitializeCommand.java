package dev.jcosign.cli.commands;

import dev.jcosign.cli.Wiring;
import dev.jcosign.cli.options.InitializeOptions;
import dev.jcosign.core.tuf.InitializeTrust;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code initialize}: refreshes the Sigstore trusted root from a TUF mirror into the cache that the
 * verify commands read ({@code TUF_ROOT}, default {@code ~/.sigstore/root}; spec §1.3, §4.1).
 */
@Command(name = "initialize", description = "Initializes the Sigstore trusted root cache from a TUF repository")
public final class InitializeCommand implements Runnable {
  private final Wiring wiring;
  @Mixin InitializeOptions options;

  InitializeCommand(Wiring wiring) {
    this.wiring = wiring;
  }

  @Override
  public void run() {
    InitializeTrust.Result r = wiring.initializeTrust().run(options.toRequest(wiring.tufRoot()));
    // cosign v3 prints nothing on success; one status line on stderr keeps stdout clean
    wiring.console().info("Initialized TUF cache " + r.tufRoot() + " from " + r.mirror() + ": root version "
        + r.refreshed().rootVersion() + " (expires " + r.refreshed().rootExpires() + "), targets "
        + String.join(", ", r.refreshed().targets()));
  }
}
