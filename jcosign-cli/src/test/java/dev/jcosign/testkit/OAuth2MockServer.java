package dev.jcosign.testkit;

import java.util.List;

/**
 * An OIDC provider for the browser flow on a free loopback port: npm {@code oauth2-mock-server} 8.2.3
 * behind {@code src/test/node/oauth2-mock/server.mjs} (PKCE S256, RS256 ID tokens with aud = client ID and
 * the nonce echoed; subject {@code browser-user@example.com}). Started once per JVM, like
 * {@link SigstoreMockServer}.
 */
public final class OAuth2MockServer {
  private static OAuth2MockServer running;
  private final NodePeer peer;

  private OAuth2MockServer(NodePeer peer) {
    this.peer = peer;
  }

  public static synchronized OAuth2MockServer get() {
    if (running == null || !running.peer.process().isAlive()) {
      running = new OAuth2MockServer(NodePeer.start("oauth2-mock", List.of("package.json", "package-lock.json", "server.mjs"),
          "server.mjs", "node_modules/oauth2-mock-server"));
    }
    return running;
  }

  /** The issuer URL, {@code http://localhost:<port>}, as the server names itself (it listens on 127.0.0.1). */
  public String issuer() {
    return "http://localhost:" + peer.port();
  }

  public String logTail() {
    return peer.logTail();
  }
}
