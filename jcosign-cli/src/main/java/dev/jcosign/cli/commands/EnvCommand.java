package dev.jcosign.cli.commands;

import dev.jcosign.cli.EnvCatalog;
import dev.jcosign.cli.Wiring;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code env}: the environment variables jcosign reads, with their current values (spec §1.3 "env").
 * Secrets are shown as {@code ******} unless asked for; other {@code COSIGN_*} variables (flag defaults)
 * follow the known ones.
 */
@Command(name = "env", description = "Prints the environment variables jcosign reads and their values")
public final class EnvCommand implements Runnable {
  private final Wiring wiring;

  @Option(names = "--show-descriptions", negatable = true, defaultValue = "true", fallbackValue = "true", arity = "0..1",
      description = "show descriptions for environment variables (default true)")
  boolean descriptions;

  @Option(names = "--show-sensitive-values", defaultValue = "false", fallbackValue = "true", arity = "0..1",
      description = "show values of sensitive environment variables")
  boolean sensitive;

  EnvCommand(Wiring wiring) {
    this.wiring = wiring;
  }

  @Override
  public void run() {
    StringBuilder out = new StringBuilder();
    Set<String> known = EnvCatalog.ALL.stream().map(EnvCatalog.Variable::name).collect(Collectors.toSet());
    for (EnvCatalog.Variable v : EnvCatalog.ALL) {
      String value = wiring.env().get(v.name()).orElse("");
      if (descriptions) {
        out.append("# ").append(v.name()).append(' ').append(v.description()).append('\n');
        out.append("# Expects: ").append(v.expects()).append('\n');
      }
      out.append(v.name()).append('=').append(shown(value, v.sensitive())).append('\n');
      if (descriptions) {
        out.append('\n');
      }
    }
    // COSIGN_<FLAG> variables set flag defaults (EnvDefaults); name them too, masking what may be a secret
    Set<String> others = new TreeSet<>(wiring.env().all().keySet());
    others.removeIf(n -> !n.startsWith("COSIGN_") || known.contains(n));
    for (String n : others) {
      boolean secret = n.contains("PASSWORD") || n.contains("TOKEN") || n.contains("SECRET") || n.contains("PIN");
      String value = wiring.env().get(n).orElse("");
      if (descriptions) {
        out.append("# ").append(n).append(" default of the matching flag\n");
      }
      out.append(n).append('=').append(shown(value, secret)).append('\n');
    }
    wiring.console().out(out.toString());
  }

  /** The value as printed: quoted, and masked when it is a secret unless --show-sensitive-values. */
  private String shown(String value, boolean secret) {
    return quoted(secret && !sensitive && !value.isEmpty() ? "******" : value);
  }

  /** Go's %q for the common case: double quotes, with backslash and quote escaped. */
  private static String quoted(String s) {
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
  }
}
