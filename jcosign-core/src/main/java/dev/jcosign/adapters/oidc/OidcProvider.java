package dev.jcosign.adapters.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcosign.adapters.http.ServiceClient;
import dev.jcosign.core.error.CertificateAuthorityException;
import dev.jcosign.core.json.Json;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * An OIDC provider as the interactive flows use it (keyless spec §1.2 step 3): discovery, form posts
 * to its endpoints, and verification of the ID tokens it returns against its JWKS (RS256, ES256, ES384;
 * issuer, audience = client ID, expiry, nonce). Tokens never appear in errors or debug lines.
 */
final class OidcProvider implements AutoCloseable {
  private static final long MAX_RESPONSE_BYTES = 1L << 20;
  final String issuer;
  final String clientId;
  final JsonNode discovery;
  private final Map<String, ServiceClient> clients = new java.util.HashMap<>();
  private final Duration timeout;
  private final String userAgent;
  private final Consumer<String> debug;

  OidcProvider(String issuer, String clientId, Duration timeout, String userAgent, Consumer<String> debug) {
    this.issuer = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    this.clientId = clientId;
    this.timeout = timeout;
    this.userAgent = userAgent;
    this.debug = debug;
    this.discovery = getJson(this.issuer + "/.well-known/openid-configuration", "OIDC discovery");
  }

  /** A discovery field that must be there, e.g. {@code token_endpoint}. */
  String endpoint(String field) {
    String v = discovery.path(field).asText("");
    if (v.isEmpty()) {
      throw new CertificateAuthorityException("the OIDC provider " + issuer + " has no " + field + " in its discovery document");
    }
    return v;
  }

  boolean supportsS256() {
    for (JsonNode m : discovery.path("code_challenge_methods_supported")) {
      if ("S256".equals(m.asText())) {
        return true;
      }
    }
    return false;
  }

  JsonNode getJson(String url, String what) {
    ServiceClient http = client(url);
    ServiceClient.Exchange r = http.send(http.request(pathOf(url)).header("Accept", "application/json").GET().build());
    if (r.status() != 200) {
      throw new CertificateAuthorityException(what + " at " + url + " answered HTTP " + r.status());
    }
    return Json.parse(r.body(), what);
  }

  /** POSTs a form; returns the status and the parsed JSON body (an empty object when it is not JSON). */
  Answer postForm(String url, Map<String, String> form) {
    String body = form.entrySet().stream()
        .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
    ServiceClient http = client(url);
    ServiceClient.Exchange r = http.send(http.request(pathOf(url)).header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    JsonNode json;
    try {
      json = Json.parse(r.body(), "OIDC answer");
    } catch (RuntimeException e) {
      json = Json.object();
    }
    return new Answer(r.status(), json, new String(r.body(), 0, Math.min(r.body().length, 300), StandardCharsets.UTF_8));
  }

  record Answer(int status, JsonNode json, String text) {}

  /**
   * Verifies an ID token as sigstore's flows do: signature by a key of the provider's JWKS, issuer,
   * audience = our client ID, not expired, and the nonce we sent when there is one.
   */
  String verifyIdToken(String token, Optional<String> nonce) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      throw new CertificateAuthorityException("the OIDC provider returned an ID token that is not a JWT");
    }
    JsonNode header = Json.parse(b64(parts[0]), "ID token header");
    JsonNode claims = Json.parse(b64(parts[1]), "ID token claims");
    String alg = header.path("alg").asText("");
    String jdk = switch (alg) {
      case "RS256" -> "SHA256withRSA";
      case "ES256" -> "SHA256withECDSAinP1363Format";
      case "ES384" -> "SHA384withECDSAinP1363Format";
      default -> throw new CertificateAuthorityException("the ID token's algorithm " + alg + " is not supported");
    };
    byte[] signed = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
    byte[] sig = b64(parts[2]);
    boolean ok = false;
    for (PublicKey k : keys(header.path("kid").asText(""), alg)) {
      try {
        Signature s = Signature.getInstance(jdk);
        s.initVerify(k);
        s.update(signed);
        ok |= s.verify(sig);
      } catch (GeneralSecurityException e) {
        // another key may fit
      }
    }
    if (!ok) {
      throw new CertificateAuthorityException("the ID token's signature does not verify with the keys of " + issuer);
    }
    if (!issuer.equals(claims.path("iss").asText("").replaceAll("/$", ""))) {
      throw new CertificateAuthorityException("the ID token was issued by " + claims.path("iss").asText("") + ", not " + issuer);
    }
    JsonNode aud = claims.path("aud");
    boolean audOk = aud.isArray() ? contains(aud, clientId) : clientId.equals(aud.asText(""));
    if (!audOk) {
      throw new CertificateAuthorityException("the ID token is not for client " + clientId);
    }
    if (claims.path("exp").isNumber() && Instant.ofEpochSecond(claims.path("exp").asLong()).isBefore(Instant.now())) {
      throw new CertificateAuthorityException("the ID token has expired");
    }
    if (nonce.isPresent() && !nonce.get().equals(claims.path("nonce").asText(""))) {
      throw new CertificateAuthorityException("nonce does not match value sent");
    }
    return token;
  }

  private List<PublicKey> keys(String kid, String alg) {
    JsonNode jwks = getJson(endpoint("jwks_uri"), "JWKS");
    List<PublicKey> out = new ArrayList<>();
    for (JsonNode k : jwks.path("keys")) {
      if (!kid.isEmpty() && k.has("kid") && !kid.equals(k.path("kid").asText())) {
        continue;
      }
      try {
        if ("RSA".equals(k.path("kty").asText()) && alg.startsWith("RS")) {
          out.add(KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
              new BigInteger(1, b64(k.path("n").asText())), new BigInteger(1, b64(k.path("e").asText())))));
        } else if ("EC".equals(k.path("kty").asText()) && alg.startsWith("ES")) {
          String curve = switch (k.path("crv").asText()) {
            case "P-256" -> "secp256r1";
            case "P-384" -> "secp384r1";
            default -> null;
          };
          if (curve == null) {
            continue;
          }
          AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
          p.init(new ECGenParameterSpec(curve));
          ECPoint w = new ECPoint(new BigInteger(1, b64(k.path("x").asText())), new BigInteger(1, b64(k.path("y").asText())));
          out.add(KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, p.getParameterSpec(ECParameterSpec.class))));
        }
      } catch (GeneralSecurityException | IllegalArgumentException e) {
        // a key we cannot read cannot have signed it
      }
    }
    return out;
  }

  private static boolean contains(JsonNode arr, String v) {
    for (JsonNode n : arr) {
      if (v.equals(n.asText())) {
        return true;
      }
    }
    return false;
  }

  /** One client per scheme and host: discovery may point to endpoints on other hosts. */
  private ServiceClient client(String url) {
    URI u;
    try {
      u = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new CertificateAuthorityException("the OIDC provider " + issuer + " names an invalid URL: " + url);
    }
    String base = u.getScheme() + "://" + u.getRawAuthority();
    return clients.computeIfAbsent(base, b -> new ServiceClient(b, "--oidc-issuer", "OIDC provider", timeout,
        MAX_RESPONSE_BYTES, userAgent, debug, CertificateAuthorityException::new));
  }

  private static String pathOf(String url) {
    URI u = URI.create(url);
    String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
    return path + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
  }

  static byte[] b64(String s) {
    return Base64.getUrlDecoder().decode(s.replace('+', '-').replace('/', '_').replace("=", ""));
  }

  static String enc(String s) {
    return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    clients.values().forEach(ServiceClient::close);
  }
}
