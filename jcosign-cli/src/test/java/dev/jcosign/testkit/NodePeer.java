package dev.jcosign.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A node test peer of {@code src/test/node/<name>}: its files copied to {@code target/<name>}, its npm
 * packages installed with {@code npm ci} from the committed lock file (once, while the lock file is
 * unchanged), then {@code node <script>} started on a free port, which prints {@code listening <port>}
 * once ready and exits when its stdin (this JVM's pipe) closes.
 *
 * @param process the running server
 * @param port its loopback port
 * @param log its stderr
 */
record NodePeer(Process process, int port, Path log) {

  /** Installs (when needed) and starts the peer; {@code marker} is a module directory that shows an install is done. */
  static NodePeer start(String name, List<String> files, String script, String marker) {
    Path source = Path.of("src", "test", "node", name).toAbsolutePath();
    Path work = Path.of("target", name).toAbsolutePath();
    try {
      install(source, work, files, marker, name);
      Path logFile = work.resolve("server.log");
      Process p = new ProcessBuilder("node", script).directory(work.toFile()).redirectError(logFile.toFile()).start();
      CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
        try {
          return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
          return null;
        }
      });
      String line;
      try {
        line = first.get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        line = null;
      }
      if (line == null || !line.startsWith("listening ")) {
        p.destroyForcibly();
        throw new IllegalStateException(name + " did not start (" + line + "); log " + logFile + ":\n"
            + String.join("\n", Files.readAllLines(logFile)));
      }
      Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
      return new NodePeer(p, Integer.parseInt(line.substring("listening ".length()).trim()), logFile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The last lines the server wrote to stderr, for failure messages. */
  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static void install(Path source, Path work, List<String> files, String marker, String name) throws IOException {
    Files.createDirectories(work);
    boolean fresh = Files.isDirectory(work.resolve(marker));
    for (String f : files) {
      byte[] want = Files.readAllBytes(source.resolve(f));
      Path dst = work.resolve(f);
      if (!Files.exists(dst) || !Arrays.equals(want, Files.readAllBytes(dst))) {
        Files.write(dst, want);
        fresh &= !f.startsWith("package");
      }
    }
    if (fresh) {
      return;
    }
    Path npmLog = work.resolve("npm-ci.log");
    Process npm;
    try {
      npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error").directory(work.toFile())
          .redirectErrorStream(true).redirectOutput(npmLog.toFile()).start();
    } catch (IOException e) {
      throw new IllegalStateException("the " + name + " test peer needs node and npm on PATH (scripts/test installs them): "
          + e.getMessage(), e);
    }
    try {
      if (!npm.waitFor(300, TimeUnit.SECONDS) || npm.exitValue() != 0) {
        npm.destroyForcibly();
        throw new IllegalStateException("npm ci for " + name + " failed in " + work + ":\n" + Files.readString(npmLog));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
