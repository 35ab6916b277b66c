package dev.jcosign.cli.docs;

import dev.jcosign.cli.EnvCatalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Section 1 man pages in troff ({@code man(7)} macros), generated from the picocli command tree so they
 * never disagree with {@code --help}: {@code jcosign.1} with the command list, environment and exit
 * status, and one {@code jcosign-<command>.1} per command. (picocli's own generator writes AsciiDoc,
 * which would need asciidoctor at build time.)
 */
public final class ManPages {
  private final String version;
  private final String date;

  public ManPages(String version, String date) {
    this.version = version;
    this.date = date;
  }

  /** File name → page, for the root and every visible sub-command. */
  public Map<String, String> all(CommandLine root) {
    Map<String, String> pages = new LinkedHashMap<>();
    pages.put("jcosign.1", rootPage(root.getCommandSpec()));
    for (CommandLine sub : visible(root)) {
      pages.put("jcosign-" + sub.getCommandName() + ".1", commandPage(sub.getCommandSpec()));
    }
    return pages;
  }

  static List<CommandLine> visible(CommandLine root) {
    List<CommandLine> out = new ArrayList<>();
    for (CommandLine c : root.getSubcommands().values()) {
      if (!c.getCommandSpec().usageMessage().hidden() && !out.contains(c)) {
        out.add(c);
      }
    }
    return out;
  }

  private String header(String name, String title) {
    return ".TH " + esc(name.toUpperCase(java.util.Locale.ROOT)) + " 1 \"" + date + "\" \"jcosign " + esc(version)
        + "\" \"jcosign Manual\"\n.SH NAME\n" + esc(name) + " \\- " + esc(title) + "\n";
  }

  private String rootPage(CommandSpec spec) {
    StringBuilder b = new StringBuilder(header("jcosign", description(spec)));
    b.append(".SH SYNOPSIS\n.B jcosign\n\\fICOMMAND\\fR [\\fIOPTIONS\\fR] [\\fIARGS\\fR]\n");
    b.append(".SH DESCRIPTION\njcosign signs and verifies OCI container images, attestations and blobs as Sigstore's cosign does:\n"
        + "same commands, flags, environment variables, outputs and exit codes, and signatures that cosign, Kyverno,\n"
        + "policy-controller and containers/image accept.\n");
    b.append(".SH COMMANDS\n");
    for (CommandLine sub : visible(spec.commandLine())) {
      b.append(".TP\n.BR jcosign\\-").append(esc(sub.getCommandName())).append(" (1)\n")
          .append(esc(description(sub.getCommandSpec()))).append('\n');
    }
    options(b, spec);
    b.append(".SH ENVIRONMENT\n");
    for (EnvCatalog.Variable v : EnvCatalog.ALL) {
      b.append(".TP\n.B ").append(esc(v.name())).append('\n').append(esc(v.description()))
          .append(" (").append(esc(v.expects())).append(")").append(v.sensitive() ? "; a secret" : "").append(".\n");
    }
    b.append(".PP\nAny other \\fBCOSIGN_\\fIFLAG\\fR variable gives the default of the flag of that name, as in cosign.\n");
    b.append(".SH EXIT STATUS\n.TP\n0\nsuccess\n.TP\n1\nany other error, including usage errors\n"
        + ".TP\n10\nverify: the image has no signatures\n.TP\n11\nverify: the image was not found\n"
        + ".TP\n12\nverify: there are signatures, but none matches\n"
        + ".TP\n13\nverify without \\-\\-key: the signatures have no certificate\n");
    b.append(".SH SEE ALSO\ncosign(1)\n");
    return b.toString();
  }

  private String commandPage(CommandSpec spec) {
    String name = "jcosign-" + spec.name();
    StringBuilder b = new StringBuilder(header(name, description(spec)));
    b.append(".SH SYNOPSIS\n.B jcosign ").append(esc(spec.name())).append('\n').append("[\\fIOPTIONS\\fR]");
    for (PositionalParamSpec p : spec.positionalParameters()) {
      if (!p.hidden()) {
        String label = esc(p.paramLabel()) + (p.arity().max() > 1 ? "..." : "");
        b.append(p.arity().min() == 0 ? " [\\fI" + label + "\\fR]" : " \\fI" + label + "\\fR");
      }
    }
    b.append("\n.SH DESCRIPTION\n").append(esc(description(spec))).append(".\n");
    if (!spec.positionalParameters().isEmpty()) {
      b.append(".SH ARGUMENTS\n");
      for (PositionalParamSpec p : spec.positionalParameters()) {
        if (!p.hidden()) {
          b.append(".TP\n.I ").append(esc(p.paramLabel())).append('\n').append(esc(String.join(" ", p.description()))).append('\n');
        }
      }
    }
    options(b, spec);
    b.append(".SH SEE ALSO\n.BR jcosign (1)\n");
    return b.toString();
  }

  private static void options(StringBuilder b, CommandSpec spec) {
    List<OptionSpec> shown = spec.options().stream().filter(o -> !o.hidden()).toList();
    if (shown.isEmpty()) {
      return;
    }
    b.append(".SH OPTIONS\n");
    for (OptionSpec o : shown) {
      b.append(".TP\n");
      List<String> names = new ArrayList<>();
      for (String n : o.names()) {
        names.add("\\fB" + esc(n) + "\\fR");
      }
      b.append(String.join(", ", names));
      if (o.arity().max() > 0 && !o.typeInfo().isBoolean()) {
        b.append("=\\fI").append(esc(o.paramLabel())).append("\\fR");
      }
      b.append('\n').append(esc(String.join(" ", o.description()).replace("${DEFAULT-VALUE}", String.valueOf(o.defaultValue()))))
          .append('\n');
    }
  }

  private static String description(CommandSpec spec) {
    String[] d = spec.usageMessage().description();
    return d.length == 0 ? spec.name() : String.join(" ", d);
  }

  /** troff escaping: backslashes, hyphens, and a leading dot or quote that would read as a request. */
  static String esc(String s) {
    String e = s.replace("\\", "\\e").replace("-", "\\-");
    StringBuilder out = new StringBuilder();
    for (String line : e.split("\n", -1)) {
      if (out.length() > 0) {
        out.append('\n');
      }
      out.append(line.startsWith(".") || line.startsWith("'") ? "\\&" + line : line);
    }
    return out.toString();
  }
}
