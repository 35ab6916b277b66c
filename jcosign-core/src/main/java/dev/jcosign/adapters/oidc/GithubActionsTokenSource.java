package dev.jcosign.adapters.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcosign.adapters.http.ServiceClient;
import dev.jcosign.core.error.CertificateAuthorityException;
import dev.jcosign.core.json.Json;
import dev.jcosign.core.spi.IdentityTokenSource;
import java.net.URI;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * GitHub Actions' OIDC token endpoint (keyless spec §1.2, provider {@code github-actions}):
 * {@code GET $ACTIONS_ID_TOKEN_REQUEST_URL&audience=sigstore} (a string append: the URL already has a
 * query) with {@code Authorization: bearer $ACTIONS_ID_TOKEN_REQUEST_TOKEN}, answer {@code {"value":"<jwt>"}};
 * three tries a second apart on transport errors, as cosign.
 */
public final class GithubActionsTokenSource implements IdentityTokenSource, AutoCloseable {
  private static final long MAX_RESPONSE_BYTES = 64L << 10;
  private final String url;
  private final String requestToken;
  private final ServiceClient service;
  private final Consumer<String> warn;

  public GithubActionsTokenSource(String requestUrl, String requestToken, Duration timeout, String userAgent,
      Consumer<String> debug, Consumer<String> warn) {
    this.url = requestUrl + "&audience=sigstore";
    this.requestToken = requestToken;
    URI u = URI.create(requestUrl);
    this.service = new ServiceClient(u.getScheme() + "://" + u.getRawAuthority(), "ACTIONS_ID_TOKEN_REQUEST_URL",
        "GitHub Actions token endpoint", timeout, MAX_RESPONSE_BYTES, userAgent, debug, CertificateAuthorityException::new);
    this.warn = warn;
  }

  @Override
  public String name() {
    return "github-actions";
  }

  @Override
  public String token() {
    URI u = URI.create(url);
    String path = u.getRawPath() + "?" + u.getRawQuery();
    CertificateAuthorityException last = null;
    for (int attempt = 1; attempt <= 3; attempt++) {
      try {
        ServiceClient.Exchange r = service.send(service.request(path).header("Authorization", "bearer " + requestToken)
            .header("Accept", "application/json").GET().build());
        if (r.status() / 100 != 2) {
          throw new CertificateAuthorityException("GitHub Actions token endpoint answered HTTP " + r.status());
        }
        JsonNode n = Json.parse(r.body(), "GitHub Actions token answer");
        String value = n.path("value").asText("");
        if (value.isEmpty()) {
          throw new CertificateAuthorityException("GitHub Actions token answer has no \"value\"");
        }
        return value;
      } catch (CertificateAuthorityException e) {
        if (e.getMessage().startsWith("GitHub Actions token")) {
          throw e; // an answer, not a transport error: no retry
        }
        last = e;
        warn.accept("error fetching GitHub OIDC token (will retry): " + e.getMessage());
        sleep();
      }
    }
    throw last;
  }

  private static void sleep() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    service.close();
  }
}
