package dev.jcosign.adapters.tsa;

import dev.jcosign.core.error.TimestampException;
import dev.jcosign.core.spi.TimestampAuthority;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * RFC 3161 over HTTP (spec §6.4): POST the DER request as {@code application/timestamp-query} to the
 * {@code --timestamp-server-url} exactly as given (the URL includes the path, e.g.
 * {@code /api/v1/timestamp}). Transport only; one-line {@link TimestampException}s, responses capped,
 * connect and request bounded by {@code -t/--timeout}.
 */
public final class HttpTimestampAuthority implements TimestampAuthority {
  /** A TimeStampResp with its certificate chain is a few KiB. */
  public static final long DEFAULT_MAX_RESPONSE_BYTES = 1L << 20;

  private final URI url;
  private final Duration timeout;
  private final long maxResponseBytes;
  private final String userAgent;
  private final Consumer<String> debug;
  private final HttpClient client;

  public HttpTimestampAuthority(String url, Duration timeout, long maxResponseBytes, String userAgent, Consumer<String> debug) {
    URI u;
    try {
      u = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new TimestampException("invalid --timestamp-server-url \"" + url + "\": " + e.getMessage(), e);
    }
    if (u.getHost() == null || !("https".equals(u.getScheme()) || "http".equals(u.getScheme()))) {
      throw new TimestampException("invalid --timestamp-server-url \"" + url + "\": expected http(s)://host[:port]/path");
    }
    this.url = u;
    this.timeout = timeout;
    this.maxResponseBytes = maxResponseBytes;
    this.userAgent = userAgent;
    this.debug = debug;
    Duration connect = timeout.compareTo(Duration.ofSeconds(30)) < 0 ? timeout : Duration.ofSeconds(30);
    this.client = HttpClient.newBuilder().connectTimeout(connect).followRedirects(HttpClient.Redirect.NORMAL).build();
  }

  @Override
  public String url() {
    return url.toString();
  }

  @Override
  public byte[] timestamp(byte[] timeStampRequestDer) {
    HttpRequest req = HttpRequest.newBuilder(url).timeout(timeout)
        .header("Content-Type", "application/timestamp-query")
        .header("Accept", "application/timestamp-reply")
        .header("User-Agent", userAgent)
        .POST(HttpRequest.BodyPublishers.ofByteArray(timeStampRequestDer))
        .build();
    String where = "timestamp authority at " + url;
    HttpResponse<InputStream> resp;
    byte[] body;
    try {
      resp = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = resp.body()) {
        body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxResponseBytes + 1));
      }
    } catch (HttpConnectTimeoutException e) {
      throw new TimestampException("cannot reach " + where + ": connection timed out", e);
    } catch (HttpTimeoutException e) {
      throw new TimestampException(where + " did not answer within " + shown(timeout) + " (-t/--timeout)", e);
    } catch (IOException e) {
      throw new TimestampException("cannot reach " + where + ": " + reason(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TimestampException("interrupted while talking to " + where, e);
    }
    if (debug != null) {
      debug.accept("POST " + url + " -> " + resp.statusCode() + " (" + body.length + " bytes)");
    }
    if (body.length > maxResponseBytes) {
      throw new TimestampException(where + ": response exceeds " + maxResponseBytes + " bytes");
    }
    if (resp.statusCode() / 100 != 2) {
      throw new TimestampException(where + " answered HTTP " + resp.statusCode() + snippet(body));
    }
    return body;
  }

  private static String snippet(byte[] body) {
    String s = new String(body, 0, Math.min(body.length, 200), java.nio.charset.StandardCharsets.UTF_8)
        .replaceAll("\\s+", " ").trim();
    return s.isEmpty() || !s.chars().allMatch(c -> c >= 0x20 && c < 0x7f) ? "" : ": " + s;
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
}
