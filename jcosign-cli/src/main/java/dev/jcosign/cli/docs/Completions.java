package dev.jcosign.cli.docs;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Shell completion scripts generated from the command tree: bash (picocli's generator), zsh (the same
 * script through zsh's {@code bashcompinit}) and fish (written here: picocli has no fish generator).
 */
public final class Completions {
  private Completions() {}

  public static final java.util.List<String> SHELLS = java.util.List.of("bash", "zsh", "fish");

  public static String script(String shell, CommandLine root) {
    return switch (shell) {
      case "bash" -> AutoComplete.bash("jcosign", root);
      case "zsh" -> "#compdef jcosign\n# zsh completion for jcosign: the bash script through bashcompinit\n"
          + "autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n"
          + AutoComplete.bash("jcosign", root);
      case "fish" -> fish(root);
      default -> throw new dev.jcosign.core.error.InvalidInputException("unsupported shell \"" + shell + "\": use bash, zsh or fish");
    };
  }

  static String fish(CommandLine root) {
    StringBuilder b = new StringBuilder("# fish completion for jcosign (generated from its command tree)\ncomplete -c jcosign -e\n");
    for (OptionSpec o : root.getCommandSpec().options()) {
      option(b, "", o);
    }
    for (CommandLine sub : ManPages.visible(root)) {
      String name = sub.getCommandName();
      b.append("complete -c jcosign -f -n __fish_use_subcommand -a ").append(name).append(" -d ")
          .append(quote(first(sub.getCommandSpec().usageMessage().description()))).append('\n');
      for (OptionSpec o : sub.getCommandSpec().options()) {
        if (!o.inherited()) {
          option(b, "-n '__fish_seen_subcommand_from " + name + "' ", o);
        }
      }
    }
    return b.toString();
  }

  private static void option(StringBuilder b, String condition, OptionSpec o) {
    if (o.hidden()) {
      return;
    }
    b.append("complete -c jcosign ").append(condition);
    for (String n : o.names()) {
      if (n.startsWith("--")) {
        b.append("-l ").append(n.substring(2)).append(' ');
      } else if (n.length() == 2) {
        b.append("-s ").append(n.charAt(1)).append(' ');
      }
    }
    if (o.arity().max() > 0 && !o.typeInfo().isBoolean()) {
      b.append("-r ");
      if (o.completionCandidates() != null) {
        StringBuilder values = new StringBuilder();
        o.completionCandidates().forEach(v -> values.append(values.length() > 0 ? " " : "").append(v));
        b.append("-f -a ").append(quote(values.toString())).append(' ');
      }
    }
    b.append("-d ").append(quote(first(o.description()))).append('\n');
  }

  private static String first(String[] description) {
    String d = description.length == 0 ? "" : description[0];
    return d.replaceAll("\\$\\{[A-Z-]+}", "").strip();
  }

  private static String quote(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
