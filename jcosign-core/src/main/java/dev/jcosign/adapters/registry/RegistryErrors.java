package dev.jcosign.adapters.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcosign.core.error.RegistryException;
import dev.jcosign.core.json.Json;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Turns HTTP failures into one-line {@link RegistryException}s such as
 * {@code GET http://127.0.0.1:5000/v2/x/manifests/v1: 401 UNAUTHORIZED: authentication required}
 * (style R5). URLs are redacted: query values other than harmless ones become {@code REDACTED}, so
 * upload session state ({@code _state=...}) and anything token-like never reach the user.
 */
final class RegistryErrors {
  private static final Set<String> SAFE_QUERY_KEYS = Set.of("digest", "mount", "from", "n", "last", "service", "scope", "artifactType");

  private RegistryErrors() {}

  /** The URL as it may be printed. */
  static String redact(URI uri) {
    String q = uri.getRawQuery();
    String base = uri.getScheme() + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath());
    if (q == null || q.isEmpty()) {
      return base;
    }
    List<String> parts = new ArrayList<>();
    for (String kv : q.split("&")) {
      int eq = kv.indexOf('=');
      String k = eq < 0 ? kv : kv.substring(0, eq);
      parts.add(SAFE_QUERY_KEYS.contains(k) ? kv : k + "=REDACTED");
    }
    return base + "?" + String.join("&", parts);
  }

  /** {@code <METHOD> <url>: <status> <CODE>: <message>[; <CODE>: <message>]} from a distribution error body. */
  static RegistryException fromResponse(String method, URI uri, int status, byte[] body) {
    String prefix = method + " " + redact(uri) + ": " + status;
    List<String> details = new ArrayList<>();
    String firstCode = null;
    JsonNode errors = parseErrors(body);
    if (errors != null) {
      for (JsonNode e : errors) {
        String code = e.path("code").asText("");
        String msg = e.path("message").asText("");
        if (firstCode == null && !code.isEmpty()) {
          firstCode = code;
        }
        details.add(code.isEmpty() ? msg : msg.isEmpty() ? code : code + ": " + msg);
      }
    }
    String text;
    if (!details.isEmpty()) {
      text = prefix + " " + String.join("; ", details);
    } else {
      String reason = reasonPhrase(status);
      String bodyLine = firstLine(new String(body, StandardCharsets.UTF_8));
      text = prefix + (reason.isEmpty() ? "" : " " + reason) + (bodyLine.isEmpty() || bodyLine.equalsIgnoreCase(reason) ? "" : ": " + bodyLine);
    }
    return new RegistryException(oneLine(text), status, firstCode);
  }

  private static JsonNode parseErrors(byte[] body) {
    if (body.length == 0 || body[0] != '{') {
      return null;
    }
    try {
      JsonNode n = Json.parse(body, "registry error");
      JsonNode e = n.get("errors");
      return e != null && e.isArray() && e.size() > 0 ? e : null;
    } catch (RuntimeException e) {
      return null; // not the distribution error format: fall back to the raw text
    }
  }

  /** A transport failure (no HTTP response), e.g. {@code connecting to 127.0.0.1:1: connection refused}. */
  static RegistryException fromIo(String method, URI uri, Exception e) {
    String hostPort = uri.getHost() + ":" + port(uri);
    Throwable root = rootCause(e);
    String msg;
    if (e instanceof HttpConnectTimeoutException) {
      msg = "connecting to " + hostPort + ": timed out";
    } else if (e instanceof HttpTimeoutException) {
      msg = method + " " + redact(uri) + ": timed out waiting for a response";
    } else if (hasCause(e, UnknownHostException.class) || hasCause(e, java.nio.channels.UnresolvedAddressException.class)) {
      // java.net.http wraps an unresolvable name in a ConnectException: it is not a refusal (issue 11)
      msg = "connecting to " + hostPort + ": no such host (" + uri.getHost() + " does not resolve)";
    } else if (hasCause(e, ConnectException.class)) {
      msg = "connecting to " + hostPort + ": connection refused";
    } else if (hasCause(e, SSLHandshakeException.class) && certificateProblem(e)) {
      msg = "tls handshake with " + hostPort + ": " + certificateMessage(e)
          + " (trust it with --registry-cacert, or skip verification with --allow-insecure-registry)";
    } else if (hasCause(e, SSLException.class)) {
      String m = lower(root.getMessage());
      boolean wantsClientCert = m.contains("bad_certificate") || m.contains("certificate_required");
      msg = "tls handshake with " + hostPort + ": " + m
          + (wantsClientCert ? " (the registry may require a client certificate: --registry-client-cert, --registry-client-key)" : "");
    } else if (closedByPeer(e)) {
      msg = method + " " + redact(uri) + ": connection closed by the server before a complete response";
    } else {
      String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
      msg = method + " " + redact(uri) + ": " + lower(m);
    }
    return new RegistryException(oneLine(msg), 0, null, e);
  }

  private static boolean closedByPeer(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(java.util.Locale.ROOT);
      if (t instanceof java.io.EOFException || m.contains("received no bytes") || m.contains("connection reset")
          || m.contains("closed") || m.contains("eof reached")) {
        return true;
      }
    }
    return false;
  }

  private static boolean certificateProblem(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.security.cert.CertificateException || t instanceof java.security.cert.CertPathValidatorException
          || (t.getMessage() != null && t.getMessage().contains("PKIX"))) {
        return true;
      }
    }
    return false;
  }

  private static String certificateMessage(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = t.getMessage();
      if (m != null && (m.contains("PKIX path") || m.contains("unable to find valid certification path"))) {
        return "certificate signed by unknown authority";
      }
      if (t instanceof java.security.cert.CertificateException && m != null && m.contains("No subject alternative")) {
        return "certificate is not valid for " + m.replaceAll(".*(matching|names matching) ", "").trim();
      }
    }
    Throwable r = rootCause(e);
    return lower(r.getMessage() == null ? "certificate rejected" : r.getMessage());
  }

  static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static Throwable rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  static int port(URI uri) {
    if (uri.getPort() > 0) {
      return uri.getPort();
    }
    return "http".equals(uri.getScheme()) ? 80 : 443;
  }

  /** Lower-cases the first letter of a sentence, not of an acronym ("HTTP/1.1 ..." stays). */
  private static String lower(String s) {
    if (s == null || s.isEmpty()) {
      return "failed";
    }
    if (s.length() > 1 && Character.isUpperCase(s.charAt(1))) {
      return s;
    }
    return Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }

  static String firstLine(String s) {
    String line = s.strip().lines().findFirst().orElse("").strip();
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }

  static String oneLine(String s) {
    return s.replaceAll("\\s*\\R\\s*", " ").strip();
  }

  static String reasonPhrase(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 409 -> "Conflict";
      case 413 -> "Payload Too Large";
      case 415 -> "Unsupported Media Type";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> "";
    };
  }
}
