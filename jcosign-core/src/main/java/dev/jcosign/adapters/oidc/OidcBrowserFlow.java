package dev.jcosign.adapters.oidc;

import com.sun.net.httpserver.HttpServer;
import dev.jcosign.core.error.CertificateAuthorityException;
import dev.jcosign.core.spi.IdentityTokenSource;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * sigstore's interactive browser flow (keyless spec §1.2 step 3 "normal"): authorization code with
 * PKCE S256, random {@code state} and {@code nonce}, a loopback listener for
 * {@code http://localhost:<port>/auth/callback}, a {@code callbackTimeout} (120 s) wait, and the
 * out-of-band fallback (the user pastes the code) when no browser opens or nothing comes back. The ID
 * token is verified against the provider's keys, audience and the nonce.
 */
public final class OidcBrowserFlow implements IdentityTokenSource, AutoCloseable {
  static final String OOB = "urn:ietf:wg:oauth:2.0:oob";
  private final OidcProvider provider;
  private final Optional<String> clientSecret;
  private final Optional<String> redirectUrl;
  private final Duration callbackTimeout;
  private final Consumer<String> prompt;
  private final Predicate<String> openBrowser;
  private final Supplier<String> readCode;

  /**
   * @param openBrowser opens the URL in a browser; false when it could not
   * @param readCode reads the verification code the user pastes (out-of-band fallback)
   */
  public OidcBrowserFlow(String issuer, String clientId, Optional<String> clientSecret, Optional<String> redirectUrl,
      Duration timeout, Duration callbackTimeout, String userAgent, Consumer<String> debug, Consumer<String> prompt,
      Predicate<String> openBrowser, Supplier<String> readCode) {
    this.provider = new OidcProvider(issuer, clientId, timeout, userAgent, debug);
    this.clientSecret = clientSecret;
    this.redirectUrl = redirectUrl;
    this.callbackTimeout = callbackTimeout;
    this.prompt = prompt;
    this.openBrowser = openBrowser;
    this.readCode = readCode;
  }

  @Override
  public String name() {
    return "normal";
  }

  @Override
  public String token() {
    String authEndpoint = provider.endpoint("authorization_endpoint");
    if (!provider.supportsS256()) {
      throw new CertificateAuthorityException("PKCE is not supported by OIDC provider '" + authEndpoint + "'");
    }
    Pkce pkce = Pkce.create();
    String state = Pkce.random(16);
    String nonce = Pkce.random(16);
    CompletableFuture<String> code = new CompletableFuture<>();
    HttpServer server = listen(state, code);
    String redirect = redirectUrl.orElse("http://localhost:" + server.getAddress().getPort() + "/auth/callback");
    try {
      String url = authUrl(authEndpoint, redirect, state, nonce, pkce);
      String got = null;
      if (openBrowser.test(url)) {
        prompt.accept("Your browser will now be opened to:\n" + url);
        got = await(code);
      } else {
        prompt.accept("error opening browser: no browser could be started");
      }
      if (got == null) {
        redirect = OOB;
        prompt.accept("Go to the following link in a browser:\n\n\t " + authUrl(authEndpoint, OOB, state, nonce, pkce));
        prompt.accept("Enter verification code: ");
        got = Optional.ofNullable(readCode.get()).map(String::strip).filter(s -> !s.isEmpty())
            .orElseThrow(() -> new CertificateAuthorityException("no verification code entered"));
      }
      return exchange(got, redirect, pkce, nonce);
    } finally {
      server.stop(0);
    }
  }

  private HttpServer listen(String state, CompletableFuture<String> code) {
    int port = redirectUrl.map(u -> URI.create(u).getPort()).filter(p -> p > 0).orElse(0);
    HttpServer s;
    try {
      s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    } catch (IOException e) {
      throw new CertificateAuthorityException("cannot listen for the OIDC callback on localhost:" + port + ": " + e.getMessage());
    }
    s.createContext("/auth/callback", ex -> {
      Map<String, String> q = query(ex.getRequestURI().getRawQuery());
      String page;
      int status;
      if (!state.equals(q.get("state"))) {
        code.completeExceptionally(new CertificateAuthorityException("invalid state token"));
        status = 400;
        page = "<html><body>jcosign: invalid state token; return to the terminal.</body></html>";
      } else if (q.containsKey("error")) {
        code.completeExceptionally(new CertificateAuthorityException("the OIDC provider refused: " + q.get("error")));
        status = 400;
        page = "<html><body>jcosign: sign-in failed; return to the terminal.</body></html>";
      } else {
        code.complete(q.getOrDefault("code", ""));
        status = 200;
        page = "<html><body>jcosign: sign-in complete. You may now close this page.</body></html>";
      }
      byte[] b = page.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
      ex.sendResponseHeaders(status, b.length);
      ex.getResponseBody().write(b);
      ex.close();
    });
    s.start();
    return s;
  }

  /** The callback's code, or null after the timeout (then the out-of-band flow takes over, as sigstore's). */
  private String await(CompletableFuture<String> code) {
    try {
      return code.get(callbackTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      prompt.accept("timeout");
      return null;
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new CertificateAuthorityException(e.getCause().getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CertificateAuthorityException("interrupted while waiting for the browser");
    }
  }

  private String authUrl(String endpoint, String redirect, String state, String nonce, Pkce pkce) {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("response_type", "code");
    q.put("client_id", provider.clientId);
    q.put("redirect_uri", redirect);
    q.put("scope", "openid email");
    q.put("state", state);
    q.put("nonce", nonce);
    q.put("access_type", "online");
    q.put("code_challenge", pkce.challenge());
    q.put("code_challenge_method", "S256");
    return endpoint + (endpoint.contains("?") ? "&" : "?") + q.entrySet().stream()
        .map(e -> OidcProvider.enc(e.getKey()) + "=" + OidcProvider.enc(e.getValue())).collect(Collectors.joining("&"));
  }

  private String exchange(String code, String redirect, Pkce pkce, String nonce) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "authorization_code");
    form.put("code", code);
    form.put("redirect_uri", redirect);
    form.put("client_id", provider.clientId);
    form.put("code_verifier", pkce.verifier());
    clientSecret.ifPresent(s -> form.put("client_secret", s));
    OidcProvider.Answer a = provider.postForm(provider.endpoint("token_endpoint"), form);
    String idToken = a.json().path("id_token").asText("");
    if (a.status() != 200 || idToken.isEmpty()) {
      String why = a.json().path("error_description").asText(a.json().path("error").asText(a.text()));
      throw new CertificateAuthorityException("exchanging the authorization code at " + provider.issuer + " failed: "
          + a.status() + ": " + why);
    }
    return provider.verifyIdToken(idToken, Optional.of(nonce));
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> m = new LinkedHashMap<>();
    if (raw == null) {
      return m;
    }
    for (String kv : raw.split("&")) {
      int i = kv.indexOf('=');
      String k = java.net.URLDecoder.decode(i < 0 ? kv : kv.substring(0, i), StandardCharsets.UTF_8);
      m.put(k, i < 0 ? "" : java.net.URLDecoder.decode(kv.substring(i + 1), StandardCharsets.UTF_8));
    }
    return m;
  }

  @Override
  public void close() {
    provider.close();
  }
}
