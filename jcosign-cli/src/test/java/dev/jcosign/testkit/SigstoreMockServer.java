package dev.jcosign.testkit;

import dev.jcosign.core.tlog.TrustedRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

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
  private static final List<String> FILES = List.of("package.json", "package-lock.json", "server.js");
  private static SigstoreMockServer running;

  private final NodePeer peer;
  private final Process process;
  private final int port;

  private SigstoreMockServer(NodePeer peer) {
    this.peer = peer;
    this.process = peer.process();
    this.port = peer.port();
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
    return peer.logTail();
  }

  private static SigstoreMockServer start() {
    return new SigstoreMockServer(NodePeer.start("sigstore-mock", FILES, "server.js", "node_modules/@sigstore/mock"));
  }
}
