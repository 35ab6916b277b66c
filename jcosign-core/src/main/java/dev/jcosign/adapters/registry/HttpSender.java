package dev.jcosign.adapters.registry;

import dev.jcosign.adapters.registry.Exchange.Request;
import dev.jcosign.adapters.registry.Exchange.Response;
import dev.jcosign.core.error.RegistryException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import javax.net.ssl.SSLException;

/**
 * Sends {@link Request}s over {@code java.net.http}: User-Agent, bounded bodies, redirects for blob
 * downloads, and retries with short back-off for idempotent requests on 429/500/502/503/504 and
 * dropped connections (a small Retry-After is honoured). Non-idempotent upload steps are sent once.
 * Authentication is supplied per attempt by the caller.
 */
final class HttpSender {
  /** Largest error body read; only its first line is shown. */
  static final long MAX_ERROR_BODY = 64 * 1024;
  private static final Set<Integer> RETRY_STATUS = Set.of(429, 500, 502, 503, 504);
  private static final int MAX_REDIRECTS = 10;
  /** Bodies from this size on are streamed rather than copied up front. */
  private static final int STREAMED_BODY = 1 << 20;

  /** Gives the Authorization header for an attempt; {@code fresh} asks for new credentials after a 401. */
  interface Auth {
    String header(boolean fresh);

    /** Called with a 401 response; true when a retry with fresh credentials could help. */
    default boolean onUnauthorized(Response r) {
      return false;
    }
  }

  static final Auth NONE = fresh -> null;

  private final HttpClient client;
  private final RegistryConfig config;
  private final Sleeper sleeper;

  /** Pauses between retries; replaceable so tests need not wait. */
  interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  HttpSender(HttpClient client, RegistryConfig config, Sleeper sleeper) {
    this.client = client;
    this.config = config;
    this.sleeper = sleeper;
  }

  /**
   * Sends {@code r}, retrying as allowed, and returns the final response whatever its status. Bodies of
   * 2xx responses are read up to {@code r.maxBody()} (more is an error); other bodies are cut at
   * {@link #MAX_ERROR_BODY}.
   */
  Response send(Request r, Auth auth) {
    int maxAttempts = r.idempotent() ? config.maxAttempts() : 1;
    boolean reauthenticated = false;
    boolean fresh = false;
    int attempt = 0;
    while (true) {
      attempt++;
      String authorization = auth.header(fresh);
      fresh = false;
      Response res;
      try {
        res = exchange(r, authorization);
      } catch (RetriableIo e) {
        if (attempt < maxAttempts) {
          debug("retrying " + r.method() + " " + RegistryErrors.redact(r.uri()) + " after: " + e.failure.getMessage());
          pause(backoff(attempt));
          continue;
        }
        throw e.failure;
      }
      if (res.status() == 401 && !reauthenticated && auth.onUnauthorized(res)) {
        reauthenticated = true;
        fresh = true;
        attempt--; // a new token is not a retry
        continue;
      }
      if (RETRY_STATUS.contains(res.status()) && attempt < maxAttempts) {
        Duration wait = retryAfter(res).orElse(backoff(attempt));
        if (wait.compareTo(RegistryConfig.MAX_RETRY_DELAY) <= 0) {
          debug("retrying " + r.method() + " " + RegistryErrors.redact(r.uri()) + " after " + res.status());
          pause(wait);
          continue;
        }
      }
      return res;
    }
  }

  /** Waits as the retry loop would before attempt {@code attempt + 1}, for callers that restart a multi-step operation. */
  void pauseBeforeRetry(int attempt) {
    pause(backoff(attempt));
  }

  private Duration backoff(int attempt) {
    Duration d = config.retryBaseDelay().multipliedBy(1L << Math.min(attempt - 1, 6));
    return d.compareTo(RegistryConfig.MAX_RETRY_DELAY) > 0 ? RegistryConfig.MAX_RETRY_DELAY : d;
  }

  private void pause(Duration d) {
    try {
      sleeper.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryException("interrupted while waiting to retry a registry request", 0, null, e);
    }
  }

