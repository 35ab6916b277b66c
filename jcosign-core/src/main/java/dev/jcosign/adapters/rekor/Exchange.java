package dev.jcosign.adapters.rekor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcosign.core.error.TransparencyLogException;
import dev.jcosign.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/** One finished HTTP exchange with the log: status, headers, body read up to a cap (spec §6.3). */
record Exchange(String method, String url, int status, HttpResponse<?> response, byte[] body) {




  Optional<String> header(String name) {
    return response.headers().firstValue(name);
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  /**
   * A non-success answer as one line: what failed, the status, and Rekor's {@code {"code","message"}}
   * (or the start of a non-JSON body).
   */
  TransparencyLogException failure(String what) {
    String detail;
    try {
      JsonNode n = Json.parse(body, "error");
      detail = n.path("message").asText("");
    } catch (RuntimeException e) {
      detail = "";
    }
    if (detail.isEmpty()) {
      detail = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8).strip();
    }
    detail = detail.replaceAll("\\s+", " ");
    return new TransparencyLogException("transparency log " + what + " failed: " + method + " " + url + ": HTTP " + status
        + (detail.isEmpty() ? "" : ": " + detail));
  }
}
