package dev.jcosign.testkit;

import com.sun.net.httpserver.Headers;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Server-side check of an AWS Signature Version 4 {@code Authorization} header, as AWS services
 * do it: recompute the canonical request from the headers the client says it signed and compare.
 * Returns the AWS error code the service would answer with, or {@code null} when the request is good.
 */
final class AwsSigV4 {
  private static final Pattern AUTH = Pattern.compile(
      "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})");

  private AwsSigV4() {}

  /** Checks the request; {@code secrets} maps access key ids to secret keys. */
  static String check(String method, String path, Headers h, byte[] body, Map<String, String> secrets, String service) {
    String auth = h.getFirst("Authorization");
    if (auth == null) {
      return "MissingAuthenticationTokenException";
    }
    Matcher m = AUTH.matcher(auth);
    if (!m.matches() || !service.equals(m.group(4))) {
      return "IncompleteSignatureException";
    }
    String secret = secrets.get(m.group(1));
    if (secret == null) {
      return "UnrecognizedClientException";
    }
    StringBuilder canonical = new StringBuilder(method).append('\n').append(path).append("\n\n");
    String[] signed = m.group(5).split(";");
    for (String name : signed) {
      String v = h.getFirst(name);
      if (v == null) {
        return "IncompleteSignatureException";
      }
      canonical.append(name.toLowerCase(Locale.ROOT)).append(':').append(v.strip().replaceAll("\\s+", " ")).append('\n');
    }
    canonical.append('\n').append(m.group(5)).append('\n').append(hex(sha256(body)));
    String date = h.getFirst("X-Amz-Date");
    if (date == null || !date.startsWith(m.group(2))) {
      return "IncompleteSignatureException";
    }
    String scope = m.group(2) + "/" + m.group(3) + "/" + service + "/aws4_request";
    String toSign = "AWS4-HMAC-SHA256\n" + date + "\n" + scope + "\n" + hex(sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    byte[] k = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), m.group(2));
    k = hmac(k, m.group(3));
    k = hmac(k, service);
    k = hmac(k, "aws4_request");
    String expected = hex(hmac(k, toSign));
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), m.group(6).getBytes(StandardCharsets.US_ASCII))
        ? null : "InvalidSignatureException";
  }

  /** The access key id of a request (after {@link #check} passed). */
  static String accessKeyId(Headers h) {
    Matcher m = AUTH.matcher(h.getFirst("Authorization"));
    return m.matches() ? m.group(1) : "";
  }

  static byte[] sha256(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(b);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(Arrays.copyOf(b, b.length));
  }
}
