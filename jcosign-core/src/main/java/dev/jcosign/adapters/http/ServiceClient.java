package dev.jcosign.adapters.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * HTTP plumbing shared by the Sigstore service clients (Rekor, the timestamp authority): URL checks,
 * a bounded read of every response, one-line errors of the caller's exception type, {@code -t}
 * timeouts, and stopping the client's selector thread at the end (see {@link HttpClients}).
 */
public final class ServiceClient implements AutoCloseable {
  private final URI base;
  private final String what;
  private final Duration timeout;
  private final long maxResponseBytes;
  private final String userAgent;
  private final Consumer<String> debug;
  private final BiFunction<String, Throwable, RuntimeException> errors;
  private final HttpClient client;

  /** One finished exchange: status, headers, body read up to the cap. */
  public record Exchange(String method, String url, int status, HttpResponse<?> response, byte[] body) {
    public Optional<String> header(String name) {
      return response.headers().firstValue(name);
    }
  }

  /**
   * @param url the service URL a flag gave ({@code flag} names it in errors)
   * @param what how errors name the service, e.g. {@code transparency log}
   * @param errors makes the caller's exception type from a message and a cause
   */
  public ServiceClient(String url, String flag, String what, Duration timeout, long maxResponseBytes, String userAgent,
      Consumer<String> debug, BiFunction<String, Throwable, RuntimeException> errors) {
    URI u;
    try {
      u = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    } catch (IllegalArgumentException e) {
      throw errors.apply("invalid " + flag + " \"" + url + "\": " + e.getMessage(), e);
    }
    if (u.getHost() == null || !("https".equals(u.getScheme()) || "http".equals(u.getScheme()))) {
      throw errors.apply("invalid " + flag + " \"" + url + "\": expected http(s)://host[:port][/path]", null);
    }
    this.base = u;
    this.what = what;
    this.timeout = timeout;
    this.maxResponseBytes = maxResponseBytes;
    this.userAgent = userAgent;
    this.debug = debug;
    this.errors = errors;
    Duration connect = timeout.compareTo(Duration.ofSeconds(30)) < 0 ? timeout : Duration.ofSeconds(30);
    // JSSE is set up at the first https connection, not here (DeferredSslContext says why); empty
    // parameters keep the JDK's defaults, and the client still adds host name checking itself
    this.client = HttpClient.newBuilder().connectTimeout(connect).followRedirects(HttpClient.Redirect.NORMAL)
        .sslContext(DeferredSslContext.jdkDefault()).sslParameters(new javax.net.ssl.SSLParameters()).build();
  }

  public URI base() {
    return base;
  }

