package dev.jcosign.testkit;

import dev.jcosign.core.tlog.TrustedRoot;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A Rekor v1 log and an RFC 3161 TSA on a free loopback port: {@code src/test/node/sigstore-mock/server.js}, our node
 * server around the handlers of the npm package {@code @sigstore/mock} 0.13.0 (test-peers.md §4).
 * Started once per JVM on first {@link #get()}, stopped by a shutdown hook (and by itself when the
 * JVM's pipe to its stdin closes). The npm packages are installed with {@code npm ci} from the
 * committed lock file into {@code target/sigstore-mock/} once (idempotent: skipped while the lock
 * file is unchanged). Needs {@code node} and {@code npm} on PATH; fails with a clear message if not.
 *
 * <pre>{@code
 * SigstoreMockServer rekor = SigstoreMockServer.get();
 * cli.run("sign", "--key", key, "--rekor-url", rekor.url(), ref);
 * TrustedRoot root = rekor.trustedRoot();                 // the log key, for SET checks
 * rekor.failingUrl(503)  // every request answers 503 {"code":503,"message":...}
 * rekor.hangingUrl()     // accepts the connection, never answers
 * rekor.tamperingUrl()   // creates entries but answers with a corrupted SET
 * }</pre>
 */
public final class SigstoreMockServer {
  private static final Path SOURCE = Path.of("src", "test", "node", "sigstore-mock").toAbsolutePath();
  private static final Path WORK = Path.of("target", "sigstore-mock").toAbsolutePath();
  private static final List<String> FILES = List.of("package.json", "package-lock.json", "server.js");
  private static SigstoreMockServer running;

  private final Process process;
  private final int port;
  private final Path log;

  private SigstoreMockServer(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** The shared server, started (and its packages installed) on first use. */
  public static synchronized SigstoreMockServer get() {
    if (running == null || !running.process.isAlive()) {
      running = start();
    }
    return running;
  }

  /** {@code http://127.0.0.1:<port>}: the {@code --rekor-url}. */
  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** The {@code --timestamp-server-url} of the server's RFC 3161 TSA (DER requests). */
  public String tsaUrl() {
    return url() + "/api/v1/timestamp";
  }

  /** A {@code --rekor-url} at which every request gets {@code status} with Rekor's error body. */
  public String failingUrl(int status) {
    return url() + "/fail/" + status;
  }

  /** A {@code --rekor-url} that accepts connections and never answers. */
  public String hangingUrl() {
    return url() + "/hang";
  }

  /** A {@code --rekor-url} whose new entries come back with a corrupted SET (a log not to be trusted). */
  public String tamperingUrl() {
    return url() + "/tamper-set";
  }

  /** The server's {@code trusted_root.json} (its log key and log ID, its Fulcio CA and CT log, its TSA). */
  public byte[] trustedRootJson() {
    return get("/trusted_root.json");
  }

  /**
   * An ID token from the toy OIDC issuer, e.g. {@code token("sub=user@example.com")}; the query sets
   * any claim ({@code iss}, {@code aud}, {@code exp} seconds from now, {@code alg=none} for an unsigned one).
   */
  public String token(String query) {
    return new String(get("/token?" + query), java.nio.charset.StandardCharsets.UTF_8);
  }

  private byte[] get(String path) {
    try {
      HttpResponse<byte[]> r = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      if (r.statusCode() != 200) {
        throw new IllegalStateException(path + ": HTTP " + r.statusCode());
      }
      return r.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public TrustedRoot trustedRoot() {
    return TrustedRoot.parse(trustedRootJson());
  }

  /** The last lines the server wrote to stderr, for failure messages. */
  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static SigstoreMockServer start() {
    try {
      install();
      Path logFile = WORK.resolve("server.log");
      Process p = new ProcessBuilder("node", "server.js").directory(WORK.toFile())
          .redirectError(logFile.toFile()).start();
      // stdin stays open: server.js exits when it closes, i.e. when this JVM dies
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
        throw new IllegalStateException("sigstore mock did not start (" + line + "); log " + logFile + ":\n"
            + String.join("\n", Files.readAllLines(logFile)));
      }
      SigstoreMockServer s = new SigstoreMockServer(p, Integer.parseInt(line.substring("listening ".length()).trim()), logFile);
      Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies the server and its lock file to target/ and runs {@code npm ci} unless already done for this lock file. */
  private static void install() throws IOException {
    Files.createDirectories(WORK);
    boolean fresh = Files.isDirectory(WORK.resolve("node_modules/@sigstore/mock"));
    for (String f : FILES) {
      byte[] want = Files.readAllBytes(SOURCE.resolve(f));
      Path dst = WORK.resolve(f);
      if (!Files.exists(dst) || !Arrays.equals(want, Files.readAllBytes(dst))) {
        Files.write(dst, want);
        fresh &= f.equals("server.js");
      }
    }
    if (fresh) {
      return;
    }
    Path npmLog = WORK.resolve("npm-ci.log");
    Process npm;
    try {
      npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error").directory(WORK.toFile())
          .redirectErrorStream(true).redirectOutput(npmLog.toFile()).start();
    } catch (IOException e) {
      throw new IllegalStateException("the Rekor test peer needs node and npm on PATH (scripts/test installs them): "
          + e.getMessage(), e);
    }
    try {
      if (!npm.waitFor(300, TimeUnit.SECONDS) || npm.exitValue() != 0) {
        npm.destroyForcibly();
        throw new IllegalStateException("npm ci for @sigstore/mock failed in " + WORK + ":\n" + Files.readString(npmLog));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
