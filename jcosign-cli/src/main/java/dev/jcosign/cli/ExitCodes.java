package dev.jcosign.cli;

import dev.jcosign.core.error.CosignException;
import dev.jcosign.core.error.ExitStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The one place where failures become {@code Error: ...} lines and exit codes (style R5). Codes
 * 10-13 are cosign's legacy verify codes (spec §4.5); everything else, usage errors included, is 1.
 */
final class ExitCodes implements IExecutionExceptionHandler, IParameterExceptionHandler {
  static final int OK = ExitStatus.OK;
  static final int ERROR = ExitStatus.ERROR;

  private final Console console;
  private final boolean verbose;

  ExitCodes(Console console, boolean verbose) {
    this.console = console;
    this.verbose = verbose;
  }

  static int codeFor(Throwable t) {
    return ExitStatus.of(t);
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
    report(ex);
    return codeFor(ex);
  }

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    if (unknownCommand(ex)) {
      return ERROR;
    }
    Throwable cosign = ex;
    while (cosign != null && !(cosign instanceof CosignException)) {
      cosign = cosign.getCause(); // a flag setter rejected its value: show our message, not picocli's wrapper
    }
    console.error("Error: " + oneLine(cosign != null ? cosign.getMessage() : ex.getMessage()));
    console.error("Run '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
    return ERROR;
  }

  /**
   * A mistyped sub-command, answered as cobra answers it for cosign: {@code unknown command "sgn" for
   * "jcosign"}, then the commands within two edits of it (or starting with it) under "Did you mean this?".
   */
  private boolean unknownCommand(ParameterException ex) {
    CommandLine cl = ex.getCommandLine();
    if (!(ex instanceof picocli.CommandLine.UnmatchedArgumentException u) || cl.getParent() != null
        || cl.getSubcommands().isEmpty() || u.getUnmatched().isEmpty() || u.getUnmatched().get(0).startsWith("-")) {
      return false;
    }
    String typed = u.getUnmatched().get(0);
    java.util.List<String> near = cl.getSubcommands().values().stream().distinct()
        .filter(c -> !c.getCommandSpec().usageMessage().hidden()).map(CommandLine::getCommandName)
        .filter(n -> n.startsWith(typed) || distance(n, typed) <= 2).toList();
    console.error("Error: unknown command \"" + typed + "\" for \"jcosign\"");
    if (!near.isEmpty()) {
      console.error("");
      console.error("Did you mean this?");
      near.forEach(n -> console.error("\t" + n));
    }
    console.error("");
    console.error("Run 'jcosign --help' for usage.");
    return true;
  }

  /** Levenshtein distance, as cobra's suggestions use. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (Character.toLowerCase(a.charAt(i - 1)) == Character.toLowerCase(b.charAt(j - 1)) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  void report(Throwable ex) {
    String msg = ex instanceof CosignException ? ex.getMessage() : describe(ex);
    console.error("Error: " + oneLine(msg));
    if (verbose) {
      StringWriter sw = new StringWriter();
      ex.printStackTrace(new PrintWriter(sw));
      console.error(sw.toString().stripTrailing());
    }
  }

  private static String describe(Throwable ex) {
    String m = ex.getMessage();
    return m == null || m.isBlank() ? ex.getClass().getSimpleName() : m;
  }

  /** Keeps the error to one line; multi-line details (e.g. one per signature) are joined. */
  static String oneLine(String s) {
    if (s == null) {
      return "unknown error";
    }
    return s.strip().replaceAll("\\s*\\R\\s*", "; ");
  }
}
