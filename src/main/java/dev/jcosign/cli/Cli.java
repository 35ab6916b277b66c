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
    CommandLine cl = commandLine(wiring);
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

  /** The command tree; public so completion scripts and docs can be generated from it. */
  public static CommandLine commandLine(Wiring wiring) {
    CommandLine cl = new CommandLine(JCosignCommand.class, new WiringFactory(wiring));
    cl.setDefaultValueProvider(new EnvDefaults(wiring.env()));
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setUsageHelpAutoWidth(true);
    return cl;
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
