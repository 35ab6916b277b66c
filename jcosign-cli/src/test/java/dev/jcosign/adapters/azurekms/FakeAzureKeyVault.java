package dev.jcosign.adapters.azurekms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.jcosign.core.json.Json;
import dev.jcosign.testkit.TestCerts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Azure Key Vault and the Microsoft identity platform on one loopback HTTPS server (Azure refuses
 * bearer tokens over http), speaking their real REST protocols to the real SDK clients: 401 with the
 * {@code WWW-Authenticate: Bearer authorization=..., resource=...} challenge, client-credentials token
 * at {@code /{tenant}/oauth2/v2.0/token}, then {@code GET /keys/..} and {@code POST /keys/../sign}
 * with {@code api-version}. Keys are real ({@link FakeAzureKey}); sign checks what Key Vault checks.
 */
public final class FakeAzureKeyVault implements AutoCloseable {
  public static final String TENANT = "72f988bf-0000-4000-8000-2d7cd011db47";
  public static final String CLIENT_ID = "0b7f8f2c-0000-4000-8000-5f0e1a2b3c4d";
  public static final String CLIENT_SECRET = "fake-client-secret-do-not-print";

  private final HttpsServer server;
  private final String caPem;
  private final Map<String, List<FakeAzureKey>> keys = new ConcurrentHashMap<>();
  private final Set<String> tokens = ConcurrentHashMap.newKeySet();
  private final Set<String> denied = ConcurrentHashMap.newKeySet();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private volatile boolean revokeTokens;

