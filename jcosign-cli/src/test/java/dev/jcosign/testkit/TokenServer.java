package dev.jcosign.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.jcosign.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * In-JVM Docker/OCI token server (the Bearer flow of Docker Hub, GHCR, ...) for a docker-registry
 * configured with {@code auth.token}: {@code GET /token?service=S&scope=repository:NAME:ACTIONS}
 * answers an ES256 JWT whose {@code x5c} header carries a self-signed certificate that the registry
 * trusts ({@link #certificatePem()} as {@code rootcertbundle}). {@code testuser/testpass} get the
 * requested actions, anonymous callers get {@code pull} only, a wrong password gets 401.
 */
public final class TokenServer implements AutoCloseable {
  public static final String ISSUER = "test-token-issuer";
  public static final String SERVICE = "test-registry";
  private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

  private final HttpServer server;
  private final TestCerts.Issued signer;
  private final Map<String, String> users;
  private final AtomicInteger issued = new AtomicInteger();
  private final List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());

  private TokenServer(HttpServer server, TestCerts.Issued signer, Map<String, String> users) {
    this.server = server;
    this.signer = signer;
    this.users = users;
  }

  /** Starts on a free loopback port. */
  public static TokenServer start(Map<String, String> users) {
    try {
      HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      TestCerts.Issued signer = TestCerts.ca("test-token-signer");
      TokenServer ts = new TokenServer(s, signer, Map.copyOf(users));
      s.createContext("/token", ts::handle);
      s.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "token-server");
        t.setDaemon(true);
        return t;
      }));
      s.start();
      return ts;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public URI realm() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/token");
  }

  /** Writes the signing certificate (the registry's {@code rootcertbundle}) to {@code dir/token.crt}. */
  public Path writeCertificate(Path dir) {
    return signer.write(dir, "token");
  }

  public String certificatePem() {
    return TestCerts.pem("CERTIFICATE", TestCerts.encoded(signer.cert()));
  }

  /** Number of tokens issued so far (to observe client-side caching). */
  public int tokensIssued() {
    return issued.get();
  }

  /** One line per request: who asked for what, and what was granted. */
  public List<String> log() {
    return List.copyOf(log);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String user = null;
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      if (auth != null && auth.startsWith("Basic ")) {
        String[] up = new String(Base64.getDecoder().decode(auth.substring(6)), StandardCharsets.UTF_8).split(":", 2);
        if (up.length != 2 || !up[1].equals(users.get(up[0]))) {
          log.add("401 bad credentials for " + up[0]);
          byte[] body = "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"bad credentials\"}]}".getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().set("Content-Type", "application/json");
          ex.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"token\"");
          ex.sendResponseHeaders(401, body.length);
          ex.getResponseBody().write(body);
          return;
        }
        user = up[0];
      }
      String service = "";
      ArrayNode access = Json.mapper().createArrayNode();
      for (String[] kv : query(ex.getRequestURI())) {
        if (kv[0].equals("service")) {
          service = kv[1];
        }
        if (kv[0].equals("scope")) {
          for (String scope : kv[1].split(" ")) {
            addAccess(access, scope, user != null);
          }
        }
      }
      long now = System.currentTimeMillis() / 1000;
      ObjectNode claims = Json.object();
      claims.put("iss", ISSUER);
      claims.put("sub", user == null ? "" : user);
      claims.put("aud", service);
      claims.put("exp", now + 300);
      claims.put("nbf", now - 10);
      claims.put("iat", now);
      byte[] jti = new byte[8];
      RANDOM.nextBytes(jti);
      claims.put("jti", HexFormat.of().formatHex(jti));
      claims.set("access", access);
      String token = jwt(claims);
      issued.incrementAndGet();
      log.add("token for " + (user == null ? "anonymous" : user) + " " + Json.writeString(access));
      ObjectNode resp = Json.object();
      resp.put("token", token);
      resp.put("access_token", token);
      resp.put("expires_in", 300);
      byte[] body = Json.write(resp);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
    }
  }

  private static void addAccess(ArrayNode access, String scope, boolean authenticated) {
    int first = scope.indexOf(':');
    int last = scope.lastIndexOf(':');
    if (first < 0 || last <= first) {
      return;
    }
    ObjectNode a = access.addObject();
    a.put("type", scope.substring(0, first));
    a.put("name", scope.substring(first + 1, last));
    ArrayNode actions = a.putArray("actions");
    for (String action : scope.substring(last + 1).split(",")) {
      if (authenticated || action.equals("pull")) {
        actions.add(action);
      }
    }
  }

  private String jwt(ObjectNode claims) {
    ObjectNode header = Json.object();
    header.put("typ", "JWT");
    header.put("alg", "ES256");
    header.putArray("x5c").add(Base64.getEncoder().encodeToString(TestCerts.encoded(signer.cert())));
    Base64.Encoder b64u = Base64.getUrlEncoder().withoutPadding();
    String input = b64u.encodeToString(Json.write(header)) + "." + b64u.encodeToString(Json.write(claims));
    try {
      Signature s = Signature.getInstance("SHA256withECDSAinP1363Format"); // JWS wants raw r||s
      s.initSign(signer.keys().getPrivate());
      s.update(input.getBytes(StandardCharsets.US_ASCII));
      return input + "." + b64u.encodeToString(s.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<String[]> query(URI uri) {
    List<String[]> out = new ArrayList<>();
    String q = uri.getRawQuery();
    if (q == null) {
      return out;
    }
    for (String kv : q.split("&")) {
      int eq = kv.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? kv : kv.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
      out.add(new String[] {k, v});
    }
    return out;
  }

  @Override
  public void close() {
    server.stop(0);
  }

  static Map<String, String> defaultUsers() {
    Map<String, String> m = new ConcurrentHashMap<>();
    m.put(DockerRegistryServer.USERNAME, DockerRegistryServer.PASSWORD);
    return m;
  }
}
