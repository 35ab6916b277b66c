package dev.jcosign.adapters.fulcio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcosign.adapters.http.ServiceClient;
import dev.jcosign.core.error.CertificateAuthorityException;
import dev.jcosign.core.json.Json;
import dev.jcosign.core.keys.PublicKeys;
import dev.jcosign.core.spi.CertificateAuthority;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;

/**
 * Fulcio's v2 REST API (keyless spec §1.3): {@code POST /api/v2/signingCert} with the token both in
 * the {@code Authorization} header (cosign's shape) and in {@code credentials.oidcIdentityToken}
 * (sigstore-js's), any 2xx accepted, one retry after a second on 5xx/429, responses capped at 1 MiB.
 * The token never appears in an error or a debug line.
 */
public final class FulcioHttpCertificateAuthority implements CertificateAuthority, AutoCloseable {
  public static final long MAX_RESPONSE_BYTES = 1L << 20;
  private final ServiceClient service;
  private final Duration retryDelay;

  public FulcioHttpCertificateAuthority(String url, Duration timeout, String userAgent, Consumer<String> debug) {
    this(url, timeout, userAgent, debug, Duration.ofSeconds(1));
  }

  FulcioHttpCertificateAuthority(String url, Duration timeout, String userAgent, Consumer<String> debug, Duration retryDelay) {
    this.service = new ServiceClient(url, "--fulcio-url", "certificate authority", timeout, MAX_RESPONSE_BYTES, userAgent,
        debug, CertificateAuthorityException::new);
    this.retryDelay = retryDelay;
  }

  @Override
  public List<String> signingCertificate(String identityToken, PublicKey key, byte[] proofOfPossession) {
    byte[] body = requestBody(identityToken, key, proofOfPossession);
    HttpRequest req = service.request("/api/v2/signingCert")
        .header("Authorization", "Bearer " + identityToken)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    ServiceClient.Exchange r = service.send(req);
    if (r.status() >= 500 || r.status() == 429) {
      sleep();
      r = service.send(req); // cosign's Fulcio client: Retries 1
    }
    if (r.status() / 100 != 2) {
      throw new CertificateAuthorityException("Fulcio at " + service.base() + " returned " + r.status() + ": " + message(r.body()));
    }
    return chain(r.body());
  }

  /** The request as sigstore-go lays it out, plus the token in the body for servers that read it there. */
  static byte[] requestBody(String token, PublicKey key, byte[] pop) {
    ObjectNode root = Json.object();
    root.putObject("credentials").put("oidcIdentityToken", token);
    ObjectNode pkr = root.putObject("publicKeyRequest");
    pkr.putObject("publicKey")
        .put("algorithm", "ECDSA".equals(key.getAlgorithm()) || "EC".equals(key.getAlgorithm()) ? "ECDSA"
            : "RSA".equals(key.getAlgorithm()) ? "RSA_PSS" : "ED25519")
        .put("content", new String(PublicKeys.toPem(key), StandardCharsets.US_ASCII));
    pkr.put("proofOfPossession", Base64.getEncoder().encodeToString(pop));
    return Json.write(root);
  }

  /** The PEM chain of an embedded-SCT or detached-SCT answer, leaf first. */
  static List<String> chain(byte[] body) {
    JsonNode root;
    try {
      root = Json.parse(body, "Fulcio's answer");
    } catch (RuntimeException e) {
      throw new CertificateAuthorityException("Fulcio's answer is not JSON");
    }
    JsonNode signed = root.has("signedCertificateEmbeddedSct") ? root.path("signedCertificateEmbeddedSct")
        : root.path("signedCertificateDetachedSct");
    List<String> out = new ArrayList<>();
    for (JsonNode c : signed.path("chain").path("certificates")) {
      String pem = c.asText("");
      if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
        throw new CertificateAuthorityException("Fulcio's answer holds a certificate that is not PEM");
      }
      out.add(pem);
    }
    if (out.isEmpty()) {
      throw new CertificateAuthorityException("Fulcio's answer holds no certificate chain");
    }
    return out;
  }

  /** Fulcio's error text: the {@code message} of its JSON error, else the body's first line. */
  private static String message(byte[] body) {
    String text = new String(body, 0, Math.min(body.length, 400), StandardCharsets.UTF_8);
    try {
      JsonNode n = Json.parse(body, "error");
      if (n.path("message").isTextual()) {
        text = n.path("message").asText();
      }
    } catch (RuntimeException e) {
      // not JSON: the text as is
    }
    text = text.replaceAll("\\s+", " ").trim();
    return text.isEmpty() ? "(no message)" : text;
  }

  private void sleep() {
    try {
      Thread.sleep(retryDelay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CertificateAuthorityException("interrupted while waiting to retry Fulcio");
    }
  }

  @Override
  public void close() {
    service.close();
  }
}
