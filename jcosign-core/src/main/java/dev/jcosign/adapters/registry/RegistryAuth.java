package dev.jcosign.adapters.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcosign.adapters.registry.Exchange.Request;
import dev.jcosign.adapters.registry.Exchange.Response;
import dev.jcosign.core.error.RegistryException;
import dev.jcosign.core.json.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Knows how to talk to each registry: scheme (found by pinging {@code /v2/}), the auth challenge it
 * answered with, the credentials to use, and bearer tokens cached per (registry, scope). Implements
 * the distribution token flow: GET realm with service and scopes (Basic credentials when known), or
 * POST a refresh token for identity tokens; after a 401 it fetches a fresh token once and retries.
 */
final class RegistryAuth {
  static final long MAX_TOKEN_RESPONSE = 1024 * 1024;
  private static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofSeconds(60);
  private static final String CLIENT_ID = "jcosign";

  private final HttpSender sender;
  private final RegistryConfig config;
  private final DockerConfigKeychain keychain;
  private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();
  private final Map<String, CachedToken> tokens = new ConcurrentHashMap<>();

  /** A registry's base URL and the challenge it sent last (null = anonymous access worked). */
  private static final class Endpoint {
    final URI base;
    volatile Challenge challenge;

    Endpoint(URI base, Challenge challenge) {
      this.base = base;
      this.challenge = challenge;
    }
  }

  private record CachedToken(String token, Instant expires) {}

  RegistryAuth(HttpSender sender, RegistryConfig config, DockerConfigKeychain keychain) {
    this.sender = sender;
    this.config = config;
    this.keychain = keychain;
  }

  /** {@code scheme://registry}, pinging the registry the first time. */
  URI base(String registry) {
    return endpoint(registry).base;
  }

  /** Sends a request to {@code registry} with whatever authentication it asks for. */
  Response send(String registry, Request r) {
    Endpoint ep = endpoint(registry);
    Credential cred = credential(registry);
    return sender.send(r, new HttpSender.Auth() {
      private Scope scope = r.scope();
      private String sent;

      @Override
      public String header(boolean fresh) {
        sent = authorization(registry, ep, cred, scope, fresh);
        return sent;
      }

      @Override
      public boolean onUnauthorized(Response res) {
        Optional<Challenge> ch = Challenge.select(res.headers().allValues("WWW-Authenticate"));
        if (ch.isEmpty() || cred.registryToken() != null) {
          return false;
        }
        ep.challenge = ch.get();
        if (ch.get().isBearer()) {
          scope = scope.plus(ch.get().param("scope").orElse(null));
          return true;
        }
        return ch.get().isBasic() && cred.hasBasic() && sent == null;
      }
    });
  }

  /** Sends without any credentials, for URLs outside the registry (upload locations on other hosts). */
  Response sendAnonymous(Request r) {
    return sender.send(r, HttpSender.NONE);
  }

  private Credential credential(String registry) {
    if (config.bearerToken() != null) {
      return Credential.registryToken(config.bearerToken());
    }
    if (config.username() != null) {
      return Credential.basic(config.username(), config.password());
    }
    return keychain.resolve(registry);
  }

  private String authorization(String registry, Endpoint ep, Credential cred, Scope scope, boolean fresh) {
    if (cred.registryToken() != null) {
      return "Bearer " + cred.registryToken(); // --registry-token is always sent as is, as ggcr does
    }
    Challenge ch = ep.challenge;
    if (ch == null) {
      return null;
    }
    if (ch.isBasic()) {
      return cred.hasBasic() ? cred.basicHeader() : null;
    }
    if (ch.isBearer()) {
      return "Bearer " + token(registry, ch, scope, cred, fresh);
    }
    return null;
  }

  private String token(String registry, Challenge ch, Scope scope, Credential cred, boolean fresh) {
    String key = registry + "|" + scope.key();
    CachedToken cached = tokens.get(key);
    if (!fresh && cached != null && Instant.now().isBefore(cached.expires())) {
      return cached.token();
    }
    CachedToken t = fetchToken(ch, scope, cred);
    tokens.put(key, t);
    return t.token();
  }

