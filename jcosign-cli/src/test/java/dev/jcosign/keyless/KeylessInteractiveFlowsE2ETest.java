package dev.jcosign.keyless;

import static dev.jcosign.testing.CleanErrors.assertCleanFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.jcosign.testing.CliRunner;
import dev.jcosign.testing.CliRunner.Result;
import dev.jcosign.testkit.OAuth2MockServer;
import dev.jcosign.testkit.SigstoreMockServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interactive token flows of keyless signing (issue 9, keyless spec §1.2 step 3, §3.3 item 3): the
 * browser flow against npm oauth2-mock-server 8.2.3 (the test plays the browser through
 * {@code JCOSIGN_BROWSER}), and the device flow against a JDK fake speaking RFC 8628, whose ID tokens
 * the loopback Fulcio accepts. The certificates they lead to verify by identity.
 */
@Tag("e2e")
class KeylessInteractiveFlowsE2ETest {
  static final String BROWSER_USER = "browser-user@example.com";
  @TempDir static Path dir;
  static SigstoreMockServer mock;
  static OAuth2MockServer oauth;
  static CliRunner cli;
  static Path root;
  static Path blob;

  @BeforeAll
  static void setUp() throws IOException {
    mock = SigstoreMockServer.get();
    oauth = OAuth2MockServer.get();
    cli = new CliRunner(dir);
    root = Files.write(dir.resolve("mock-root.json"), mock.trustedRootJson());
    blob = Files.writeString(dir.resolve("blob.txt"), "signed after an interactive sign-in\n");
  }

