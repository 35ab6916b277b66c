package dev.jcosign.testkit;

import dev.jcosign.core.json.Json;
import dev.jcosign.core.oci.ImageReference;
import dev.jcosign.core.oci.Repository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * A real CNCF distribution registry (Debian's {@code /usr/bin/docker-registry serve}) on a free
 * loopback port, for end-to-end tests (tag them {@code @Tag("e2e")}).
 *
 * <p>Each {@link Variant} is started at most once per JVM, on first use, and shared by every test
 * class; a shutdown hook stops it and deletes its storage. Tests should use their own repository
 * names so they do not see each other's content.
 *
 * <pre>{@code
 * DockerRegistryServer reg = DockerRegistryServer.get(Variant.HTPASSWD);
 * TestImages.Image img = TestImages.push(reg, "mytest/hello", "v1");     // independent of our client
 * ImageReference ref = reg.ref("mytest/hello:v1");                         // 127.0.0.1:<port>/mytest/hello:v1
 * String[] flags = reg.cliFlags();   // --registry-username testuser --registry-password testpass [--registry-cacert ca.crt]
 * }</pre>
 *
 * <p>Variants: {@code PLAIN} (HTTP, no auth), {@code HTPASSWD} (HTTP, Basic testuser/testpass),
 * {@code TLS} (HTTPS with a test CA, {@link #caCertPem()}, plus htpasswd), {@code TOKEN} (HTTP,
 * Bearer token auth through an in-JVM {@link TokenServer}: testuser/testpass get what they ask,
 * anonymous gets pull only) and {@code MTLS} (HTTPS requiring a client certificate,
 * {@link #clientCertPem()}/{@link #clientKeyPem()}, no password). Deleting manifests is enabled.
 * If {@code /usr/bin/docker-registry} is missing the call fails with a message saying to run
 * {@code scripts/test}, which installs it. Annotate a test class with
 * {@code @ExtendWith(DockerRegistryServer.LogsOnFailure.class)} to get the tail of every running
 * registry's log appended to its failure messages ({@link #logTail(int)} does it by hand).
 */
public final class DockerRegistryServer implements PushTarget {
  public static final String USERNAME = "testuser";
  public static final String PASSWORD = "testpass";
  public static final Path BINARY = Path.of("/usr/bin/docker-registry");
  private static final Duration STARTUP = Duration.ofSeconds(20);
  private static final Map<Variant, DockerRegistryServer> RUNNING = new EnumMap<>(Variant.class);

  /** JUnit extension: a failing test's message gets the last log lines of every running registry. */
  public static final class LogsOnFailure implements org.junit.jupiter.api.extension.TestExecutionExceptionHandler {
    @Override
    public void handleTestExecutionException(org.junit.jupiter.api.extension.ExtensionContext context, Throwable t) throws Throwable {
      StringBuilder logs = new StringBuilder();
      synchronized (DockerRegistryServer.class) {
        for (DockerRegistryServer s : RUNNING.values()) {
          logs.append("\n--- ").append(s).append(" (").append(s.logFile()).append(") ---\n").append(s.logTail(15));
        }
      }
      if (logs.length() == 0) {
        throw t;
      }
      AssertionError withLogs = new AssertionError(t.getMessage() + logs, t);
      withLogs.setStackTrace(t.getStackTrace());
      throw withLogs;
    }
  }

  /** How the registry is set up. */
  public enum Variant { PLAIN, HTPASSWD, TLS, TOKEN, MTLS }

  private final Variant variant;
  private final Path dir;
  private final int port;
  private final Process process;
  private final Path log;
  private final TestCerts.Issued ca;
  private final TestCerts.Issued client;
  private final TokenServer tokens;
  private final HttpClient http;

  private DockerRegistryServer(Variant variant, Path dir, int port, Process process, Path log,
      TestCerts.Issued ca, TestCerts.Issued client, TokenServer tokens, HttpClient http) {
    this.variant = variant;
    this.dir = dir;
    this.port = port;
    this.process = process;
    this.log = log;
    this.ca = ca;
    this.client = client;
    this.tokens = tokens;
    this.http = http;
  }

  /** The shared registry of that variant, started on first use. */
  public static synchronized DockerRegistryServer get(Variant variant) {
    DockerRegistryServer s = RUNNING.get(variant);
    if (s == null || !s.process.isAlive()) {
      s = start(variant);
      RUNNING.put(variant, s);
    }
    return s;
  }

  private static DockerRegistryServer start(Variant variant) {
    if (!Files.isExecutable(BINARY)) {
      throw new IllegalStateException(BINARY + " not found: the e2e tests need Debian's docker-registry package; "
          + "run scripts/test (it installs docker-registry, skopeo, apache2-utils) or apt-get install docker-registry");
    }
    IllegalStateException last = null;
    for (int attempt = 0; attempt < 3; attempt++) { // a free port can be taken between probe and bind
      try {
        return launch(variant);
      } catch (IllegalStateException e) {
        last = e;
      }
    }
    throw last;
  }

  private static DockerRegistryServer launch(Variant variant) {
    try {
      Path dir = Files.createTempDirectory("jcosign-registry-" + variant.name().toLowerCase(java.util.Locale.ROOT) + "-");
      int port = freePort();
      TestCerts.Issued ca = null;
      TestCerts.Issued client = null;
      TokenServer tokens = null;
      StringBuilder extra = new StringBuilder();
      StringBuilder httpExtra = new StringBuilder();
      if (variant == Variant.HTPASSWD || variant == Variant.TLS) {
        Path htpasswd = dir.resolve("htpasswd");
        Files.writeString(htpasswd, USERNAME + ":" + bcrypt(PASSWORD) + "\n");
        extra.append("auth:\n  htpasswd:\n    realm: test-realm\n    path: ").append(htpasswd).append('\n');
      }
      if (variant == Variant.TLS || variant == Variant.MTLS) {
        ca = TestCerts.ca("jcosign test registry CA");
        ca.write(dir, "ca");
        TestCerts.server(ca).write(dir, "server");
        httpExtra.append("  tls:\n    certificate: ").append(dir.resolve("server.crt"))
            .append("\n    key: ").append(dir.resolve("server.key")).append('\n');
        if (variant == Variant.MTLS) {
          client = TestCerts.client(ca, "jcosign test client");
          client.write(dir, "client");
          httpExtra.append("    clientcas:\n      - ").append(dir.resolve("ca.crt")).append('\n');
        }
      }
      if (variant == Variant.TOKEN) {
        tokens = TokenServer.start(TokenServer.defaultUsers());
        Path bundle = tokens.writeCertificate(dir);
        extra.append("auth:\n  token:\n    realm: ").append(tokens.realm())
            .append("\n    service: ").append(TokenServer.SERVICE)
            .append("\n    issuer: ").append(TokenServer.ISSUER)
            .append("\n    rootcertbundle: ").append(bundle).append('\n');
      }
      Path config = dir.resolve("config.yml");
      Files.writeString(config, "version: 0.1\n"
          + "log:\n  level: info\n"
          + "storage:\n  filesystem:\n    rootdirectory: " + dir.resolve("data") + "\n"
          + "  delete:\n    enabled: true\n  cache:\n    blobdescriptor: inmemory\n"
          + "http:\n  addr: 127.0.0.1:" + port + "\n  secret: " + secret() + "\n"
          + "  headers:\n    X-Content-Type-Options: [nosniff]\n" + httpExtra + extra);
      Path log = dir.resolve("registry.log");
      Process p = new ProcessBuilder(BINARY.toString(), "serve", config.toString())
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      HttpClient http = ca == null ? HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
          : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).sslContext(TestCerts.sslContext(ca.cert(), client)).build();
      DockerRegistryServer s = new DockerRegistryServer(variant, dir, port, p, log, ca, client, tokens, http);
      s.awaitReady();
      Runtime.getRuntime().addShutdownHook(new Thread(s::stop, "stop-docker-registry-" + port));
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitReady() {
    Instant deadline = Instant.now().plus(STARTUP);
    String lastError = "no answer";
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        String tail = logTail(20);
        stop();
        throw new IllegalStateException("docker-registry (" + variant + ") exited with " + process.exitValue()
            + " during startup; log:\n" + tail);
      }
      try {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(baseUri().resolve("/v2/")).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200 || r.statusCode() == 401) {
          return;
        }
        lastError = "HTTP " + r.statusCode();
      } catch (IOException e) {
        lastError = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      sleep(100);
    }
    String tail = logTail(20);
    stop();
    throw new IllegalStateException("docker-registry (" + variant + ") did not answer on " + baseUri() + "/v2/ within "
        + STARTUP.toSeconds() + "s (" + lastError + "); log:\n" + tail);
  }

  public Variant variant() {
    return variant;
  }

  public int port() {
    return port;
  }

  @Override
  public String host() {
    return "127.0.0.1:" + port;
  }

  @Override
  public URI baseUri() {
    return URI.create((ca != null ? "https" : "http") + "://" + host());
  }

  /** {@code 127.0.0.1:<port>/<path>}. */
  public Repository repo(String path) {
    return new Repository(host(), path);
  }

  /** Parses {@code path[:tag][@digest]} in this registry. */
  public ImageReference ref(String pathAndTagOrDigest) {
    return ImageReference.parse(host() + "/" + pathAndTagOrDigest);
  }

  /** PEM of the CA that signed the TLS certificate (TLS, MTLS); for {@code --registry-cacert}. */
  public Path caCertPem() {
    requireTls();
    return dir.resolve("ca.crt");
  }

  /** Client certificate PEM accepted by the MTLS variant ({@code --registry-client-cert}). */
  public Path clientCertPem() {
    requireMtls();
    return dir.resolve("client.crt");
  }

  /** PKCS#8 PEM key of {@link #clientCertPem()} ({@code --registry-client-key}). */
  public Path clientKeyPem() {
    requireMtls();
    return dir.resolve("client.key");
  }

  public boolean requiresCredentials() {
    return variant == Variant.HTPASSWD || variant == Variant.TLS || variant == Variant.TOKEN;
  }

  /** The token server of the TOKEN variant. */
  public TokenServer tokenServer() {
    if (tokens == null) {
      throw new IllegalStateException("only the TOKEN variant has a token server");
    }
    return tokens;
  }

  /**
   * The jcosign REG flags that make this registry work: credentials, CA, client certificate.
   * Example: {@code --registry-username testuser --registry-password testpass --registry-cacert /tmp/.../ca.crt}.
   */
  public String[] cliFlags() {
    List<String> f = new ArrayList<>();
    if (requiresCredentials()) {
      f.addAll(List.of("--registry-username", USERNAME, "--registry-password", PASSWORD));
    }
    if (ca != null) {
      f.addAll(List.of("--registry-cacert", caCertPem().toString()));
    }
    if (client != null) {
      f.addAll(List.of("--registry-client-cert", clientCertPem().toString(), "--registry-client-key", clientKeyPem().toString()));
    }
    return f.toArray(new String[0]);
  }

  @Override
  public HttpClient httpClient() {
    return http;
  }

  @Override
  public String pushAuthorization(String repoPath) {
    return authorization("repository:" + repoPath + ":pull,push");
  }

  /** Authorization header value for the given token scopes (Basic or a fresh Bearer token); null when not needed. */
  public String authorization(String... scopes) {
    String basic = "Basic " + Base64.getEncoder().encodeToString((USERNAME + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    switch (variant) {
      case HTPASSWD:
      case TLS:
        return basic;
      case TOKEN:
        StringBuilder q = new StringBuilder("?service=" + TokenServer.SERVICE);
        for (String s : scopes) {
          q.append("&scope=").append(java.net.URLEncoder.encode(s, StandardCharsets.UTF_8));
        }
        try {
          HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(tokens.realm() + q.toString()))
              .header("Authorization", basic).build(), HttpResponse.BodyHandlers.ofByteArray());
          if (r.statusCode() != 200) {
            throw new IllegalStateException("token server answered " + r.statusCode());
          }
          return "Bearer " + Json.parse(r.body(), "token response").path("token").asText();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      default:
        return null;
    }
  }

  /** Last {@code lines} lines of the registry's log, for failure messages. */
  public String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  public Path logFile() {
    return log;
  }

  private void stop() {
    process.destroy();
    try {
      if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (tokens != null) {
      tokens.close();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException ignored) {
      // best effort: it is a temp directory
    }
  }

  private void requireTls() {
    if (ca == null) {
      throw new IllegalStateException(variant + " registry has no TLS");
    }
  }

  private void requireMtls() {
    if (client == null) {
      throw new IllegalStateException(variant + " registry does not use client certificates");
    }
  }

  @Override
  public String toString() {
    return "docker-registry " + variant + " at " + baseUri();
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** htpasswd -B equivalent; distribution accepts bcrypt only. */
  private static String bcrypt(String password) {
    byte[] salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    return OpenBSDBCrypt.generate("2y", password.toCharArray(), salt, 5);
  }

  private static String secret() {
    byte[] b = new byte[16];
    new SecureRandom().nextBytes(b);
    return java.util.HexFormat.of().formatHex(b);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