  /** Retry-After in seconds or as an HTTP date. */
  static java.util.Optional<Duration> retryAfter(Response r) {
    return r.header("Retry-After").flatMap(dev.jcosign.adapters.http.RetryAfter::parse);
  }

  /** One attempt, following redirects when the request allows it. */
  private Response exchange(Request r, String authorization) throws RetriableIo {
    URI uri = r.uri();
    String auth = authorization;
    // one deadline for the whole exchange: java.net.http's timeout stops at the headers (issue 11)
    long deadline = System.nanoTime() + config.requestTimeout().toNanos();
    for (int hop = 0; ; hop++) {
      HttpResponse<InputStream> resp = transmit(r, uri, auth);
      int status = resp.statusCode();
      if (r.followRedirects() && isRedirect(status) && hop < MAX_REDIRECTS) {
        String location = resp.headers().firstValue("Location").orElse(null);
        if (location != null) {
          closeQuietly(resp.body());
          URI next = uri.resolve(location);
          if (!sameOrigin(uri, next)) {
            auth = null; // never hand registry credentials to a storage backend or CDN
          }
          uri = next;
          continue;
        }
      }
      byte[] body = readBodyBefore(r, uri, resp, deadline);
      debug("<-- " + status + " " + r.method() + " " + RegistryErrors.redact(uri) + " (" + body.length + " bytes)");
      return new Response(status, resp.headers(), body, uri);
    }
  }

  private HttpResponse<InputStream> transmit(Request r, URI uri, String authorization) throws RetriableIo {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(config.requestTimeout()).header("User-Agent", config.userAgent());
    r.headers().forEach(b::header);
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    b.method(r.method(), publisher(r.body()));
    debug("--> " + r.method() + " " + RegistryErrors.redact(uri) + (authorization == null ? "" : " (authenticated)"));
    try {
      return client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      RegistryException failure = RegistryErrors.fromIo(r.method(), uri, e);
      if (retriable(e)) {
        throw new RetriableIo(failure);
      }
      throw failure;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryException(r.method() + " " + RegistryErrors.redact(uri) + ": interrupted", 0, null, e);
    }
  }

