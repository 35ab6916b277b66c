package dev.jcosign.cli;

import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Process entry point: wires the real environment and streams, then exits with the command's code. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    skipFailingLookups();
    // cosign prompts when stdin is a terminal (spec §1.2); Java only knows whether stdin AND stdout
    // are, so bin/jcosign tells us about stdin alone.
    boolean stdinTty = System.console() != null || Boolean.getBoolean("jcosign.stdin.tty");
    int code = run(args, Env.system(), System.in, System.out, System.err, stdinTty);
    System.out.flush();
    System.err.flush();
    // halt, not exit: jcosign registers no shutdown hooks and has flushed everything, while Java 21+'s
    // Runtime.exit first looks for a System.LoggerFinder service on the class path, which opens and
    // indexes the whole jar (~12 ms of a 90 ms `version`, issue 12). Ctrl-C still runs the JVM's hooks.
    Runtime.getRuntime().halt(code);
  }

  /**
   * picocli otherwise looks up Groovy's Closure class, which is not there: the class path is searched, so
   * the whole 30 000-entry jar is opened and indexed just to fail (~12 ms interpreted, issue 12).
   */
  static void skipFailingLookups() {
    System.setProperty("picocli.disable.closures", "true");
  }

  /** Runs one command line; used by tests to run the CLI in-process with captured streams. */
  public static int run(String[] args, Env env, InputStream in, PrintStream out, PrintStream err, boolean interactive) {
    PrintWriter o = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
    PrintWriter e = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
    Console console = new Console(o, e, in, interactive);
    try {
      return Cli.execute(LegacyArgs.rewrite(args, console), env, console);
    } finally {
      o.flush();
      e.flush();
    }
  }
}
