package dev.jcosign.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Trains the Java 25 ahead-of-time cache (JEP 483/514/515) of a release: runs many jcosign command lines
 * in ONE JVM, since a cache records one run ({@code -XX:AOTCacheOutput}), so that every command's classes
 * are loaded, linked and profiled in it. {@code scripts/release} runs it as
 * {@code java -XX:AOTCacheOutput=lib/jcosign.aot -cp lib/jcosign.jar dev.jcosign.cli.AotTraining FILE};
 * FILE holds one command line per line (words split on spaces; lines starting with # are skipped).
 * Output is discarded and failures are expected (a placeholder may refuse): only loading matters.
 */
public final class AotTraining {
  private AotTraining() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: AotTraining COMMANDS-FILE");
    }
    Main.skipFailingLookups();
    Map<String, String> vars = new HashMap<>(Env.system().all());
    vars.putIfAbsent(Env.COSIGN_PASSWORD, "aot-training-only");
    Env env = new Env(vars);
    PrintStream sink = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    for (String line : Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8)) {
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      Main.run(l.split(" +"), env, new ByteArrayInputStream(new byte[0]), sink, sink, false);
    }
    System.exit(0); // HTTP client threads may linger; the cache is written at exit
  }
}
