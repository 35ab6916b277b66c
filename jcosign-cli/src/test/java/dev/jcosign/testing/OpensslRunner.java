package dev.jcosign.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code openssl} binary as an independent cross-check. A missing binary fails the test
 * with a clear message (scripts/test installs it), it never silently skips.
 */
public final class OpensslRunner {
  private OpensslRunner() {}

  /** Result of one run: exit code, stdout and stderr. */
  public record Result(int code, String out, String err) {}

  public static Result run(Path workDir, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add("openssl");
    cmd.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).start();
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      byte[] err = p.getErrorStream().readAllBytes();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("openssl timed out: " + cmd);
      }
      return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError("this test needs the openssl binary on PATH (apt-get install openssl): " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** Runs and fails the test unless openssl exits 0. */
  public static String ok(Path workDir, String... args) {
    Result r = run(workDir, args);
    if (r.code() != 0) {
      throw new AssertionError("openssl " + String.join(" ", args) + " failed (" + r.code() + "): " + r.err() + r.out());
    }
    return r.out();
  }
}
