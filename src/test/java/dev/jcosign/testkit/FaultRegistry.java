package dev.jcosign.testkit;

import com.sun.net.httpserver.Headers;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
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
    REDIRECT_TO_STORAGE
  }

  /** One request as the server saw it. */
  public record Recorded(String method, String pathAndQuery, String authorization, String contentType) {
    @Override
    public String toString() {
      return method + " " + pathAndQuery + (authorization == null ? "" : " [" + authorization.split(" ")[0] + "]");
    }
  }

  private record Rule(Fault fault, Pattern path, AtomicInteger remaining) {}

  private record Stored(byte[] bytes, String mediaType) {}

  private static final Pattern MANIFEST = Pattern.compile("^/v2/(.+)/manifests/([^/]+)$");
  private static final Pattern UPLOAD = Pattern.compile("^/v2/(.+)/blobs/uploads/([^/]*)$");
  private static final Pattern BLOB = Pattern.compile("^/v2/(.+)/blobs/([a-z0-9]+:[a-f0-9]+)$");
  private static final Pattern TAGS = Pattern.compile("^/v2/(.+)/tags/list$");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final HttpServer server;
  private final Auth auth;
  private final List<Rule> rules = new CopyOnWriteArrayList<>();
  private final List<Recorded> requests = new CopyOnWriteArrayList<>();
  private final Map<String, Stored> manifests = new ConcurrentHashMap<>(); // "repo@digest"
  private final Map<String, String> tags = new ConcurrentHashMap<>(); // "repo:tag" -> digest
  private final Map<String, byte[]> blobs = new ConcurrentHashMap<>(); // digest -> bytes (shared by all repos)
  private final Map<String, Set<String>> blobRepos = new ConcurrentHashMap<>(); // digest -> repos holding it
  private final Map<String, Boolean> tokens = new ConcurrentHashMap<>(); // token -> may push
  private final AtomicInteger tokensIssued = new AtomicInteger();

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
    rules.add(new Rule(fault, Pattern.compile(pathRegex), new AtomicInteger(times)));
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
  public Digest putManifest(String repo, String tag, byte[] bytes, String mediaType) {
    Digest d = Digest.sha256(bytes);
    manifests.put(repo + "@" + d, new Stored(bytes.clone(), mediaType));
    if (tag != null) {
      tags.put(repo + ":" + tag, d.toString());
    }
    return d;
  }

  public Digest putBlob(String repo, byte[] bytes) {
    Digest d = Digest.sha256(bytes);
    blobs.put(d.toString(), bytes.clone());
    blobRepos.computeIfAbsent(d.toString(), k -> ConcurrentHashMap.newKeySet()).add(repo);
    return d;
  }

  public Optional<byte[]> manifest(String repo, Digest digest) {
    return Optional.ofNullable(manifests.get(repo + "@" + digest)).map(s -> s.bytes().clone());
  }

  public boolean hasBlob(String repo, Digest digest) {
    return blobRepos.getOrDefault(digest.toString(), Set.of()).contains(repo);
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
        byte[] b = blobs.get(path.substring("/storage/".length()));
        send(ex, b == null ? 404 : 200, b == null ? new byte[0] : b, "application/octet-stream", method);
        return;
      }
      if (!authorized(ex, method, path)) {
        return;
      }
      if (path.equals("/v2/")) {
        send(ex, 200, "{}".getBytes(StandardCharsets.UTF_8), "application/json", method);
        return;
      }
      Fault fault = nextFault(path);
      if (fault != null && applyFault(ex, fault, method, path)) {
        return;
      }
      route(ex, method, path, query, body, fault);
    }
  }

  private Fault nextFault(String path) {
    for (Rule r : rules) {
      if (r.path().matcher(path).find()) {
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
      case UNAUTHORIZED_NO_CHALLENGE -> error(ex, 401, "UNAUTHORIZED", "authentication required", method);
      case UNAUTHORIZED_WITH_CHALLENGE -> {
        ex.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"fault-registry\"");
        error(ex, 401, "UNAUTHORIZED", "authentication required", method);
      }
      case DENIED -> error(ex, 403, "DENIED", "requested access to the resource is denied", method);
      case NOT_FOUND -> error(ex, 404, path.contains("/blobs/") ? "BLOB_UNKNOWN" : "MANIFEST_UNKNOWN",
          path.contains("/blobs/") ? "blob unknown to registry" : "manifest unknown", method);
      case TOO_MANY_REQUESTS -> {
        ex.getResponseHeaders().set("Retry-After", "0");
        error(ex, 429, "TOOMANYREQUESTS", "too many requests", method);
      }
      case SERVER_ERROR -> send(ex, 500, "internal server error\n".getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8", method);
      case UNAVAILABLE -> error(ex, 503, "UNAVAILABLE", "service unavailable", method);
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
        Matcher m = BLOB.matcher(path);
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

  private void route(HttpExchange ex, String method, String path, String query, byte[] body, Fault fault) throws IOException {
    Matcher m;
    if ((m = MANIFEST.matcher(path)).matches()) {
      manifestRequest(ex, method, m.group(1), m.group(2), body, fault);
    } else if ((m = UPLOAD.matcher(path)).matches()) {
      upload(ex, method, m.group(1), m.group(2), query, body);
    } else if ((m = BLOB.matcher(path)).matches()) {
      byte[] b = hasBlob(m.group(1), Digest.parse(m.group(2))) ? blobs.get(m.group(2)) : null;
      if (b == null) {
        error(ex, 404, "BLOB_UNKNOWN", "blob unknown to registry", method);
      } else {
        ex.getResponseHeaders().set("Docker-Content-Digest", m.group(2));
        respond(ex, b, "application/octet-stream", method, fault);
      }
    } else if ((m = TAGS.matcher(path)).matches()) {
      tagList(ex, m.group(1), query);
    } else {
      error(ex, 404, "NOT_FOUND", "no route for " + path, method);
    }
  }

  private void manifestRequest(HttpExchange ex, String method, String repo, String ref, byte[] body, Fault fault) throws IOException {
    switch (method) {
      case "GET", "HEAD" -> {
        String digest = ref.contains(":") ? ref : tags.get(repo + ":" + ref);
        Stored s = digest == null ? null : manifests.get(repo + "@" + digest);
        if (s == null) {
          error(ex, 404, "MANIFEST_UNKNOWN", "manifest unknown", method);
          return;
        }
        ex.getResponseHeaders().set("Docker-Content-Digest", digest);
        respond(ex, s.bytes(), s.mediaType(), method, fault);
      }
      case "PUT" -> {
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        Digest d = Digest.sha256(body);
        if (ref.contains(":") && !ref.equals(d.toString())) {
          error(ex, 400, "DIGEST_INVALID", "provided digest did not match uploaded content", method);
          return;
        }
        putManifest(repo, ref.contains(":") ? null : ref, body, type);
        ex.getResponseHeaders().set("Docker-Content-Digest", d.toString());
        ex.getResponseHeaders().set("Location", "/v2/" + repo + "/manifests/" + d);
        ex.sendResponseHeaders(201, -1);
      }
      case "DELETE" -> {
        if (!ref.contains(":")) {
          error(ex, 400, "UNSUPPORTED", "the operation is unsupported", method);
          return;
        }
        if (manifests.remove(repo + "@" + ref) == null) {
          error(ex, 404, "MANIFEST_UNKNOWN", "manifest unknown", method);
          return;
        }
        tags.entrySet().removeIf(e -> e.getKey().startsWith(repo + ":") && e.getValue().equals(ref));
        ex.sendResponseHeaders(202, -1);
      }
      default -> error(ex, 405, "UNSUPPORTED", "method not allowed", method);
    }
  }

  private void upload(HttpExchange ex, String method, String repo, String session, String query, byte[] body) throws IOException {
    Map<String, String> q = new java.util.HashMap<>();
    for (String[] kv : TokenServer.query(URI.create("x:/?" + (query == null ? "" : query)))) {
      q.put(kv[0], kv[1]);
    }
    if (method.equals("POST") && session.isEmpty()) {
      String mount = q.get("mount");
      String from = q.get("from");
      if (mount != null && from != null && hasBlob(from, Digest.parse(mount))) {
        blobRepos.get(mount).add(repo);
        ex.getResponseHeaders().set("Docker-Content-Digest", mount);
        ex.getResponseHeaders().set("Location", "/v2/" + repo + "/blobs/" + mount);
        ex.sendResponseHeaders(201, -1);
        return;
      }
      byte[] id = new byte[8];
      RANDOM.nextBytes(id);
      // absolute, with secret-looking state, as distribution does
      ex.getResponseHeaders().set("Location", baseUri() + "/v2/" + repo + "/blobs/uploads/" + HexFormat.of().formatHex(id)
          + "?_state=secret-upload-state-" + HexFormat.of().formatHex(id));
      ex.getResponseHeaders().set("Range", "0-0");
      ex.sendResponseHeaders(202, -1);
      return;
    }
    if (method.equals("PUT") && !session.isEmpty()) {
      String digest = q.get("digest");
      if (digest == null || !Digest.sha256(body).toString().equals(digest)) {
        error(ex, 400, "DIGEST_INVALID", "provided digest did not match uploaded content", method);
        return;
      }
      putBlob(repo, body);
      ex.getResponseHeaders().set("Docker-Content-Digest", digest);
      ex.getResponseHeaders().set("Location", "/v2/" + repo + "/blobs/" + digest);
      ex.sendResponseHeaders(201, -1);
      return;
    }
    error(ex, 405, "UNSUPPORTED", "method not allowed", method);
  }

  private void tagList(HttpExchange ex, String repo, String query) throws IOException {
    TreeSet<String> all = new TreeSet<>();
    tags.keySet().stream().filter(k -> k.startsWith(repo + ":")).forEach(k -> all.add(k.substring(repo.length() + 1)));
    if (all.isEmpty()) {
      error(ex, 404, "NAME_UNKNOWN", "repository name not known to registry", "GET");
      return;
    }
    int n = Integer.MAX_VALUE;
    String last = null;
    for (String[] kv : TokenServer.query(URI.create("x:/?" + (query == null ? "" : query)))) {
      if (kv[0].equals("n")) {
        n = Integer.parseInt(kv[1]);
      } else if (kv[0].equals("last")) {
        last = kv[1];
      }
    }
    List<String> page = new ArrayList<>(last == null ? all : all.tailSet(last, false));
    boolean more = page.size() > n;
    if (more) {
      page = page.subList(0, n);
      // relative, as distribution sends it
      ex.getResponseHeaders().set("Link", "</v2/" + repo + "/tags/list?last=" + page.get(page.size() - 1) + "&n=" + n + ">; rel=\"next\"");
    }
    StringBuilder json = new StringBuilder("{\"name\":\"" + repo + "\",\"tags\":[");
    for (int i = 0; i < page.size(); i++) {
      json.append(i == 0 ? "" : ",").append('"').append(page.get(i)).append('"');
    }
    json.append("]}");
    send(ex, 200, json.toString().getBytes(StandardCharsets.UTF_8), "application/json", "GET");
  }

  /** The normal 200 for content, changed by TRUNCATED_BODY / WRONG_DIGEST. */
  private static void respond(HttpExchange ex, byte[] content, String type, String method, Fault fault) throws IOException {
    byte[] b = content;
    if (fault == Fault.WRONG_DIGEST) {
      b = java.util.Arrays.copyOf(content, content.length + 1);
      b[content.length] = '\n';
    }
    ex.getResponseHeaders().set("Content-Type", type);
    if (fault == Fault.NO_DIGEST_HEADER) {
      ex.getResponseHeaders().remove("Docker-Content-Digest");
    }
    if (method.equals("HEAD")) {
      ex.getResponseHeaders().set("Content-Length", Integer.toString(b.length));
      ex.sendResponseHeaders(200, -1);
      return;
    }
    ex.sendResponseHeaders(200, b.length);
    if (fault == Fault.TRUNCATED_BODY) {
      ex.getResponseBody().write(b, 0, b.length / 2);
      ex.getResponseBody().flush();
      throw new IOException("fault: connection closed mid-body"); // HttpServer then drops the connection
    }
    ex.getResponseBody().write(b);
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
        error(ex, 401, "UNAUTHORIZED", "authentication required", method);
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
        error(ex, 401, "UNAUTHORIZED", "authentication required", method);
        return false;
    }
  }

  private void token(HttpExchange ex, String method, byte[] body) throws IOException {
    boolean authenticated = false;
    if (method.equals("POST")) {
      String form = new String(body, StandardCharsets.UTF_8);
      if (!form.contains("grant_type=refresh_token") || !form.contains("refresh_token=" + IDENTITY_TOKEN)) {
        error(ex, 401, "UNAUTHORIZED", "invalid refresh token", method);
        return;
      }
      authenticated = true;
    } else {
      String header = ex.getRequestHeaders().getFirst("Authorization");
      if (header != null) {
        if (!basic().equals(header)) {
          error(ex, 401, "UNAUTHORIZED", "bad credentials", method);
          return;
        }
        authenticated = true;
      }
    }
    String t = issue(authenticated);
    send(ex, 200, ("{\"token\":\"" + t + "\",\"expires_in\":300}").getBytes(StandardCharsets.UTF_8), "application/json", method);
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

  private static void error(HttpExchange ex, int status, String code, String message, String method) throws IOException {
    String json = "{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"" + message + "\",\"detail\":null}]}";
    send(ex, status, json.getBytes(StandardCharsets.UTF_8), "application/json; charset=utf-8", method);
  }

  private static void send(HttpExchange ex, int status, byte[] body, String type, String method) throws IOException {
    Headers h = ex.getResponseHeaders();
    h.set("Content-Type", type);
    h.set("Docker-Distribution-Api-Version", "registry/2.0");
    if (method.equals("HEAD")) {
      h.set("Content-Length", Integer.toString(body.length));
      ex.sendResponseHeaders(status, -1);
      return;
    }
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      ex.getResponseBody().write(body);
    }
  }
}
