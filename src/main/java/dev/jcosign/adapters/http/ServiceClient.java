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
    this.client = HttpClient.newBuilder().connectTimeout(connect).followRedirects(HttpClient.Redirect.NORMAL).build();
  }

  public URI base() {
    return base;
  }

  /** A request to {@code base + path} with our timeout and User-Agent; the caller sets method and headers. */
  public HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout).header("User-Agent", userAgent);
  }

  public Exchange send(HttpRequest req) {
    String url = req.uri().toString();
    String where = what + " at " + base; // the URL the user gave (with its path for the TSA)
    HttpResponse<InputStream> resp;
    byte[] body;
    long deadline = System.nanoTime() + timeout.toNanos(); // the whole exchange, body included (issue 11)
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