  /** A "browser": a script run with the URL. */
  static Path browser(String name, String body) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
    return p;
  }

  static Result signBlob(CliRunner c, String stdin, Path bundle, String... flags) {
    List<String> args = new ArrayList<>(List.of("sign-blob", "--fulcio-url", mock.url(), "--rekor-url", mock.url(),
        "--trusted-root", root.toString(), "--bundle", bundle.toString()));
    args.addAll(List.of(flags));
    args.add(blob.toString());
    return c.runWithStdin(stdin, args.toArray(String[]::new));
  }

  @Test
  void browserFlow_signsAsTheSignedInUser() throws IOException {
    // the browser follows /authorize's redirect to jcosign's loopback callback, as a real one would
    Path curl = browser("browser", "exec curl -fsS -L -o /dev/null \"$1\"");
    Path bundle = dir.resolve("browser.sigstore.json");
    Result r = signBlob(cli.with("JCOSIGN_BROWSER", curl.toString()), "y\n", bundle, "--oidc-issuer", oauth.issuer(),
        "--fulcio-auth-flow", "normal");
    assertEquals(0, r.code(), r.describe() + "\n--- oauth2-mock-server ---\n" + oauth.logTail());
    assertTrue(r.err().contains("The sigstore service, hosted by sigstore a Series of LF Projects"), "privacy statement first");
    assertTrue(r.err().contains("Your browser will now be opened to:\n" + oauth.issuer() + "/authorize?response_type=code"), r.describe());
    assertTrue(r.err().contains("code_challenge_method=S256") && r.err().contains("&nonce=") && r.err().contains("&state="), r.describe());
    assertEquals("", r.out());
    Result v = cli.run("verify-blob", "--bundle", bundle.toString(), "--trusted-root", root.toString(),
        "--certificate-identity", BROWSER_USER, "--certificate-oidc-issuer", oauth.issuer(), blob.toString());
    assertEquals(0, v.code(), v.describe());
  }

  @Test
  void browserFlow_declinedPrivacyStatementStops() throws IOException {
    Path curl = browser("browser-decline", "exec curl -fsS -L -o /dev/null \"$1\"");
    Result r = signBlob(cli.with("JCOSIGN_BROWSER", curl.toString()), "n\n", dir.resolve("d.json"),
        "--oidc-issuer", oauth.issuer(), "--fulcio-auth-flow", "normal");
    // as for every prompt: a piped answer is not echoed, so the error follows the question on its line
    assertEquals(1, r.code(), r.describe());
    assertTrue(r.err().endsWith("Are you sure you would like to continue? [y/N] Error: user declined the prompt\n"), r.describe());
    assertFalse(r.err().contains("Your browser will now be opened"), "nothing is opened after a no");
  }

  @Test
  void browserFlow_wrongStateOrNonceIsRefused() throws IOException {
    // a forged callback: right port, wrong state
    Path forged = browser("forged", "r=$(printf '%s' \"$1\" | sed -n 's/.*redirect_uri=\\([^&]*\\).*/\\1/p' | sed 's/%3A/:/g; s/%2F/\\//g')\n"
        + "exec curl -fsS -o /dev/null \"$r?code=stolen&state=forged\"");
    assertCleanFailure(signBlob(cli.with("JCOSIGN_BROWSER", forged.toString()), "", dir.resolve("s.json"), "-y",
        "--oidc-issuer", oauth.issuer(), "--fulcio-auth-flow", "normal"), 1, List.of("invalid state token"));
    Path curl = browser("browser-nonce", "exec curl -fsS -L -o /dev/null \"$1\"");
    assertCleanFailure(signBlob(cli.with("JCOSIGN_BROWSER", curl.toString()), "", dir.resolve("n.json"), "-y",
        "--oidc-issuer", oauth.issuer(), "--oidc-client-id", "wrong-nonce", "--fulcio-auth-flow", "normal"), 1,
        List.of("nonce does not match value sent"));
  }

  @Test
  void browserFlow_noBrowserOrNoCallback_fallsBackToPastingTheCode() throws IOException {
    Path none = dir.resolve("no-such-browser");
    Result r = signBlob(cli.with("JCOSIGN_BROWSER", none.toString()), "not-a-real-code\n", dir.resolve("o.json"), "-y",
        "--oidc-issuer", oauth.issuer(), "--fulcio-auth-flow", "normal");
    assertCleanFailure(r, 1, List.of("exchanging the authorization code", "failed"));
    assertTrue(r.err().contains("Go to the following link in a browser:\n\n\t " + oauth.issuer() + "/authorize?")
        && r.err().contains("redirect_uri=urn%3Aietf%3Awg%3Aoauth%3A2.0%3Aoob") && r.err().contains("Enter verification code: "),
        r.describe());
    Path silent = browser("silent", "exit 0");
    Result t = signBlob(cli.with("JCOSIGN_BROWSER", silent.toString()).with("JCOSIGN_OIDC_CALLBACK_TIMEOUT", "1s"), "",
        dir.resolve("t.json"), "-y", "--oidc-issuer", oauth.issuer(), "--fulcio-auth-flow", "normal");
    assertCleanFailure(t, 1, List.of("no verification code entered"));
    assertTrue(t.err().contains("timeout\n"), t.describe());
    assertFalse(Files.exists(dir.resolve("t.json")));
  }

  /** An RFC 8628 provider whose tokens are minted by the loopback Sigstore's issuer for this issuer's name. */
  static final class DeviceProvider implements AutoCloseable {
    final HttpServer server;
    final List<String> requests = new CopyOnWriteArrayList<>();
    final AtomicInteger polls = new AtomicInteger();
    final String issuer;

    DeviceProvider(String finalAnswer, int pendingPolls) throws IOException {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      issuer = "http://127.0.0.1:" + server.getAddress().getPort();
      server.createContext("/.well-known/openid-configuration", ex -> send(ex, 200, "{\"issuer\":\"" + issuer
          + "\",\"device_authorization_endpoint\":\"" + issuer + "/device\",\"token_endpoint\":\"" + issuer + "/token\","
          + "\"jwks_uri\":\"" + mock.url() + "/jwks.json\"}"));
      server.createContext("/device", ex -> {
        requests.add("device " + new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        send(ex, 200, "{\"device_code\":\"dc-1\",\"user_code\":\"WDJB-MJHT\",\"verification_uri\":\"" + issuer
            + "/activate\",\"expires_in\":60,\"interval\":1}");
      });
      server.createContext("/token", ex -> {
        requests.add("token " + new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        if (polls.incrementAndGet() <= pendingPolls) {
          send(ex, 400, "{\"error\":\"authorization_pending\"}");
        } else if (finalAnswer.startsWith("error:")) {
          send(ex, 400, "{\"error\":\"" + finalAnswer.substring(6) + "\"}");
        } else {
          send(ex, 200, "{\"id_token\":\"" + mock.token("sub=" + finalAnswer + "&iss=" + issuer) + "\",\"token_type\":\"Bearer\"}");
        }
      });
      server.start();
    }

    static void send(com.sun.net.httpserver.HttpExchange ex, int status, String body) throws IOException {
      byte[] b = body.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(status, b.length);
      ex.getResponseBody().write(b);
      ex.close();
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  @Test
  void deviceFlow_isTheDefaultWithoutATerminal_andPollsUntilTheTokenComes() throws IOException {
    try (DeviceProvider p = new DeviceProvider("device-user@example.com", 1)) {
      Path bundle = dir.resolve("device.sigstore.json");
      Result r = signBlob(cli, "", bundle, "-y", "--oidc-issuer", p.issuer);
      assertEquals(0, r.code(), r.describe());
      assertTrue(r.err().contains("Non-interactive mode detected, using device flow.\n"), r.describe());
      assertTrue(r.err().contains("Enter the verification code WDJB-MJHT in your browser at: " + p.issuer + "/activate\n"
          + "Code will be valid for 60 seconds\n"), r.describe());
      assertTrue(r.err().contains("Token received!"), r.describe());
      assertEquals("", r.out(), "prompts go to stderr");
      assertTrue(p.requests.get(0).contains("code_challenge_method=S256") && p.requests.get(0).contains("scope=openid+email"),
          p.requests.toString());
      assertTrue(p.requests.get(1).contains("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code")
          && p.requests.get(1).contains("device_code=dc-1") && p.requests.get(1).contains("code_verifier="), p.requests.toString());
      assertEquals(2, p.polls.get());
      Result v = cli.run("verify-blob", "--bundle", bundle.toString(), "--trusted-root", root.toString(),
          "--certificate-identity", "device-user@example.com", "--certificate-oidc-issuer", p.issuer, blob.toString());
      assertEquals(0, v.code(), v.describe());
    }
  }

  @Test
  void deviceFlow_expiredOrDenied_oneLine() throws IOException {
    try (DeviceProvider p = new DeviceProvider("error:expired_token", 0)) {
      assertCleanFailure(signBlob(cli, "", dir.resolve("e.json"), "-y", "--oidc-issuer", p.issuer, "--fulcio-auth-flow", "device"),
          1, List.of("the code expired before it was entered"));
    }
    try (DeviceProvider p = new DeviceProvider("error:access_denied", 0)) {
      assertCleanFailure(signBlob(cli, "", dir.resolve("a.json"), "-y", "--oidc-issuer", p.issuer), 1,
          List.of("access denied"));
    }
  }

  @Test
  void unreachableIssuer_andUnknownFlow() {
    assertCleanFailure(signBlob(cli, "", dir.resolve("u.json"), "-y", "--oidc-issuer", "http://127.0.0.1:1"), 1,
        List.of("no identity token for keyless signing", "cannot reach OIDC provider"));
    assertCleanFailure(signBlob(cli, "", dir.resolve("u.json"), "-y", "--fulcio-auth-flow", "carrier-pigeon"), 1,
        List.of("unsupported --fulcio-auth-flow"));
  }
}
