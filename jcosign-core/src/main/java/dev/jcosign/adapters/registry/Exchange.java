package dev.jcosign.adapters.registry;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request the registry client makes, and the bounded response it got. Bodies are fully
 * read into memory, never past {@code maxBody} (everything read is capped, spec §1.3).
 */
final class Exchange {
  private Exchange() {}

  /**
   * @param what names the body in size errors ("manifest", "blob", "token response")
   * @param idempotent safe to repeat after 429/5xx or a dropped connection
   * @param followRedirects follow 3xx (blob downloads from CDNs); Authorization is dropped across hosts
   */
  record Request(
      String method,
      URI uri,
      Map<String, String> headers,
      byte[] body,
      Scope scope,
      boolean idempotent,
      boolean followRedirects,
      long maxBody,
      String what) {

    Request {
      headers = Map.copyOf(headers);
    }

    static Request get(URI uri, Scope scope, long maxBody, String what) {
      return new Request("GET", uri, Map.of(), null, scope, true, false, maxBody, what);
    }

    Request withMethod(String m) {
      return new Request(m, uri, headers, body, scope, idempotent, followRedirects, maxBody, what);
    }

    Request withHeader(String name, String value) {
      Map<String, String> h = new LinkedHashMap<>(headers);
      h.put(name, value);
      return new Request(method, uri, h, body, scope, idempotent, followRedirects, maxBody, what);
    }

    Request withBody(byte[] b) {
      return new Request(method, uri, headers, b, scope, idempotent, followRedirects, maxBody, what);
    }

    Request idempotent(boolean v) {
      return new Request(method, uri, headers, body, scope, v, followRedirects, maxBody, what);
    }

    Request followingRedirects() {
      return new Request(method, uri, headers, body, scope, idempotent, true, maxBody, what);
    }
  }

  /** Status, headers and (capped) body; {@code uri} is where the response came from after redirects. */
  record Response(int status, HttpHeaders headers, byte[] body, URI uri) {
    boolean ok() {
      return status >= 200 && status < 300;
    }

    Optional<String> header(String name) {
      return headers.firstValue(name);
    }

    /** Media type from Content-Type without parameters such as {@code charset}. */
    Optional<String> mediaType() {
      return header("Content-Type").map(v -> {
        int semi = v.indexOf(';');
        return (semi < 0 ? v : v.substring(0, semi)).trim();
      }).filter(v -> !v.isEmpty());
    }
  }
}
