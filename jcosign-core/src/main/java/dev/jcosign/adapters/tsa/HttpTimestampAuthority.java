package dev.jcosign.adapters.tsa;

import dev.jcosign.adapters.http.ServiceClient;
import dev.jcosign.core.error.TimestampException;
import dev.jcosign.core.spi.TimestampAuthority;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * RFC 3161 over HTTP (spec §6.4): POST the DER request as {@code application/timestamp-query} to the
 * {@code --timestamp-server-url} exactly as given (the URL includes the path, e.g.
 * {@code /api/v1/timestamp}). Transport only; one-line {@link TimestampException}s, responses capped,
 * connect and request bounded by {@code -t/--timeout}.
 */
public final class HttpTimestampAuthority implements TimestampAuthority, AutoCloseable {
  /** A TimeStampResp with a certificate chain is a few KB; 1 MiB leaves ample room. */
  public static final long DEFAULT_MAX_RESPONSE_BYTES = 1L << 20;

  private final ServiceClient service;

  public HttpTimestampAuthority(String url, Duration timeout, long maxResponseBytes, String userAgent, Consumer<String> debug) {
    this.service = new ServiceClient(url, "--timestamp-server-url", "timestamp authority", timeout, maxResponseBytes,
        userAgent, debug, TimestampException::new);
  }

  @Override
  public String url() {
    return service.base().toString();
  }

  @Override
  public byte[] timestamp(byte[] timeStampRequestDer) {
    // the URL is the whole endpoint (spec §6.4), so the request goes to the base itself
    ServiceClient.Exchange r = service.send(service.request("")
        .header("Content-Type", "application/timestamp-query")
        .header("Accept", "application/timestamp-reply")
        .POST(HttpRequest.BodyPublishers.ofByteArray(timeStampRequestDer))
        .build());
    if (r.status() / 100 != 2) {
      throw new TimestampException("timestamp authority at " + url() + " answered HTTP " + r.status() + snippet(r.body()));
    }
    return r.body();
  }

  @Override
  public void close() {
    service.close();
  }

  private static String snippet(byte[] body) {
    String s = new String(body, 0, Math.min(body.length, 200), java.nio.charset.StandardCharsets.UTF_8)
        .replaceAll("\\s+", " ").trim();
    return s.isEmpty() || !s.chars().allMatch(c -> c >= 0x20 && c < 0x7f) ? "" : ": " + s;
  }
}
