package dev.jcosign.adapters.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.jcosign.testkit.TestCerts;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The deferred TLS context (issue 12) against real loopback servers, plain and TLS: JSSE is only set up
 * when a TLS connection needs it, exactly once, and the certificate checks are those of the real context.
 */
class DeferredSslContextTest {
  private HttpServer server;
  private final AtomicInteger built = new AtomicInteger();

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private SSLContext counting(SSLContext real) {
    return new DeferredSslContext(() -> {
      built.incrementAndGet();
      return real;
    });
  }

  private static HttpClient client(SSLContext ctx) {
    return HttpClient.newBuilder().sslContext(ctx).sslParameters(new SSLParameters()).build();
  }

  private String start(HttpServer s, String scheme) {
    return start(s, scheme, "127.0.0.1");
  }

  private String start(HttpServer s, String scheme, String host) {
    server = s;
    s.createContext("/", ex -> {
      byte[] body = "ok".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      ex.sendResponseHeaders(200, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    });
    s.start();
    return scheme + "://" + host + ":" + s.getAddress().getPort() + "/";
  }

  private static HttpResponse<String> get(HttpClient c, String url) throws IOException, InterruptedException {
    return c.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void plainHttpNeverSetsUpTls() throws Exception {
    String url = start(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0), "http");
    HttpClient c = client(counting(SSLContext.getDefault()));
    assertEquals("ok", get(c, url).body());
    assertEquals("ok", get(c, url).body());
    assertEquals(0, built.get(), "no TLS connection, so no JSSE set-up");
  }

  @Test
  void tlsSetsUpOnceAndVerifiesAsTheRealContext() throws Exception {
    TestCerts.Issued ca = TestCerts.ca("deferred-test-ca");
    String url = start(tlsServer(TestCerts.server(ca)), "https");

    HttpClient trusting = client(counting(TestCerts.sslContext(ca.cert(), null)));
    assertEquals("ok", get(trusting, url).body());
    assertEquals("ok", get(trusting, url).body());
    assertEquals(1, built.get());

    // the JDK's default trust does not know this CA: the handshake fails as it would without deferral
    HttpClient untrusting = client(DeferredSslContext.jdkDefault());
    assertThrows(SSLHandshakeException.class, () -> get(untrusting, url));
  }

  /**
   * ServiceClient hands the client empty SSLParameters (no endpoint identification of its own): the
   * client must still check the host name. The certificate is for 127.0.0.1 and localhost; the server
   * listens on 127.0.0.2, which is loopback too, and is trusted otherwise.
   */
  @Test
  void theHostNameIsStillChecked() throws Exception {
    TestCerts.Issued ca = TestCerts.ca("deferred-test-ca");
    String url = start(tlsServer(TestCerts.server(ca), "127.0.0.2"), "https", "127.0.0.2");
    HttpClient trusting = client(counting(TestCerts.sslContext(ca.cert(), null)));
    SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> get(trusting, url));
    assertTrue(String.valueOf(e.getMessage()).contains("127.0.0.2"), e.toString());
  }

  @Test
  void aFailedSetUpFailsTheConnectionThatNeededIt() throws Exception {
    TestCerts.Issued ca = TestCerts.ca("deferred-test-ca");
    String url = start(tlsServer(TestCerts.server(ca)), "https");
    HttpClient c = client(new DeferredSslContext(() -> {
      throw new GeneralSecurityException("no provider for TLS");
    }));
    Exception e = assertThrows(Exception.class, () -> get(c, url));
    Throwable cause = e;
    while (cause.getCause() != null && !(cause instanceof IllegalStateException)) {
      cause = cause.getCause();
    }
    assertTrue(String.valueOf(cause.getMessage()).contains("setting up TLS: no provider for TLS"), cause.toString());
  }

  private static HttpsServer tlsServer(TestCerts.Issued cert) throws Exception {
    return tlsServer(cert, "127.0.0.1");
  }

  private static HttpsServer tlsServer(TestCerts.Issued cert, String bind) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("server", cert.keys().getPrivate(), new char[0], new X509Certificate[] {cert.cert()});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, new char[0]);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    HttpsServer s = HttpsServer.create(new InetSocketAddress(bind, 0), 0);
    s.setHttpsConfigurator(new HttpsConfigurator(ctx));
    return s;
  }
}
