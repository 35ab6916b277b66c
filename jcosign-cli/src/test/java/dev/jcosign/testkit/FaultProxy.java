package dev.jcosign.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A loopback proxy in front of a real {@code docker-registry} that spoils chosen answers (issue 11): the
 * registry's own protocol, uploads and errors stay real, and only the faults a test names are added. A
 * fault applies to requests whose method and path match, a given number of times (or forever).
 */
public final class FaultProxy implements AutoCloseable {
  /** What goes wrong with a matching request. */
  public enum Fault {
    /** 429 TOOMANYREQUESTS with {@code Retry-After: 1}; the registry is not asked. */
    TOO_MANY_REQUESTS,
    /** 503 UNAVAILABLE; the registry is not asked. */
    UNAVAILABLE,
    /** 500 with a plain-text body, after the registry has handled the request (the write happened). */
    SERVER_ERROR_AFTER,
    /** The registry's answer, cut after half its body. */
    TRUNCATED_BODY,
    /** The connection is closed before any answer; the registry is not asked. */
    CONNECTION_CLOSED,
    /** The registry's headers, then its body one byte every 500 ms. */
    SLOW_BODY,
    /** The registry's answer under a Content-Length of 5 GiB (a lie about its size), then the connection closes. */
    HUGE_LENGTH
  }

  private record Rule(Fault fault, String method, Pattern path, AtomicInteger left) {}

  private static final Set<String> HOP = Set.of("host", "connection", "content-length", "transfer-encoding", "upgrade",
      "keep-alive", "expect", "te", "trailer", "proxy-connection");

  private final URI upstream;
  private final HttpServer server;
  private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final List<Rule> rules = new CopyOnWriteArrayList<>();
  private final List<String> seen = new CopyOnWriteArrayList<>();

  private FaultProxy(URI upstream) throws IOException {
    this.upstream = upstream;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    server.setExecutor(Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "fault-proxy");
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/", this::handle);
    server.start();
  }

  /** A proxy to a plain-HTTP registry such as {@code DockerRegistryServer.get(Variant.PLAIN)}. */
  public static FaultProxy in_front_of(URI registry) {
    try {
      return new FaultProxy(registry);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public String host() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  /** Adds a fault for {@code times} matching requests ({@code -1}: all of them). */
  public FaultProxy inject(Fault fault, String method, String pathRegex, int times) {
    rules.add(new Rule(fault, method, Pattern.compile(pathRegex), new AtomicInteger(times)));
    return this;
  }

  public void clearFaults() {
    rules.clear();
  }

  /** {@code METHOD path} of every request, faulty or not. */
  public List<String> requests() {
    return List.copyOf(seen);
  }

  private Fault faultFor(String method, String path) {
    for (Rule r : rules) {
      if (r.method().equals(method) && r.path().matcher(path).find()) {
        int left = r.left().get();
        if (left < 0 || (left > 0 && r.left().compareAndSet(left, left - 1))) {
          return r.fault();
        }
      }
    }
    return null;
  }

  private void handle(HttpExchange ex) throws IOException {
    String method = ex.getRequestMethod();
    String path = ex.getRequestURI().getRawPath();
    seen.add(method + " " + path);
    Fault fault = faultFor(method, path);
    try (ex) {
      byte[] body = ex.getRequestBody().readAllBytes();
      if (fault == Fault.CONNECTION_CLOSED) {
        throw new IOException("fault: closing the connection without a response");
      }
      if (fault == Fault.TOO_MANY_REQUESTS || fault == Fault.UNAVAILABLE) {
        boolean tooMany = fault == Fault.TOO_MANY_REQUESTS;
        if (tooMany) {
          ex.getResponseHeaders().set("Retry-After", "1");
        }
        String code = tooMany ? "TOOMANYREQUESTS" : "UNAVAILABLE";
        error(ex, tooMany ? 429 : 503, "{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"fault proxy\"}]}");
        return;
      }
      HttpResponse<InputStream> resp = forward(ex, method, body);
      if (fault == Fault.SERVER_ERROR_AFTER) {
        resp.body().readAllBytes();
        error(ex, 500, "fault proxy: internal error");
        return;
      }
      byte[] answer = resp.body().readAllBytes();
      resp.headers().map().forEach((k, vs) -> {
        if (!HOP.contains(k.toLowerCase(Locale.ROOT)) && !k.startsWith(":")) {
          vs.forEach(v -> ex.getResponseHeaders().add(k, "location".equalsIgnoreCase(k) ? local(v) : v));
        }
      });
      boolean noBody = "HEAD".equals(method) || resp.statusCode() == 204 || resp.statusCode() == 304;
      if (noBody) {
        resp.headers().firstValue("Content-Length").ifPresent(v -> ex.getResponseHeaders().set("Content-Length", v));
        ex.sendResponseHeaders(resp.statusCode(), -1);
        return;
      }
      long length = fault == Fault.HUGE_LENGTH ? 5L << 30 : answer.length == 0 ? -1 : answer.length;
      ex.sendResponseHeaders(resp.statusCode(), length);
      OutputStream out = ex.getResponseBody();
      if (fault == Fault.SLOW_BODY) {
        trickle(out, answer);
        return;
      }
      if (fault == Fault.HUGE_LENGTH) {
        out.write(answer);
        out.flush();
        throw new IOException("fault: closing the connection long before the length it claimed");
      }
      if (fault == Fault.TRUNCATED_BODY) {
        out.write(answer, 0, answer.length / 2);
        out.flush();
        throw new IOException("fault: closing the connection half way through the body");
      }
      out.write(answer);
    }
  }

  private HttpResponse<InputStream> forward(HttpExchange ex, String method, byte[] body) throws IOException {
    URI target = URI.create(upstream.toString().replaceAll("/$", "") + ex.getRequestURI().toString());
    HttpRequest.Builder b = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30))
        .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    ex.getRequestHeaders().forEach((k, vs) -> {
      if (!HOP.contains(k.toLowerCase(Locale.ROOT))) {
        vs.forEach(v -> b.header(k, v));
      }
    });
    try {
      return client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private static void trickle(OutputStream out, byte[] answer) throws IOException {
    for (byte b : answer) {
      out.write(b);
      out.flush();
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
    }
  }

  /** The registry's absolute upload locations, pointed back at the proxy. */
  private String local(String location) {
    String up = upstream.toString().replaceAll("/$", "");
    return location.startsWith(up) ? "http://" + host() + location.substring(up.length()) : location;
  }

  private static void error(HttpExchange ex, int status, String text) throws IOException {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", text.startsWith("{") ? "application/json" : "text/plain");
    ex.sendResponseHeaders(status, b.length);
    ex.getResponseBody().write(b);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
