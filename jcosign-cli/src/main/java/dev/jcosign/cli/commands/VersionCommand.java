package dev.jcosign.cli.commands;

import dev.jcosign.cli.BuildStamp;
import dev.jcosign.cli.Wiring;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code version}: build information, as text or JSON on stdout, with cosign's fields (its
 * {@code goVersion} becomes {@code javaVersion}). Commit, tree state and date are constants the build
 * wrote ({@link BuildStamp}; {@code scripts/release} passes the commit).
 */
@Command(name = "version", description = "Prints the jcosign version")
public final class VersionCommand implements Runnable {
  private final Wiring wiring;

  @Option(names = "--json", description = "print JSON instead of text")
  boolean json;

  VersionCommand(Wiring wiring) {
    this.wiring = wiring;
  }

  /** What the build recorded ({@link BuildStamp}); "unknown" where it recorded nothing. */
  record BuildInfo(String version, String commit, String treeState, String date) {
    static BuildInfo read() {
      return new BuildInfo(known(BuildStamp.VERSION, "devel"), known(BuildStamp.COMMIT, "unknown"),
          known(BuildStamp.TREE_STATE, "unknown"), known(BuildStamp.DATE, "unknown"));
    }

    /** A value Maven did not fill in (a template compiled as is) counts as not recorded. */
    private static String known(String value, String otherwise) {
      return value == null || value.isBlank() || value.startsWith("${") ? otherwise : value;
    }
  }

  @Override
  public void run() {
    BuildInfo b = BuildInfo.read();
    String javaVersion = System.getProperty("java.version");
    String platform = System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT) + "/" + arch();
    if (json) {
      wiring.console().out("{\n"
          + "  \"gitVersion\": \"" + b.version() + "\",\n"
          + "  \"gitCommit\": \"" + b.commit() + "\",\n"
          + "  \"gitTreeState\": \"" + b.treeState() + "\",\n"
          + "  \"buildDate\": \"" + b.date() + "\",\n"
          + "  \"javaVersion\": \"" + javaVersion + "\",\n"
          + "  \"compiler\": \"javac\",\n"
          + "  \"platform\": \"" + platform + "\"\n}\n");
      return;
    }
    wiring.console().out("jcosign: signs and verifies container images, attestations and blobs (Sigstore cosign compatible).\n\n"
        + "GitVersion:    " + b.version() + "\n"
        + "GitCommit:     " + b.commit() + "\n"
        + "GitTreeState:  " + b.treeState() + "\n"
        + "BuildDate:     " + b.date() + "\n"
        + "JavaVersion:   " + javaVersion + "\n"
        + "Compiler:      javac\n"
        + "Platform:      " + platform + "\n");
  }

  /** Go's GOARCH names, as cosign prints them. */
  private static String arch() {
    String a = System.getProperty("os.arch");
    return switch (a) {
      case "x86_64", "amd64" -> "amd64";
      case "aarch64" -> "arm64";
      default -> a;
    };
  }
}
