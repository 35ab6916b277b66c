package dev.jcosign.adapters.oidc;

import dev.jcosign.core.error.CertificateAuthorityException;
import dev.jcosign.core.spi.IdentityTokenSource;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The client-credentials grant of {@code --fulcio-auth-flow client_credentials} (keyless spec §1.2 step 3):
 * the client ID and secret buy an ID token from the token endpoint; the token is verified as the other
 * flows' are.
 */
public final class OidcClientCredentialsFlow implements IdentityTokenSource, AutoCloseable {
  private final OidcProvider provider;
  private final String secret;

  public OidcClientCredentialsFlow(String issuer, String clientId, String secret, Duration timeout, String userAgent,
      Consumer<String> debug) {
    this.provider = new OidcProvider(issuer, clientId, timeout, userAgent, debug);
    this.secret = secret;
  }

  @Override
  public String name() {
    return "client_credentials";
  }

  @Override
  public String token() {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "client_credentials");
    form.put("client_id", provider.clientId);
    form.put("client_secret", secret);
    form.put("scope", "openid email");
    OidcProvider.Answer a = provider.postForm(provider.endpoint("token_endpoint"), form);
    String idToken = a.json().path("id_token").asText("");
    if (a.status() != 200 || idToken.isEmpty()) {
      throw new CertificateAuthorityException("client credentials at " + provider.issuer + " failed: " + a.status()
          + (idToken.isEmpty() && a.status() == 200 ? ": no id_token in the answer" : ": " + a.text()));
    }
    return provider.verifyIdToken(idToken, Optional.empty());
  }

  @Override
  public void close() {
    provider.close();
  }
}
