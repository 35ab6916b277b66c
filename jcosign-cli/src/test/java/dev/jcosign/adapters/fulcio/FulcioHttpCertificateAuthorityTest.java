package dev.jcosign.adapters.fulcio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.jcosign.core.error.CertificateAuthorityException;
import dev.jcosign.core.json.Json;
import dev.jcosign.core.keys.KeyGeneration;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Fulcio v2 client against a JDK HTTP server speaking Fulcio's wire format (keyless spec §1.3,
 * §3.3 item 1): the request's exact JSON and headers, 200 and 201, the detached-SCT shape, errors with
 * Fulcio's message, one retry on 5xx/429 and none on 4xx, and malformed chains.
 */
class FulcioHttpCertificateAuthorityTest {
  static final String PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
  HttpServer server;
  final List<String> requests = new ArrayList<>();

  /** Answers each request with the next (status, body) pair; the last one repeats. */
  String serve(Object... answers) throws Exception {
    AtomicInteger n = new AtomicInteger();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", ex -> {
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      requests.add(ex.getRequestMethod() + " " + ex.getRequestURI() + " " + ex.getRequestHeaders().getFirst("Authorization")
          + " " + ex.getRequestHeaders().getFirst("Content-Type") + " " + body);
      int i = Math.min(n.getAndIncrement(), answers.length / 2 - 1);
      byte[] out = ((String) answers[2 * i + 1]).getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders((Integer) answers[2 * i], out.length);
      ex.getResponseBody().write(out);
      ex.close();
    });
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  static FulcioHttpCertificateAuthority client(String url) {
    return new FulcioHttpCertificateAuthority(url, Duration.ofSeconds(10), "jcosign/test", null, Duration.ofMillis(10));
  }

  static String embedded(String... pems) {
    return "{\"signedCertificateEmbeddedSct\":{\"chain\":{\"certificates\":" + Json.writeString(Json.mapper().valueToTree(pems)) + "}}}";
  }

  @Test
  void requestShape_tokenInHeaderAndBody() throws Exception {
    String url = serve(200, embedded(PEM, PEM));
    PublicKey key = KeyGeneration.p256().getPublic();
    List<String> chain = client(url).signingCertificate("tok.en.x", key, new byte[] {1, 2, 3});
    assertEquals(2, chain.size());
    String req = requests.get(0);
    assertTrue(req.startsWith("POST /api/v2/signingCert Bearer tok.en.x application/json {"), req);
    JsonNode body = Json.parse(req.substring(req.indexOf('{')).getBytes(StandardCharsets.UTF_8), "body");
    assertEquals("tok.en.x", body.path("credentials").path("oidcIdentityToken").asText());
    assertEquals("ECDSA", body.path("publicKeyRequest").path("publicKey").path("algorithm").asText());
    assertTrue(body.path("publicKeyRequest").path("publicKey").path("content").asText().startsWith("-----BEGIN PUBLIC KEY-----\n"));
    assertEquals("AQID", body.path("publicKeyRequest").path("proofOfPossession").asText());
  }

  @Test
  void created201AndDetachedSct_accepted() throws Exception {
    String url = serve(201, "{\"signedCertificateDetachedSct\":{\"chain\":{\"certificates\":[\"" + PEM.replace("\n", "\\n")
        + "\"]},\"signedCertificateTimestamp\":\"AAAA\"}}");
    assertEquals(1, client(url).signingCertificate("t", KeyGeneration.p256().getPublic(), new byte[1]).size());
  }

  @Test
  void clientErrors_oneLineWithFulciosMessage_noRetry_noToken() throws Exception {
    String url = serve(401, "{\"code\":16,\"message\":\"There was an error processing the identity token\"}");
    CertificateAuthorityException e = assertThrows(CertificateAuthorityException.class,
        () -> client(url).signingCertificate("secret.token.value", KeyGeneration.p256().getPublic(), new byte[1]));
    assertEquals("Fulcio at " + url + " returned 401: There was an error processing the identity token", e.getMessage());
    assertFalse(e.getMessage().contains("secret.token.value"));
    assertEquals(1, requests.size());
  }

  @Test
  void serverErrorsAndThrottling_retriedOnce() throws Exception {
    String url = serve(503, "unavailable", 200, embedded(PEM));
    assertEquals(1, client(url).signingCertificate("t", KeyGeneration.p256().getPublic(), new byte[1]).size());
    assertEquals(2, requests.size());
    stop();
    requests.clear();
    String url2 = serve(429, "slow down");
    CertificateAuthorityException e = assertThrows(CertificateAuthorityException.class,
        () -> client(url2).signingCertificate("t", KeyGeneration.p256().getPublic(), new byte[1]));
    assertEquals("Fulcio at " + url2 + " returned 429: slow down", e.getMessage());
    assertEquals(2, requests.size());
  }

  @Test
  void malformedAnswers() throws Exception {
    String url = serve(200, "{\"signedCertificateEmbeddedSct\":{\"chain\":{\"certificates\":[\"not pem\"]}}}", 200, "{}",
        200, "<html>");
    FulcioHttpCertificateAuthority c = client(url);
    PublicKey k = KeyGeneration.p256().getPublic();
    assertTrue(assertThrows(CertificateAuthorityException.class, () -> c.signingCertificate("t", k, new byte[1]))
        .getMessage().contains("not PEM"));
    assertTrue(assertThrows(CertificateAuthorityException.class, () -> c.signingCertificate("t", k, new byte[1]))
        .getMessage().contains("no certificate chain"));
    assertTrue(assertThrows(CertificateAuthorityException.class, () -> c.signingCertificate("t", k, new byte[1]))
        .getMessage().contains("not JSON"));
  }

  @Test
  void oversizedAnswer_refused() throws Exception {
    String url = serve(200, "x".repeat((int) FulcioHttpCertificateAuthority.MAX_RESPONSE_BYTES + 10));
    assertTrue(assertThrows(CertificateAuthorityException.class,
        () -> client(url).signingCertificate("t", KeyGeneration.p256().getPublic(), new byte[1])).getMessage().contains("exceeds"));
  }
}
