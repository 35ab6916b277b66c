package dev.jcosign.core.keyless;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.json.Json;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * An OIDC ID token (compact JWS) and the claims keyless signing reads from it without verifying it:
 * Fulcio verifies it (keyless spec §1.2 step 4). {@link #toString()} never shows the token, and no error
 * message quotes it.
 */
public final class IdentityToken {
  private final String raw;
  private final JsonNode claims;

  private IdentityToken(String raw, JsonNode claims) {
    this.raw = raw;
    this.claims = claims;
  }

  /** True when {@code s} has the shape of a compact JWS (three base64url parts, a JSON header). */
  public static boolean looksLikeJwt(String s) {
    String[] parts = s.strip().split("\\.", -1);
    if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
      return false;
    }
    try {
      return Json.parse(Base64.getUrlDecoder().decode(pad(parts[0])), "token header").isObject();
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Parses the token; {@code where} says where it came from (never the token itself). */
  public static IdentityToken parse(String token, String where) {
    String t = token.strip();
    String[] parts = t.split("\\.", -1);
    if (parts.length != 3) {
      throw new InvalidInputException("the identity token from " + where + " is not a JWT (expected three dot-separated parts)");
    }
    JsonNode payload;
    try {
      payload = Json.parse(Base64.getUrlDecoder().decode(pad(parts[1])), "identity token");
    } catch (RuntimeException e) {
      throw new InvalidInputException("the identity token from " + where + " has an unreadable payload");
    }
    if (!payload.isObject()) {
      throw new InvalidInputException("the identity token from " + where + " has no claims object");
    }
    IdentityToken it = new IdentityToken(t, payload);
    it.expiresAt().filter(e -> e.isBefore(Instant.now())).ifPresent(e -> {
      throw new InvalidInputException("the identity token from " + where + " expired at " + e + "; get a fresh one");
    });
    return it;
  }

  /** The token, for the Fulcio request only. */
  public String raw() {
    return raw;
  }

  public Optional<String> issuer() {
    return text("iss");
  }

  public Optional<Instant> expiresAt() {
    JsonNode exp = claims.path("exp");
    return exp.isNumber() ? Optional.of(Instant.ofEpochSecond(exp.asLong())) : Optional.empty();
  }

  /**
   * The subject Fulcio binds the certificate to, and what the proof of possession signs: the
   * {@code email} claim when present (then {@code email_verified} must be true), else {@code sub}.
   */
  public String subject() {
    Optional<String> email = text("email");
    if (email.isPresent()) {
      JsonNode v = claims.path("email_verified");
      boolean verified = v.isBoolean() ? v.asBoolean() : "true".equalsIgnoreCase(v.asText(""));
      if (!verified) {
        throw new InvalidInputException("the identity token's email " + email.get() + " is not verified by identity provider");
      }
      return email.get();
    }
    return text("sub").orElseThrow(() -> new InvalidInputException("the identity token has no subject: no subject found in claims"));
  }

  private Optional<String> text(String claim) {
    JsonNode n = claims.path(claim);
    return n.isTextual() && !n.asText().isEmpty() ? Optional.of(n.asText()) : Optional.empty();
  }

  private static String pad(String b64url) {
    return b64url + "===".substring(0, (4 - b64url.length() % 4) % 4);
  }

  @Override
  public String toString() {
    return "IdentityToken[redacted]";
  }
}
