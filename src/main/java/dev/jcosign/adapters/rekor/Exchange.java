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

  static Exchange run(HttpClient client, HttpRequest req, Duration timeout, long max, Consumer<String> debug) {
    String url = req.uri().toString();
    String where = "transparency log at " + req.uri().getScheme() + "://" + req.uri().getRawAuthority();
    HttpResponse<InputStream> resp;
    byte[] body;
    try {
      resp = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = resp.body()) {
        body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
      }
    } catch (HttpConnectTimeoutException e) {
      throw new TransparencyLogException("cannot reach " + where + ": connection timed out", e);
    } catch (HttpTimeoutException e) {
      throw new TransparencyLogException(where + " did not answer within " + shown(timeout) + " (-t/--timeout)", e);
    } catch (ConnectException e) {
      throw new TransparencyLogException("cannot reach " + where + ": " + reason(e), e);
    } catch (IOException e) {
      throw new TransparencyLogException("cannot reach " + where + ": " + reason(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransparencyLogException("interrupted while talking to " + where, e);
    }
    if (body.length > max) {
      throw new TransparencyLogException(where + ": response to " + req.method() + " " + req.uri().getRawPath()
          + " exceeds " + max + " bytes");
    }
    if (debug != null) {
      debug.accept(req.method() + " " + url + " -> " + resp.statusCode() + " (" + body.length + " bytes)");
    }
    return new Exchange(req.method(), url, resp.statusCode(), resp, body);
  }

  private static String shown(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }

  /** The first useful message in the cause chain (ConnectException often has none of its own). */
  private static String reason(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.nio.channels.UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
        return "unknown host";
      }
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return t.getMessage();
      }
    }
    return e.getClass().getSimpleName();
  }

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
