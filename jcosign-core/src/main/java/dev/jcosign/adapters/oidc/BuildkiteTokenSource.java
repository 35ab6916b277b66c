package dev.jcosign.adapters.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcosign.adapters.http.ServiceClient;
import dev.jcosign.core.error.CertificateAuthorityException;
import dev.jcosign.core.json.Json;
import dev.jcosign.core.spi.IdentityTokenSource;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The Buildkite agent API's OIDC tokens (keyless spec §1.2, provider {@code buildkite-agent}), as the
 * buildkite agent library asks for them: {@code POST <endpoint>/jobs/<job>/oidc/tokens} with
 * {@code {"audience":"sigstore"}} and {@code Authorization: Token <agent access token>}; answer
 * {@code {"token":"<jwt>"}}.
 */
public final class BuildkiteTokenSource implements IdentityTokenSource, AutoCloseable {
  public static final String DEFAULT_ENDPOINT = "https://agent.buildkite.com/v3";
  private final ServiceClient service;
  private final String path;
  private final String accessToken;

  public BuildkiteTokenSource(String endpoint, String jobId, String accessToken, Duration timeout, String userAgent,
      Consumer<String> debug) {
    URI u = URI.create(endpoint.endsWith("/") ? endpoint : endpoint + "/");
    this.service = new ServiceClient(u.getScheme() + "://" + u.getRawAuthority(), "BUILDKITE_AGENT_ENDPOINT",
        "Buildkite agent API", timeout, 64L << 10, userAgent, debug, CertificateAuthorityException::new);
    this.path = u.getRawPath() + "jobs/" + jobId + "/oidc/tokens";
    this.accessToken = accessToken;
  }

  @Override
  public String name() {
    return "buildkite-agent";
  }

  @Override
  public String token() {
    ServiceClient.Exchange r = service.send(service.request(path).header("Authorization", "Token " + accessToken)
        .header("Content-Type", "application/json").header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"audience\":\"sigstore\"}")).build());
    if (r.status() / 100 != 2) {
      throw new CertificateAuthorityException("fetching ambient OIDC credentials: the Buildkite agent API answered HTTP " + r.status());
    }
    JsonNode n = Json.parse(r.body(), "Buildkite OIDC token answer");
    String token = n.path("token").asText("");
    if (token.isEmpty()) {
      throw new CertificateAuthorityException("fetching ambient OIDC credentials: the Buildkite answer has no \"token\"");
    }
    return token;
  }

  @Override
  public void close() {
    service.close();
  }
}
