package dev.jcosign.testing;

import dev.jcosign.cli.Env;
import dev.jcosign.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the CLI in-process (picocli black-box style, style R8) with a fixed environment and captured
 * streams. The environment never includes the real one, so a developer's docker config or
 * COSIGN_* variables cannot leak into tests.
 */
public final class CliRunner {
  private final Map<String, String> env;

  /** Result of one run. */
  public record Result(int code, String out, String err) {
    /** For assertion messages. */
    public String describe() {
      return "exit " + code + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
    }
  }

  public CliRunner(Path home) {
    env = new HashMap<>();
    env.put("HOME", home.toString());
    env.put("DOCKER_CONFIG", home.resolve(".docker").toString());
    env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
  }

  private CliRunner(Map<String, String> env) {
    this.env = env;
  }

  /** A copy with one more variable. */
  public CliRunner with(String name, String value) {
    Map<String, String> m = new HashMap<>(env);
    m.put(name, value);
    return new CliRunner(m);
  }

  public Result run(String... args) {
    return runWithStdin("", args);
  }

  /** Runs with extra flags appended (e.g. a registry's credentials). */
  public Result run(String[] extra, String... args) {
    List<String> all = new ArrayList<>(Arrays.asList(args));
    all.addAll(Arrays.asList(extra));
    return run(all.toArray(String[]::new));
  }

  public Result runWithStdin(String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, new Env(env), new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), false);
    Result r = new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    r.err().lines().filter(l -> l.startsWith("Error: ")).forEach(CliRunner::noRepeatedPrefix);
    return r;
  }

  /**
   * Issue 11: no error line says the same thing twice ("reading x: reading x: ...", "Error: error: ..."),
   * which happens when a wrapper adds the context its cause already has. Checked on every run of every test.
   */
  static void noRepeatedPrefix(String line) {
    String[] parts = line.substring("Error: ".length()).split(": ");
    if (parts[0].regionMatches(true, 0, "error", 0, 5) && parts[0].length() <= 6) {
      throw new AssertionError("an error line that repeats \"Error\": " + line);
    }
    for (int i = 0; i + 1 < parts.length; i++) {
      boolean again = parts[i].length() > 3 && parts[i].equalsIgnoreCase(parts[i + 1]);
      for (int j = i + 2; j < parts.length && !again; j++) {
        again = parts[i].length() >= 12 && parts[i].equalsIgnoreCase(parts[j]);
      }
      if (again) {
        throw new AssertionError("an error line that repeats \"" + parts[i] + ": \": " + line);
      }
    }
  }
}
