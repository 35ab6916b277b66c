package dev.jcosign.hostile;

import static dev.jcosign.testing.CleanErrors.assertCleanFailure;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.jcosign.testing.CliRunner;
import dev.jcosign.testing.TwoKeys;
import dev.jcosign.testkit.FaultRegistry;
import dev.jcosign.testkit.FaultRegistry.Fault;
import dev.jcosign.testkit.TestImages;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Servers that send their headers and then trickle or withhold the body (issue 11): {@code -t} bounds
 * the whole exchange, and the error names the host and what was slow. The wall-clock bound asserted
 * here is only "it ended" (ten times the timeout), not a performance figure.
 */
class SlowServersTest {
  @TempDir static Path home;
  static CliRunner cli;
  static TwoKeys keys;
  static FaultRegistry fr;
  static String ref;

  @BeforeAll
  static void setUp() {
    cli = new CliRunner(home).with("COSIGN_PASSWORD", "pw");
    keys = TwoKeys.generate(cli, home);
    fr = FaultRegistry.start();
    ref = fr.host() + "/slow/app@" + TestImages.push(fr, "slow/app", "v1", "slow").manifestDigest();
    cli.run("sign", "--key", keys.key(), "-y", "--tlog-upload=false", ref);
  }

  @AfterAll
  static void stop() {
    fr.close();
  }

  static void endsInTime(Fault fault) {
    fr.clearFaults();
    fr.inject(fault, "GET", "\\.sig$", -1);
    long start = System.nanoTime();
    assertCleanFailure(cli.run("verify", "-t", "2s", "--key", keys.pub(), "--insecure-ignore-tlog", ref), 1,
        List.of(fr.host(), "sent the response headers but not the whole body within 2s (-t/--timeout)"));
    assertTrue(System.nanoTime() - start < 20_000_000_000L, "ended");
    fr.clearFaults();
  }

  @Test
  void aTricklingRegistryBody_isCutAtTheTimeout() {
    endsInTime(Fault.SLOW_BODY);
  }

  @Test
  void aStalledRegistryBody_isCutAtTheTimeout() {
    endsInTime(Fault.STALLED_BODY);
  }

  @Test
  void aStalledTransparencyLogBody_isCutAtTheTimeout() throws Exception {
    HttpServer stall = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    stall.setExecutor(Executors.newCachedThreadPool());
    stall.createContext("/", ex -> {
      ex.sendResponseHeaders(201, 1000);
      try (OutputStream out = ex.getResponseBody()) {
        out.write('{');
        out.flush();
        Thread.sleep(60_000);
      } catch (InterruptedException | java.io.IOException e) {
        // the client gave up
      }
    });
    stall.start();
    try {
      Path blob = Files.writeString(home.resolve("blob.txt"), "blob");
      String url = "http://127.0.0.1:" + stall.getAddress().getPort();
      long start = System.nanoTime();
      assertCleanFailure(cli.run("sign-blob", "-t", "2s", "-y", "--key", keys.key(), "--rekor-url", url, "--use-signing-config=false",
          "--bundle", home.resolve("b.json").toString(), blob.toString()), 1,
          List.of("transparency log at " + url, "not the whole body within 2s"));
      assertTrue(System.nanoTime() - start < 20_000_000_000L, "ended");
    } finally {
      stall.stop(0);
    }
  }
}