  private CachedToken fetchToken(Challenge ch, Scope scope, Credential cred) {
    String realm = ch.param("realm").orElseThrow(() ->
        new RegistryException("registry sent a bearer challenge without a realm", 401, "UNAUTHORIZED"));
    URI realmUri;
    try {
      realmUri = URI.create(realm);
    } catch (IllegalArgumentException e) {
      throw new RegistryException("registry sent an invalid token realm: " + RegistryErrors.firstLine(realm), 401, "UNAUTHORIZED");
    }
    Optional<String> service = ch.param("service");
    if (cred.identityToken() != null) {
      Response r = postRefreshToken(realmUri, service, scope, cred.identityToken());
      // not every token server speaks OAuth2; they all take the GET form (distribution token spec)
      if (r.status() != 404 && r.status() != 405) {
        return parseToken(r, "POST", realmUri);
      }
    }
    List<String> query = new ArrayList<>();
    service.ifPresent(s -> query.add("service=" + enc(s)));
    for (String s : scope.entries()) {
      query.add("scope=" + enc(s));
    }
    URI uri = withQuery(realmUri, String.join("&", query));
    HttpSender.Auth basic = cred.hasBasic() ? fresh -> cred.basicHeader() : HttpSender.NONE;
    Response r = sender.send(Request.get(uri, Scope.NONE, MAX_TOKEN_RESPONSE, "token response"), basic);
    return parseToken(r, "GET", uri);
  }

  private Response postRefreshToken(URI realm, Optional<String> service, Scope scope, String refreshToken) {
    StringBuilder form = new StringBuilder("grant_type=refresh_token&client_id=" + CLIENT_ID);
    service.ifPresent(s -> form.append("&service=").append(enc(s)));
    if (!scope.entries().isEmpty()) {
      form.append("&scope=").append(enc(String.join(" ", scope.entries())));
    }
    form.append("&refresh_token=").append(enc(refreshToken));
    Request req = new Request("POST", realm, Map.of("Content-Type", "application/x-www-form-urlencoded"),
        form.toString().getBytes(StandardCharsets.UTF_8), Scope.NONE, true, false, MAX_TOKEN_RESPONSE, "token response");
    return sender.send(req, HttpSender.NONE);
  }

  private static CachedToken parseToken(Response r, String method, URI uri) {
    if (!r.ok()) {
      throw RegistryErrors.fromResponse(method, uri, r.status(), r.body());
    }
    JsonNode n;
    try {
      n = Json.parse(r.body(), "token response");
    } catch (RuntimeException e) {
      throw new RegistryException(method + " " + RegistryErrors.redact(uri) + ": token response is not JSON", r.status(), null, e);
    }
    String token = n.path("token").asText("");
    if (token.isEmpty()) {
      token = n.path("access_token").asText("");
    }
    if (token.isEmpty()) {
      throw new RegistryException(method + " " + RegistryErrors.redact(uri) + ": token response has no token", r.status(), null);
    }
    long seconds = n.path("expires_in").asLong(0);
    Duration life = seconds > 0 ? Duration.ofSeconds(seconds) : DEFAULT_TOKEN_LIFETIME;
    // renew a little early so a token does not expire between our check and the registry's
    Instant expires = Instant.now().plus(life).minus(life.compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(10) : Duration.ZERO);
    return new CachedToken(token, expires);
  }

  private Endpoint endpoint(String registry) {
    Endpoint ep = endpoints.get(registry);
    if (ep != null) {
      return ep;
    }
    synchronized (endpoints) {
      return endpoints.computeIfAbsent(registry, this::ping);
    }
  }

  /**
   * {@code GET /v2/} over HTTPS, then HTTP where allowed (go-containerregistry's ping). 200 means
   * anonymous access; 401 carries the challenge to answer.
   */
  private Endpoint ping(String registry) {
    List<RegistryException> failures = new ArrayList<>();
    for (String scheme : Schemes.candidates(registry, config.allowHttp())) {
      URI base = URI.create(scheme + "://" + registry);
      URI v2 = base.resolve("/v2/");
      try {
        Response r = sender.send(Request.get(v2, Scope.NONE, HttpSender.MAX_ERROR_BODY, "ping response"), HttpSender.NONE);
        if (r.ok()) {
          return new Endpoint(base, null);
        }
        if (r.status() == 401) {
          return new Endpoint(base, Challenge.select(r.headers().allValues("WWW-Authenticate")).orElse(null));
        }
        failures.add(RegistryErrors.fromResponse("GET", v2, r.status(), r.body()));
      } catch (RegistryException e) {
        failures.add(e);
      }
    }
    // a certificate problem says more than the other scheme's failure ("HTTP request to an HTTPS server")
    for (RegistryException f : failures) {
      if (f.getMessage().startsWith("tls handshake") && f.getMessage().contains("certificate")) {
        throw f;
      }
    }
    throw failures.get(0);
  }

  private static URI withQuery(URI base, String query) {
    if (query.isEmpty()) {
      return base;
    }
    String s = base.toString();
    return URI.create(s + (base.getRawQuery() == null ? "?" : "&") + query);
  }

  /** Query-component encoding that leaves {@code : , /} readable (all legal in a query, RFC 3986 §3.4). */
  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("%3A", ":").replace("%2C", ",").replace("%2F", "/");
  }
}