  /**
   * The request body. A large one is streamed from the array: {@code ofByteArray} copies the whole
   * body into 16 KiB buffers before sending, a second 27 MB for an attestation layer (issue 4).
   * The length is still declared, so the upload is not chunked.
   */
  private static HttpRequest.BodyPublisher publisher(byte[] body) {
    if (body == null) {
      return HttpRequest.BodyPublishers.noBody();
    }
    if (body.length < STREAMED_BODY) {
      return HttpRequest.BodyPublishers.ofByteArray(body);
    }
    return HttpRequest.BodyPublishers.fromPublisher(
        HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)), body.length);
  }

  /** Connection resets, EOFs and half-read responses are worth another try; refused/TLS/timeouts are not. */
  private static boolean retriable(IOException e) {
    return !(RegistryErrors.hasCause(e, ConnectException.class)
        || RegistryErrors.hasCause(e, UnknownHostException.class)
        || RegistryErrors.hasCause(e, SSLException.class)
        || e instanceof HttpTimeoutException);
  }

  private byte[] readBodyBefore(Request r, URI uri, HttpResponse<InputStream> resp, long deadline) throws RetriableIo {
    try {
      return dev.jcosign.adapters.http.BodyDeadline.read(resp.body(), deadline, () -> {
        try {
          return readBody(r, uri, resp);
        } catch (RetriableIo e) {
          throw new WrappedRetriable(e);
        }
      });
    } catch (WrappedRetriable e) {
      throw e.inner;
    } catch (dev.jcosign.adapters.http.BodyDeadline.Expired e) {
      throw new RegistryException(r.method() + " " + RegistryErrors.redact(uri) + ": " + uri.getHost()
          + " sent the response headers but not the whole body within " + dev.jcosign.adapters.http.ServiceClient.shown(config.requestTimeout())
          + " (-t/--timeout)", 0, "TIMEOUT", e);
    } catch (java.io.IOException e) {
      throw truncated(r.method() + " " + RegistryErrors.redact(uri), java.util.OptionalLong.empty(), e);
    }
  }

  /** Carries a retriable failure through {@link dev.jcosign.adapters.http.BodyDeadline}'s IOException-only signature. */
  private static final class WrappedRetriable extends java.io.IOException {
    private static final long serialVersionUID = 1L;
    final transient RetriableIo inner;

    WrappedRetriable(RetriableIo inner) {
      super(inner.getMessage(), null);
      this.inner = inner;
    }
  }

  private byte[] readBody(Request r, URI uri, HttpResponse<InputStream> resp) throws RetriableIo {
    boolean ok = resp.statusCode() >= 200 && resp.statusCode() < 300;
    long cap = ok ? r.maxBody() : MAX_ERROR_BODY;
    OptionalLong declared = resp.headers().firstValueAsLong("Content-Length");
    String where = r.method() + " " + RegistryErrors.redact(uri);
    if ("HEAD".equals(r.method())) {
      closeQuietly(resp.body());
      return new byte[0];
    }
    if (ok && declared.isPresent() && declared.getAsLong() > cap) {
      closeQuietly(resp.body());
      throw tooLarge(where, r.what(), Long.toString(declared.getAsLong()), cap);
    }
    if (ok && declared.isPresent() && declared.getAsLong() <= Integer.MAX_VALUE - 8) {
      return readExactly(resp, where, declared.getAsLong());
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(declared.orElse(8192), Math.min(cap, 1 << 20)));
    try (InputStream in = resp.body()) {
      byte[] buf = new byte[16384];
      long total = 0;
      int n;
      while ((n = in.read(buf)) > 0) {
        if (total + n > cap) {
          if (!ok) {
            out.write(buf, 0, (int) (cap - total));
            break; // error bodies: what we have is enough for the message
          }
          throw tooLarge(where, r.what(), "more than " + cap, cap);
        }
        out.write(buf, 0, n);
        total += n;
      }
      if (declared.isPresent() && total < declared.getAsLong() && total < cap) {
        throw new IOException("received " + total + " of " + declared.getAsLong() + " bytes");
      }
    } catch (IOException e) {
      throw truncated(where, declared, e);
    }
    return out.toByteArray();
  }

  /**
   * A 2xx body whose Content-Length is known and within the cap, read into one array of that size:
   * a 27 MB attestation layer is neither grown by doubling nor copied out (issue 4). A shorter body
   * is a truncation, as below.
   */
  private static byte[] readExactly(HttpResponse<InputStream> resp, String where, long length) throws RetriableIo {
    OptionalLong declared = OptionalLong.of(length);
    byte[] body = new byte[(int) length];
    try (InputStream in = resp.body()) {
      int total = 0;
      while (total < body.length) {
        int n = in.read(body, total, body.length - total);
        if (n < 0) {
          throw new IOException("received " + total + " of " + length + " bytes");
        }
        total += n;
      }
    } catch (IOException e) {
      throw truncated(where, declared, e);
    }
    return body;
  }

  private static RetriableIo truncated(String where, OptionalLong declared, IOException e) {
    RegistryException failure = new RegistryException(
        where + ": response body truncated" + declared.stream().mapToObj(l -> " (expected " + l + " bytes)").findFirst().orElse("")
            + ": " + RegistryErrors.oneLine(Objects.requireNonNullElse(e.getMessage(), "connection closed")),
        0, null, e);
    return new RetriableIo(failure);
  }

  private static RegistryException tooLarge(String where, String what, String size, long cap) {
    return new RegistryException(where + ": size of " + what + " (" + size + ") exceeded the limit (" + cap + ")", 0, "SIZE_LIMIT");
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private static boolean sameOrigin(URI a, URI b) {
    return Objects.equals(a.getScheme(), b.getScheme())
        && a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost())
        && RegistryErrors.port(a) == RegistryErrors.port(b);
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // nothing useful to do: the response is being discarded
    }
  }

  private void debug(String line) {
    if (config.debug() != null) {
      config.debug().accept(line);
    }
  }

  /** A transport failure that a retry may cure; carries the user-facing error. */
  private static final class RetriableIo extends Exception {
    private static final long serialVersionUID = 1L;
    final transient RegistryException failure;

    RetriableIo(RegistryException failure) {
      super(failure.getMessage(), null, false, false);
      this.failure = failure;
    }
  }
}
