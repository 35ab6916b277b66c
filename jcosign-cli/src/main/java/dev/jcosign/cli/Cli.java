package dev.jcosign.cli;

import dev.jcosign.cli.commands.JCosignCommand;
import java.lang.reflect.Constructor;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/** Builds the picocli tree with the composition root ({@link Wiring}) injected, and runs it. */
public final class Cli {
  private Cli() {}

  static int execute(String[] args, Env env, Console console) {
    boolean verbose = Arrays.stream(args).anyMatch(a -> a.equals("-d") || a.equals("--verbose"));
    Wiring wiring = new Wiring(env, console, verbose);
    CommandLine cl = commandLine(wiring, args);
    ExitCodes codes = new ExitCodes(console, verbose);
    cl.setExecutionExceptionHandler(codes);
    cl.setParameterExceptionHandler(codes);
    cl.setOut(new java.io.PrintWriter(new ConsoleWriter(console), true));
    cl.setErr(console.err());
    try {
      return cl.execute(args);
    } finally {
      wiring.close();
    }
  }

  /** The whole command tree; public so completion scripts and docs can be generated from it. */
  public static CommandLine commandLine(Wiring wiring) {
    return commandLine(wiring, new String[0]);
  }

  /**
   * The tree for one invocation: the root plus only the sub-command {@code args} name, or every
   * sub-command when none is named (help, completion, typos get the full tree and its messages).
   */
  static CommandLine commandLine(Wiring wiring, String[] args) {
    WiringFactory factory = new WiringFactory(wiring);
    CommandLine cl = new CommandLine(JCosignCommand.class, factory);
    String wanted = invokedName(args);
    Class<?> one = wanted == null || wanted.equals("completion") || wanted.equals("generate-docs") ? null : JCosignCommand.named(wanted);
    if (one != null) {
      cl.addSubcommand(new CommandLine(one, factory));
    } else {
      for (Class<?> c : JCosignCommand.SUBCOMMANDS) {
        cl.addSubcommand(new CommandLine(c, factory));
      }
    }
    cl.setDefaultValueProvider(new EnvDefaults(wiring.env()));
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setUsageHelpAutoWidth(true);
    return cl;
  }

  /** The first word that is neither an option nor the value of a root option taking one. */
  private static String invokedName(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("-t") || a.equals("--timeout") || a.equals("--output-file")) {
        i++;
      } else if (!a.startsWith("-")) {
        return a;
      }
    }
    return null;
  }

  /** Creates commands and mixins, passing {@link Wiring} to constructors that take it. */
  private static final class WiringFactory implements IFactory {
    private final Wiring wiring;
    private final IFactory fallback = CommandLine.defaultFactory();

    WiringFactory(Wiring wiring) {
      this.wiring = wiring;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
      try {
        Constructor<K> c = cls.getDeclaredConstructor(Wiring.class);
        c.setAccessible(true);
        return c.newInstance(wiring);
      } catch (NoSuchMethodException e) {
        return fallback.create(cls);
      }
    }
  }

  /** Routes picocli's own stdout (usage help, version) through {@link Console}. */
  private static final class ConsoleWriter extends java.io.Writer {
    private final Console console;

    ConsoleWriter(Console console) {
      this.console = console;
    }

    @Override
    public void write(char[] cbuf, int off, int len) {
      console.out(new String(cbuf, off, len));
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
