package dev.jcosign.adapters.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcosign.core.error.CertificateAuthorityException;
import dev.jcosign.core.spi.IdentityTokenSource;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The OAuth 2.0 device authorization grant (RFC 8628) as sigstore's device flow runs it (keyless spec
 * §1.2 step 3 "device"): the code and the page to enter it on are shown, then the token endpoint is
 * polled every {@code interval} seconds (5 when absent), slower after {@code slow_down}, until a token,
 * {@code access_denied}, {@code expired_token} or the code's lifetime. The ID token is verified.
 * The prompt goes to stderr (cosign prints it on stdout; jcosign keeps stdout for results).
 */
public final class OidcDeviceFlow implements IdentityTokenSource, AutoCloseable {
  private final OidcProvider provider;
  private final Consumer<String> prompt;
  private final Optional<String> clientSecret;

  public OidcDeviceFlow(String issuer, String clientId, Optional<String> clientSecret, Duration timeout, String userAgent,
      Consumer<String> debug, Consumer<String> prompt) {
    this.provider = new OidcProvider(issuer, clientId, timeout, userAgent, debug);
    this.prompt = prompt;
    this.clientSecret = clientSecret;
  }

  @Override
  public String name() {
    return "device";
  }

  @Override
  public String token() {
    Pkce pkce = Pkce.create();
    Map<String, String> form = new LinkedHashMap<>();
    form.put("client_id", provider.clientId);
    form.put("scope", "openid email");
    form.put("code_challenge", pkce.challenge());
    form.put("code_challenge_method", "S256");
    clientSecret.ifPresent(s -> form.put("client_secret", s));
    OidcProvider.Answer a = provider.postForm(provider.endpoint("device_authorization_endpoint"), form);
    if (a.status() != 200) {
      throw new CertificateAuthorityException("device authorization at " + provider.issuer + " failed: " + a.status() + ": " + a.text());
    }
    JsonNode d = a.json();
    String userCode = d.path("user_code").asText("");
    String deviceCode = d.path("device_code").asText("");
    String uri = d.path("verification_uri_complete").asText(d.path("verification_uri").asText(""));
    long expiresIn = d.path("expires_in").asLong(0);
    if (deviceCode.isEmpty() || uri.isEmpty()) {
      throw new CertificateAuthorityException("device authorization at " + provider.issuer + " returned no device code or verification URI");
    }
    prompt.accept("Enter the verification code " + userCode + " in your browser at: " + uri);
    if (expiresIn > 0) {
      prompt.accept("Code will be valid for " + expiresIn + " seconds");
    }
    long interval = d.path("interval").asLong(0) > 0 ? d.path("interval").asLong() : 5;
    long deadline = System.nanoTime() + Duration.ofSeconds(expiresIn > 0 ? expiresIn : 300).toNanos();
    while (true) {
      sleep(interval);
      Map<String, String> poll = new LinkedHashMap<>();
      poll.put("grant_type", "urn:ietf:params:oauth:grant-type:device_code");
      poll.put("device_code", deviceCode);
      poll.put("client_id", provider.clientId);
      poll.put("code_verifier", pkce.verifier());
      clientSecret.ifPresent(s -> poll.put("client_secret", s));
      OidcProvider.Answer t = provider.postForm(provider.endpoint("token_endpoint"), poll);
      String idToken = t.json().path("id_token").asText("");
      if (t.status() == 200 && !idToken.isEmpty()) {
        prompt.accept("Token received!");
        return provider.verifyIdToken(idToken, Optional.empty());
      }
      String error = t.json().path("error").asText("");
      switch (error) {
        case "authorization_pending" -> { }
        case "slow_down" -> interval += 5;
        case "access_denied" -> throw new CertificateAuthorityException("device flow: access denied by the user");
        case "expired_token" -> throw new CertificateAuthorityException("device flow: the code expired before it was entered");
        default -> throw new CertificateAuthorityException("device flow: the token endpoint answered " + t.status() + ": " + t.text());
      }
      if (System.nanoTime() > deadline) {
        throw new CertificateAuthorityException("device flow: the code expired before it was entered");
      }
    }
  }

  private static void sleep(long seconds) {
    try {
      Thread.sleep(seconds * 1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CertificateAuthorityException("device flow interrupted");
    }
  }

  @Override
  public void close() {
    provider.close();
  }
}