  public FakeAzureKeyVault() {
    TestCerts.Issued ca = TestCerts.ca("fake azure ca");
    TestCerts.Issued tls = TestCerts.server(ca);
    caPem = TestCerts.pem("CERTIFICATE", encoded(ca.cert()));
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry("tls", tls.keys().getPrivate(), new char[0], new X509Certificate[] {tls.cert(), ca.cert()});
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, new char[0]);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), null, null);
      server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.setHttpsConfigurator(new HttpsConfigurator(ctx));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    server.createContext("/", this::handle);
    server.start();
  }

  private static byte[] encoded(X509Certificate c) {
    try {
      return c.getEncoded();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code 127.0.0.1:PORT}, the VAULT_HOST of azurekms:// URIs. */
  public String host() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  /** For AZURE_AUTHORITY_HOST. */
  public String authorityHost() {
    return "https://" + host() + "/";
  }

  /** Writes the CA certificate for JCOSIGN_AZURE_CA_FILE. */
  public Path writeCa(Path dir) throws IOException {
    return Files.writeString(dir.resolve("fake-azure-ca.pem"), caPem);
  }

  /** The environment a client needs: client-secret credentials, our authority host, our CA. */
  public Map<String, String> env(Path dir) throws IOException {
    return Map.of("AZURE_TENANT_ID", TENANT, "AZURE_CLIENT_ID", CLIENT_ID, "AZURE_CLIENT_SECRET", CLIENT_SECRET,
        "AZURE_AUTHORITY_HOST", authorityHost(), AzureKeyVaultClients.CA_FILE, writeCa(dir).toString());
  }

  /** Adds a new version of key {@code name}: {@code kty} EC (crv P-256/384/521) or RSA (bits). */
  public FakeAzureKey addKey(String name, String kty, String crvOrBits, List<String> ops) {
    FakeAzureKey k = new FakeAzureKey(name, UUID.randomUUID().toString().replace("-", ""), kty, crvOrBits, ops, Map.of());
    keys.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>()).add(k);
    return k;
  }

  public FakeAzureKey latest(String name) {
    List<FakeAzureKey> v = keys.get(name);
    return v == null ? null : v.get(v.size() - 1);
  }

  /** Requests on key {@code name} get 403 Forbidden. */
  public void deny(String name) {
    denied.add(name);
  }

  /** Every bearer token is refused from now on (as after expiry or revocation). */
  public void revokeTokens(boolean on) {
    revokeTokens = on;
  }

  /** {@code METHOD path} of every request, in order. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange x) throws IOException {
    try (x) {
      String path = x.getRequestURI().getPath();
      requests.add(x.getRequestMethod() + " " + path);
      byte[] body = x.getRequestBody().readAllBytes();
      if (path.equals("/" + TENANT + "/oauth2/v2.0/token") && x.getRequestMethod().equals("POST")) {
        token(x, new String(body, StandardCharsets.UTF_8));
      } else if (path.startsWith("/keys/")) {
        vault(x, path.substring("/keys/".length()).split("/"), body);
      } else {
        send(x, 404, error("NotFound", "no route " + path));
      }
    } catch (RuntimeException e) {
      send(x, 500, error("InternalError", String.valueOf(e)));
    }
  }

  /** Microsoft identity platform client-credentials grant. */
  private void token(HttpExchange x, String form) throws IOException {
    Map<String, String> f = new HashMap<>();
    for (String kv : form.split("&")) {
      int eq = kv.indexOf('=');
      f.put(URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
    }
    if (!"client_credentials".equals(f.get("grant_type")) || !CLIENT_ID.equals(f.get("client_id"))
        || !CLIENT_SECRET.equals(f.get("client_secret"))) {
      ObjectNode e = Json.object().put("error", "invalid_client")
          .put("error_description", "AADSTS7000215: Invalid client secret provided.").put("error_codes", "[7000215]");
      send(x, 401, e);
      return;
    }
    // MSAL adds the OIDC scopes openid, profile and offline_access to the resource scope, as AAD expects
    if (!java.util.Arrays.asList(f.getOrDefault("scope", "").split(" ")).contains("https://vault.azure.net/.default")) {
      send(x, 400, Json.object().put("error", "invalid_scope").put("error_description", "AADSTS70011: bad scope " + f.get("scope")));
      return;
    }
    String token = "fake-access-token-" + UUID.randomUUID();
    tokens.add(token);
    send(x, 200, Json.object().put("token_type", "Bearer").put("expires_in", 3599).put("ext_expires_in", 3599).put("access_token", token));
  }

  private void vault(HttpExchange x, String[] parts, byte[] body) throws IOException {
    String auth = x.getRequestHeaders().getFirst("Authorization");
    if (auth == null || !auth.startsWith("Bearer ") || revokeTokens || !tokens.contains(auth.substring(7))) {
      x.getResponseHeaders().add("WWW-Authenticate",
          "Bearer authorization=\"https://login.microsoftonline.com/" + TENANT + "\", resource=\"https://vault.azure.net\"");
      send(x, 401, error("Unauthorized", "AKV10000: Request is missing a Bearer or PoP token."));
      return;
    }
    String query = x.getRequestURI().getQuery();
    if (query == null || !query.matches("(.*&)?api-version=[0-9]{4}-[0-9]{2}-[0-9]{2}(-preview)?(&.*)?")) {
      send(x, 400, error("BadParameter", "The request URI contains an invalid or missing api-version"));
      return;
    }
    String name = parts[0];
    if (denied.contains(name)) {
      send(x, 403, error("Forbidden", "Caller is not authorized to perform action on resource. Action: keys/get"));
      return;
    }
    String m = x.getRequestMethod();
    if (m.equals("POST") && parts.length == 2 && parts[1].equals("create")) {
      JsonNode req = Json.parse(body, "create key");
      String kty = req.path("kty").asText();
      String size = kty.startsWith("EC") ? req.path("crv").asText("P-256") : req.path("key_size").asText("2048");
      List<String> ops = req.has("key_ops") ? Json.mapper().convertValue(req.get("key_ops"), List.class)
          : List.of("sign", "verify", "encrypt", "decrypt", "wrapKey", "unwrapKey");
      Map<String, String> tags = req.has("tags") ? Json.mapper().convertValue(req.get("tags"), Map.class) : Map.of();
      FakeAzureKey k = new FakeAzureKey(name, UUID.randomUUID().toString().replace("-", ""), kty, size, ops, tags);
      keys.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>()).add(k);
      send(x, 200, k.bundle(vaultUrl()));
      return;
    }
    FakeAzureKey k = parts.length >= 2 && !parts[1].isEmpty()
        ? keys.getOrDefault(name, List.of()).stream().filter(v -> v.version().equals(parts[1])).findFirst().orElse(null)
        : latest(name);
    if (k == null) {
      send(x, 404, error("KeyNotFound", "A key with (name/id) " + name + " was not found in this key vault."));
    } else if (m.equals("GET") && parts.length <= 2) {
      send(x, 200, k.bundle(vaultUrl()));
    } else if (m.equals("POST") && parts.length == 3 && parts[2].equals("sign")) {
      JsonNode req = Json.parse(body, "sign");
      FakeAzureKey.Result r = k.sign(req.path("alg").asText(), req.path("value").asText());
      send(x, r.status(), r.status() == 200 ? Json.object().put("kid", k.kid(vaultUrl())).put("value", r.value())
          : error("BadParameter", r.value()));
    } else {
      send(x, 405, error("MethodNotAllowed", m + " " + String.join("/", parts)));
    }
  }

  private String vaultUrl() {
    return "https://" + host() + "/";
  }

  private static ObjectNode error(String code, String message) {
    ObjectNode e = Json.object();
    e.putObject("error").put("code", code).put("message", message);
    return e;
  }

  private static void send(HttpExchange x, int status, JsonNode body) throws IOException {
    byte[] b = Json.write(body);
    x.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    x.sendResponseHeaders(status, b.length);
    x.getResponseBody().write(b);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
