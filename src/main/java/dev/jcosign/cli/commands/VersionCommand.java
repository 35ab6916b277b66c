package dev.jcosign.cli.commands;

import dev.jcosign.cli.Wiring;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code version}: build information, as text or JSON on stdout. */
@Command(name = "version", description = "Prints the jcosign version")
public final class VersionCommand implements Runnable {
  private final Wiring wiring;

  @Option(names = "--json", description = "print JSON instead of text")
  boolean json;

  VersionCommand(Wiring wiring) {
    this.wiring = wiring;
  }

  @Override
  public void run() {
    String version = java.util.Objects.requireNonNullElse(VersionCommand.class.getPackage().getImplementationVersion(), "devel");
    String javaVersion = System.getProperty("java.version");
    String platform = System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT) + "/" + System.getProperty("os.arch");
    if (json) {
      wiring.console().out("{\n  \"gitVersion\": \"" + version + "\",\n  \"javaVersion\": \"" + javaVersion
          + "\",\n  \"platform\": \"" + platform + "\"\n}\n");
      return;
    }
    wiring.console().out("jcosign: signs and verifies container images, attestations and blobs (Sigstore cosign compatible).\n\n"
        + "GitVersion:    " + version + "\n"
        + "JavaVersion:   " + javaVersion + "\n"
        + "Platform:      " + platform + "\n");
  }
}
