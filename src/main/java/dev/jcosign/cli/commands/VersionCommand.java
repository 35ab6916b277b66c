package dev.jcosign.cli.commands;

import dev.jcosign.cli.Wiring;
import java.util.Objects;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code version}: build information, as text or JSON on stdout, with cosign's fields (its
 * {@code goVersion} becomes {@code javaVersion}). Commit, tree state and date come from the jar's
 * manifest, written by the build ({@code scripts/release} passes the commit).
 */
@Command(name = "version", description = "Prints the jcosign version")
public final class VersionCommand implements Runnable {
  private final Wiring wiring;

  @Option(names = "--json", description = "print JSON instead of text")
  boolean json;

  VersionCommand(Wiring wiring) {
    this.wiring = wiring;
  }

  /** What the build recorded; "unknown" outside a jar or when it recorded nothing. */
  record BuildInfo(String version, String commit, String treeState, String date) {
    static BuildInfo read() {
      Attributes a = new Attributes();
      try {
        // classes from an AOT cache (Java 25) may have no code-source location: then the -jar path
        var src = VersionCommand.class.getProtectionDomain().getCodeSource();
        java.io.File file = src != null && src.getLocation() != null ? new java.io.File(src.getLocation().toURI())
            : new java.io.File(System.getProperty("java.class.path", ""));
        if (file.getName().endsWith(".jar") && file.isFile()) {
          try (JarFile jar = new JarFile(file)) {
            if (jar.getManifest() != null) {
              a = jar.getManifest().getMainAttributes();
            }
          }
        }
      } catch (java.io.IOException | java.net.URISyntaxException | SecurityException e) {
        // fall through: unknown
      }
      return new BuildInfo(
          Objects.requireNonNullElse(a.getValue("Implementation-Version"), "devel"),
          Objects.requireNonNullElse(a.getValue("Build-Commit"), "unknown"),
          Objects.requireNonNullElse(a.getValue("Build-Tree-State"), "unknown"),
          Objects.requireNonNullElse(a.getValue("Build-Date"), "unknown"));
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
