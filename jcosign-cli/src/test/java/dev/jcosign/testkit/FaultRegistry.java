package dev.jcosign.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.jcosign.core.oci.Digest;
import dev.jcosign.core.oci.ImageReference;
import dev.jcosign.core.oci.Repository;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An in-JVM registry (JDK {@link HttpServer} on a free loopback port) speaking enough of the OCI
 * distribution API to inject faults a real registry will not produce on demand. It stores manifests
 * and blobs in memory, supports monolithic uploads, mounts, tag paging with {@code Link}, and
 * optional Basic or Bearer auth (its own {@code /token} endpoint, which also takes OAuth2
 * refresh-token POSTs for {@link #IDENTITY_TOKEN}).
 *
 * <pre>{@code
 * try (FaultRegistry fr = FaultRegistry.start()) {
 *   TestImages.Image img = TestImages.push(fr, "test/app", "v1");
 *   fr.inject(Fault.UNAVAILABLE, 1);                         // next registry request gets 503, then normal service
 *   fr.inject(Fault.TRUNCATED_BODY, "/manifests/", -1);      // every manifest request, forever
 *   ... client under test against fr.ref("test/app:v1") ...
 *   fr.requests();                                           // what the client sent
 * }
 * }</pre>
 * Faults apply to {@code /v2/<name>/...} requests only, never to the {@code /v2/} ping or {@code /token}.
 */
public final class FaultRegistry implements PushTarget, AutoCloseable {
  public static final String USERNAME = DockerRegistryServer.USERNAME;
  public static final String PASSWORD = DockerRegistryServer.PASSWORD;
  /** The refresh token {@code /token} accepts in {@code grant_type=refresh_token} POSTs. */
  public static final String IDENTITY_TOKEN = "identity-token-for-testuser";
  /** Size of the bodies the OVERSIZED faults send (just over the 4 MiB manifest limit). */
  public static final int OVERSIZED = 4 * 1024 * 1024 + 1;

  /** Who may use the registry. */
  public enum Auth { NONE, BASIC, BEARER }

  /** What goes wrong. */
  public enum Fault {
    /** 401 with an UNAUTHORIZED error body and no WWW-Authenticate header. */
    UNAUTHORIZED_NO_CHALLENGE,
    /** 401 with {@code WWW-Authenticate: Basic}, whatever credentials were sent. */
    UNAUTHORIZED_WITH_CHALLENGE,
    /** 403 DENIED. */
    DENIED,
    /** 404 MANIFEST_UNKNOWN / BLOB_UNKNOWN even though the content exists. */
    NOT_FOUND,
    /** 429 TOOMANYREQUESTS with {@code Retry-After: 0}. */
    TOO_MANY_REQUESTS,
    /** 500 with a plain-text body. */
    SERVER_ERROR,
    /** 503 UNAVAILABLE. */
    UNAVAILABLE,
    /** The normal response, but the connection closes after half the declared Content-Length. */
    TRUNCATED_BODY,
    /** 200 with Content-Length {@link #OVERSIZED}. */
    OVERSIZED_BODY,
    /** 200, chunked (no Content-Length), {@link #OVERSIZED} bytes. */
    OVERSIZED_CHUNKED,
    /** The stored bytes plus a newline, with the stored digest in Docker-Content-Digest. */
    WRONG_DIGEST,
    /** The normal response without Docker-Content-Digest (HEAD must fall back to GET). */
    NO_DIGEST_HEADER,
    /** The connection is closed before any response. */
    CONNECTION_CLOSED,
    /** Blob GET/HEAD: 307 to {@code http://localhost:<port>/storage/<digest>} (another origin). */
    REDIRECT_TO_STORAGE,
    /** The normal headers, then the body one byte every 400 ms. */
    SLOW_BODY,
    /** The normal headers, then no body at all for a minute. */
    STALLED_BODY
  }

  /** One request as the server saw it. */
  public record Recorded(String method, String pathAndQuery, String authorization, String contentType) {
    @Override
    public String toString() {
      return method + " " + pathAndQuery + (authorization == null ? "" : " [" + authorization.split(" ")[0] + "]");
    }
  }

  private record Rule(Fault fault, String method, Pattern path, AtomicInteger remaining) {}

  private static final SecureRandom RANDOM = new SecureRandom();

  private final HttpServer server;
  private final Auth auth;
  private final List<Rule> rules = new CopyOnWriteArrayList<>();
  private final List<Recorded> requests = new CopyOnWriteArrayList<>();
  private final Map<String, Boolean> tokens = new ConcurrentHashMap<>(); // token -> may push
  private final AtomicInteger tokensIssued = new AtomicInteger();
  private final FakeDistribution store = new FakeDistribution(this::baseUri);

  private FaultRegistry(HttpServer server, Auth auth) {
    this.server = server;
    this.auth = auth;
  }

  public static FaultRegistry start() {
    return start(Auth.NONE);
  }

  public static FaultRegistry start(Auth auth) {
    try {
      HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      FaultRegistry fr = new FaultRegistry(s, auth);
      s.createContext("/", fr::handle);
      s.setExecutor(Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fault-registry");
        t.setDaemon(true);
        return t;
      }));
      s.start();
      return fr;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- test API

  /** The next {@code times} registry requests (negative: all) get {@code fault}. */
  public FaultRegistry inject(Fault fault, int times) {
    return inject(fault, "", times);
  }

  /** Like {@link #inject(Fault, int)} for requests whose path contains a match of {@code pathRegex}. */
  public FaultRegistry inject(Fault fault, String pathRegex, int times) {
    return inject(fault, null, pathRegex, times);
  }

  /**
   * Like {@link #inject(Fault, String, int)} for requests with this HTTP method only (null: any), so a
   * test can break the manifest PUT of a read-modify-write while its GET still works.
   */
  public FaultRegistry inject(Fault fault, String method, String pathRegex, int times) {
    rules.add(new Rule(fault, method, Pattern.compile(pathRegex), new AtomicInteger(times)));
    return this;
  }

  public void clearFaults() {
    rules.clear();
  }

  public List<Recorded> requests() {
    return List.copyOf(requests);
  }

  public void clearRequests() {
    requests.clear();
  }

  /** Requests whose path (without query) contains {@code fragment}. */
  public List<Recorded> requests(String method, String fragment) {
    return requests.stream().filter(r -> r.method().equals(method) && r.pathAndQuery().split("\\?")[0].contains(fragment)).toList();
  }

  public int tokensIssued() {
    return tokensIssued.get();
  }

  /** Forgets every issued token, so clients holding one get 401 and must fetch a new one. */
  public void revokeTokens() {
    tokens.clear();
  }

  /** Stores a manifest directly (tag may be null). */
  /** How the referrers API answers from now on (default: absent, 404, like distribution 2.8). */
  public enum ReferrersApi { ABSENT, SUPPORTED, BAD_REQUEST, NOT_ACCEPTABLE, WRONG_CONTENT_TYPE }

  public FaultRegistry referrersApi(ReferrersApi mode) {
    store.referrers(FakeDistribution.Referrers.valueOf(mode.name()));
    return this;
  }

  public Digest putManifest(String repo, String tag, byte[] bytes, String mediaType) {
    return store.putManifest(repo, tag, bytes, mediaType);
  }

  public Digest putBlob(String repo, byte[] bytes) {
    return store.putBlob(repo, bytes);
  }

  /** The manifest a tag points at, if any. */
  public Optional<byte[]> taggedManifest(String repo, String tag) {
    return store.tagged(repo, tag);
  }

  public Optional<byte[]> manifest(String repo, Digest digest) {
    return store.manifest(repo, digest);
  }

  public boolean hasBlob(String repo, Digest digest) {
    return store.hasBlob(repo, digest);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public String host() {
    return "127.0.0.1:" + port();
  }

  @Override
  public URI baseUri() {
    return URI.create("http://" + host());
  }

  public Repository repo(String path) {
    return new Repository(host(), path);
  }

  public ImageReference ref(String pathAndTagOrDigest) {
    return ImageReference.parse(host() + "/" + pathAndTagOrDigest);
  }

  @Override
  public HttpClient httpClient() {
    return HttpClient.newHttpClient();
  }

  @Override
  public String pushAuthorization(String repoPath) {
    return switch (auth) {
      case NONE -> null;
      case BASIC -> basic();
      case BEARER -> "Bearer " + issue(true);
    };
  }

  @Override
  public void close() {
    server.stop(0);
  }

  // ---- server

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getRawPath();
      String query = ex.getRequestURI().getRawQuery();
      String method = ex.getRequestMethod();
      byte[] body = ex.getRequestBody().readAllBytes();
      requests.add(new Recorded(method, path + (query == null ? "" : "?" + query),
          ex.getRequestHeaders().getFirst("Authorization"), ex.getRequestHeaders().getFirst("Content-Type")));
      if (path.equals("/token")) {
        token(ex, method, body);
        return;
      }
      if (path.startsWith("/storage/")) {
        byte[] b = store.blob(path.substring("/storage/".length()));
        FakeDistribution.send(ex, b == null ? 404 : 200, b == null ? new byte[0] : b, "application/octet-stream", method);
        return;
      }
      if (!authorized(ex, method, path)) {
        return;
      }
      if (path.equals("/v2/")) {
        FakeDistribution.send(ex, 200, "{}".getBytes(StandardCharsets.UTF_8), "application/json", method);
        return;
      }
      Fault fault = nextFault(method, path);
      if (fault != null && applyFault(ex, fault, method, path)) {
        return;
      }
      store.route(ex, method, path, query, body, fault);
    }
  }

  private Fault nextFault(String method, String path) {
    for (Rule r : rules) {
      if ((r.method() == null || r.method().equals(method)) && r.path().matcher(path).find()) {
        int left = r.remaining().get();
        if (left < 0 || (left > 0 && r.remaining().compareAndSet(left, left - 1))) {
          return r.fault();
        }
      }
    }
    return null;
  }

  /** Handles faults that replace the response; returns false for those that alter the normal one. */
  private boolean applyFault(HttpExchange ex, Fault fault, String method, String path) throws IOException {
    switch (fault) {
      case UNAUTHORIZED_NO_CHALLENGE -> FakeDistribution.error(ex, 401, "UNAUTHORIZED", "authentication required", method);
      case UNAUTHORIZED_WITH_CHALLENGE -> {
        ex.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"fault-registry\"");
        FakeDistribution.error(ex, 401, "UNAUTHORIZED", "authentication required", method);
      }
      case DENIED -> FakeDistribution.error(ex, 403, "DENIED", "requested access to the resource is denied", method);
      case NOT_FOUND -> FakeDistribution.error(ex, 404, path.contains("/blobs/") ? "BLOB_UNKNOWN" : "MANIFEST_UNKNOWN",
          path.contains("/blobs/") ? "blob unknown to registry" : "manifest unknown", method);
      case TOO_MANY_REQUESTS -> {
        ex.getResponseHeaders().set("Retry-After", "0");
        FakeDistribution.error(ex, 429, "TOOMANYREQUESTS", "too many requests", method);
      }
      case SERVER_ERROR -> FakeDistribution.send(ex, 500, "internal server error\n".getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8", method);
      case UNAVAILABLE -> FakeDistribution.error(ex, 503, "UNAVAILABLE", "service unavailable", method);
      case OVERSIZED_BODY -> {
        ex.getResponseHeaders().set("Content-Type", "application/vnd.oci.image.manifest.v1+json");
        ex.sendResponseHeaders(200, method.equals("HEAD") ? -1 : OVERSIZED);
        writeJunk(ex, OVERSIZED);
      }
      case OVERSIZED_CHUNKED -> {
        ex.getResponseHeaders().set("Content-Type", "application/vnd.oci.image.manifest.v1+json");
        ex.sendResponseHeaders(200, 0);
        writeJunk(ex, OVERSIZED);
      }
      case CONNECTION_CLOSED -> throw new IOException("fault: closing the connection without a response");
      case REDIRECT_TO_STORAGE -> {
        Matcher m = FakeDistribution.BLOB.matcher(path);
        if (!m.matches()) {
          return false;
        }
        ex.getResponseHeaders().set("Location", "http://localhost:" + port() + "/storage/" + m.group(2));
        ex.sendResponseHeaders(307, -1);
      }
      default -> {
        return false; // TRUNCATED_BODY, WRONG_DIGEST, NO_DIGEST_HEADER: change the normal response
      }
    }
    return true;
  }

  private static void writeJunk(HttpExchange ex, int size) {
    byte[] chunk = new byte[64 * 1024];
    java.util.Arrays.fill(chunk, (byte) ' ');
    try (OutputStream out = ex.getResponseBody()) {
      for (int sent = 0; sent < size; sent += chunk.length) {
        out.write(chunk, 0, Math.min(chunk.length, size - sent));
      }
    } catch (IOException ignored) {
      // the client is expected to hang up early
    }
  }

  private boolean authorized(HttpExchange ex, String method, String path) throws IOException {
    String header = ex.getRequestHeaders().getFirst("Authorization");
    switch (auth) {
      case NONE:
        return true;
      case BASIC:
        if (basic().equals(header)) {
          return true;
        }
        ex.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"fault-registry\"");
        FakeDistribution.error(ex, 401, "UNAUTHORIZED", "authentication required", method);
        return false;
      default:
        boolean push = !(method.equals("GET") || method.equals("HEAD"));
        Boolean mayPush = header != null && header.startsWith("Bearer ") ? tokens.get(header.substring(7)) : null;
        if (mayPush != null && (mayPush || !push)) {
          return true;
        }
        Matcher m = Pattern.compile("^/v2/(.+)/(manifests|blobs|tags)/").matcher(path);
        String scope = m.find() ? ",scope=\"repository:" + m.group(1) + ":" + (push ? "pull,push" : "pull") + "\"" : "";
        ex.getResponseHeaders().set("WWW-Authenticate",
            "Bearer realm=\"" + baseUri() + "/token\",service=\"fault-registry\"" + scope);
        FakeDistribution.error(ex, 401, "UNAUTHORIZED", "authentication required", method);
        return false;
    }
  }

  private void token(HttpExchange ex, String method, byte[] body) throws IOException {
    boolean authenticated = false;
    if (method.equals("POST")) {
      String form = new String(body, StandardCharsets.UTF_8);
      if (!form.contains("grant_type=refresh_token") || !form.contains("refresh_token=" + IDENTITY_TOKEN)) {
        FakeDistribution.error(ex, 401, "UNAUTHORIZED", "invalid refresh token", method);
        return;
      }
      authenticated = true;
    } else {
      String header = ex.getRequestHeaders().getFirst("Authorization");
      if (header != null) {
        if (!basic().equals(header)) {
          FakeDistribution.error(ex, 401, "UNAUTHORIZED", "bad credentials", method);
          return;
        }
        authenticated = true;
      }
    }
    String t = issue(authenticated);
    FakeDistribution.send(ex, 200, ("{\"token\":\"" + t + "\",\"expires_in\":300}").getBytes(StandardCharsets.UTF_8), "application/json", method);
  }

  private String issue(boolean mayPush) {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    String t = "tok-" + HexFormat.of().formatHex(b);
    tokens.put(t, mayPush);
    tokensIssued.incrementAndGet();
    return t;
  }

  private static String basic() {
    return "Basic " + Base64.getEncoder().encodeToString((USERNAME + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
  }

}
