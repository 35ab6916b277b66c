package dev.jcosign.adapters.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Retries of idempotent requests to Sigstore services (issue 11), against a real HTTP server on loopback:
 * 429/5xx and resets are asked again with backoff or a bounded Retry-After; POSTs are sent once.
 */
class ServiceClientRetryTest {
  private HttpServer server;
  private final AtomicInteger hits = new AtomicInteger();
  /** Statuses to answer in turn (then 200), each with an optional Retry-After. */
  private final Deque<String[]> script = new ArrayDeque<>();

  private ServiceClient client(Duration timeout) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", ex -> {
      hits.incrementAndGet();
      String[] next = script.poll();
      int status = next == null ? 200 : Integer.parseInt(next[0]);
      if (next != null && next.length > 1) {
        ex.getResponseHeaders().add("Retry-After", next[1]);
      }
      byte[] body = ("{\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(status, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    return client("http://127.0.0.1:" + server.getAddress().getPort(), timeout);
  }

  private static ServiceClient client(String url, Duration timeout) {
    return new ServiceClient(url, "--rekor-url", "transparency log", timeout, 1 << 20, "jcosign/test", null,
        (m, c) -> new IllegalStateException(m, c));
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private static HttpRequest get(ServiceClient c) {
    return c.request("/api/v1/log").GET().build();
  }

  @Test
  void serverErrors_areAskedAgain_untilAnAnswer() throws Exception {
    script.add(new String[] {"503"});
    script.add(new String[] {"502"});
    try (ServiceClient c = client(Duration.ofSeconds(10))) {
      assertEquals(200, c.send(get(c)).status());
    }
    assertEquals(3, hits.get());
  }

  @Test
  void afterThreeAttempts_theLastAnswerIsReported() throws Exception {
    for (int i = 0; i < 5; i++) {
      script.add(new String[] {"500"});
    }
    try (ServiceClient c = client(Duration.ofSeconds(10))) {
      assertEquals(500, c.send(get(c)).status());
    }
    assertEquals(ServiceClient.MAX_ATTEMPTS, hits.get());
  }

  @Test
  void tooManyRequests_waitsForRetryAfter() throws Exception {
    script.add(new String[] {"429", "1"});
    long start = System.nanoTime();
    try (ServiceClient c = client(Duration.ofSeconds(10))) {
      assertEquals(200, c.send(get(c)).status());
    }
    assertEquals(2, hits.get());
    assertTrue(System.nanoTime() - start >= 900_000_000L, "Retry-After: 1 was honoured");
  }

  @Test
  void aRetryAfterLongerThanTheBound_isReportedNotAwaited() throws Exception {
    script.add(new String[] {"429", "3600"});
    try (ServiceClient c = client(Duration.ofSeconds(30))) {
      assertEquals(429, c.send(get(c)).status());
    }
    assertEquals(1, hits.get());
  }

  @Test
  void aWaitPastTheTimeout_isNotStarted() throws Exception {
    script.add(new String[] {"503", "3"});
    try (ServiceClient c = client(Duration.ofSeconds(2))) {
      assertEquals(503, c.send(get(c)).status());
    }
    assertEquals(1, hits.get(), "3 s of Retry-After does not fit in -t 2s");
  }

  @Test
  void posts_areSentOnce() throws Exception {
    script.add(new String[] {"503"});
    try (ServiceClient c = client(Duration.ofSeconds(10))) {
      HttpRequest post = c.request("/api/v1/log/entries").POST(HttpRequest.BodyPublishers.ofString("{}")).build();
      assertEquals(503, c.send(post).status());
    }
    assertEquals(1, hits.get(), "a retried POST could write a second log entry");
  }

  @Test
  void aResetConnection_isAskedAgain() throws Exception {
    try (ServerSocket ss = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      Thread t = new Thread(() -> {
        try {
          try (Socket first = ss.accept()) {
            first.setSoLinger(true, 0); // RST, no answer
            readHead(first.getInputStream());
          }
          try (Socket second = ss.accept()) {
            readHead(second.getInputStream());
            second.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"
                .getBytes(StandardCharsets.US_ASCII));
          }
        } catch (IOException e) {
          // the test fails on the client side
        }
      });
      t.setDaemon(true);
      t.start();
      try (ServiceClient c = client("http://127.0.0.1:" + ss.getLocalPort(), Duration.ofSeconds(10))) {
        assertEquals(200, c.send(get(c)).status());
      }
    }
  }

  @Test
  void aRefusedConnection_isReportedAtOnce() throws Exception {
    int port;
    try (ServerSocket ss = new ServerSocket(0)) {
      port = ss.getLocalPort();
    }
    try (ServiceClient c = client("http://127.0.0.1:" + port, Duration.ofSeconds(10))) {
      long start = System.nanoTime();
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> c.send(get(c)));
      assertTrue(e.getMessage().startsWith("cannot reach transparency log at http://127.0.0.1:" + port), e.getMessage());
      assertTrue(System.nanoTime() - start < 5_000_000_000L);
    }
  }

  @Test
  void backoffGrows_withJitterBelowHalf() {
    for (int i = 0; i < 100; i++) {
      long first = ServiceClient.backoffMillis(1);
      long second = ServiceClient.backoffMillis(2);
      assertTrue(first >= 100 && first <= 150, "" + first);
      assertTrue(second >= 200 && second <= 300, "" + second);
    }
  }

  private static void readHead(InputStream in) throws IOException {
    int matched = 0;
    byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    for (int b; matched < 4 && (b = in.read()) >= 0; ) {
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
  }
}