  /** A request to {@code base + path} with our timeout and User-Agent; the caller sets method and headers. */
  public HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout).header("User-Agent", userAgent);
  }

  /** Statuses worth asking again, as go-containerregistry's retry transport does (issue 11). */
  private static final java.util.Set<Integer> RETRY_STATUSES = java.util.Set.of(408, 429, 500, 502, 503, 504);
  static final int MAX_ATTEMPTS = 3;
  /** The longest {@code Retry-After} honoured; a server asking for more gets its answer reported instead. */
  static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(5);

  /**
   * Sends {@code req}; an idempotent request (GET, HEAD) is sent again, up to {@link #MAX_ATTEMPTS} times in
   * all, after a 408/429/5xx answer or a connection reset, waiting with backoff or the server's bounded
   * {@code Retry-After}, and never past the {@code -t} deadline of the whole call. Other methods (Rekor's
   * and Fulcio's POSTs) are sent once: a retried POST could create a second log entry or certificate.
   */
  public Exchange send(HttpRequest req) {
    boolean idempotent = "GET".equals(req.method()) || "HEAD".equals(req.method());
    long deadline = System.nanoTime() + timeout.toNanos();
    for (int attempt = 1; ; attempt++) {
      boolean last = !idempotent || attempt >= MAX_ATTEMPTS;
      Exchange x;
      try {
        x = sendOnce(req, deadline);
      } catch (RuntimeException e) {
        if (last || !reset(e.getCause()) || !pause(Duration.ofMillis(backoffMillis(attempt)), deadline)) {
          throw e;
        }
        continue;
      }
      if (last || !RETRY_STATUSES.contains(x.status())) {
        return x;
      }
      Duration wait = retryAfter(x).orElse(Duration.ofMillis(backoffMillis(attempt)));
      if (wait.compareTo(MAX_RETRY_AFTER) > 0 || !pause(wait, deadline)) {
        return x; // the caller reports the status; we do not wait longer than the user allowed
      }
      if (debug != null) {
        debug.accept(req.method() + " " + req.uri() + " -> " + x.status() + ", retrying in " + wait.toMillis() + "ms");
      }
    }
  }

  /**
   * A connection the server reset or closed before answering in full: worth one more try. Refused
   * connections, unknown hosts, TLS failures and timeouts are not: asking again would fail the same way.
   */
  static boolean reset(Throwable cause) {
    if (!(cause instanceof IOException) || cause instanceof HttpTimeoutException || cause instanceof BodyDeadline.Expired
        || cause instanceof java.net.ConnectException || cause instanceof javax.net.ssl.SSLException
        || cause instanceof java.net.UnknownHostException) {
      return false;
    }
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof java.net.ConnectException || t instanceof java.nio.channels.UnresolvedAddressException
          || t instanceof javax.net.ssl.SSLException) {
        return false;
      }
    }
    return true;
  }

  /** 100 ms, 200 ms, ... with up to 50 % jitter, so clients refused together do not return together. */
  static long backoffMillis(int attempt) {
    long base = 100L << Math.min(attempt - 1, 6);
    return base + java.util.concurrent.ThreadLocalRandom.current().nextLong(base / 2 + 1);
  }

  static Optional<Duration> retryAfter(Exchange x) {
    return x.header("Retry-After").flatMap(RetryAfter::parse);
  }

  /** Sleeps for {@code wait} unless that would pass {@code deadline}; false when it would. */
  private static boolean pause(Duration wait, long deadline) {
    if (System.nanoTime() + wait.toNanos() >= deadline) {
      return false;
    }
    try {
      Thread.sleep(wait.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private Exchange sendOnce(HttpRequest req, long deadline) {
    String url = req.uri().toString();
    String where = what + " at " + base; // the URL the user gave (with its path for the TSA)
    HttpResponse<InputStream> resp;
    byte[] body;
    try {
      resp = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = resp.body()) {
        body = BodyDeadline.read(in, deadline, () -> in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxResponseBytes + 1)));
      }
    } catch (BodyDeadline.Expired e) {
      throw errors.apply(where + " sent the response headers but not the whole body within " + shown(timeout) + " (-t/--timeout)", e);
    } catch (HttpConnectTimeoutException e) {
      throw errors.apply("cannot reach " + where + ": connection timed out", e);
    } catch (HttpTimeoutException e) {
      throw errors.apply(where + " did not answer within " + shown(timeout) + " (-t/--timeout)", e);
    } catch (IOException e) {
      throw errors.apply("cannot reach " + where + ": " + reason(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw errors.apply("interrupted while talking to " + where, e);
    }
    if (body.length > maxResponseBytes) {
      throw errors.apply(where + ": response to " + req.method() + " " + req.uri().getRawPath()
          + " exceeds " + maxResponseBytes + " bytes", null);
    }
    if (debug != null) {
      debug.accept(req.method() + " " + url + " -> " + resp.statusCode() + " (" + body.length + " bytes)");
    }
    return new Exchange(req.method(), url, resp.statusCode(), resp, body);
  }

  @Override
  public void close() {
    HttpClients.stop(client);
  }

  /** A duration as the -t flag shows it: whole seconds as {@code 3s}, else milliseconds. */
  public static String shown(Duration d) {
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
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.ConnectException) {
        return "connection refused"; // java.net.http's, with no message anywhere in the chain
      }
    }
    return e.getClass().getSimpleName();
  }
}
