package dev.jcosign.adapters.rekor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcosign.core.error.TransparencyLogException;
import dev.jcosign.core.keys.DigestAlgorithm;
import dev.jcosign.core.keys.PublicKeys;
import dev.jcosign.core.rekor.LoggedEntry;
import dev.jcosign.core.tlog.ProposedEntries;
import dev.jcosign.core.rekor.ProposedEntry;
import dev.jcosign.core.tlog.SignedEntryTimestamp;
import dev.jcosign.testkit.SigstoreMockServer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The Rekor v1 client against a real HTTP Rekor (our node server around @sigstore/mock, spec §6.3). */
@Tag("e2e")
class RekorHttpTransparencyLogE2ETest {
  static SigstoreMockServer rekor;
  static KeyPair keys;

  @BeforeAll
  static void setUp() throws Exception {
    rekor = SigstoreMockServer.get();
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    keys = g.generateKeyPair();
  }

  static RekorHttpTransparencyLog client(String url, Duration timeout) {
    return new RekorHttpTransparencyLog(url, timeout, RekorHttpTransparencyLog.DEFAULT_MAX_RESPONSE_BYTES, "jcosign/test", null);
  }

  static ProposedEntry entry(String text) throws Exception {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initSign(keys.getPrivate());
    s.update(payload);
    return ProposedEntries.hashedRekord(DigestAlgorithm.SHA256, DigestAlgorithm.SHA256.digest(payload), s.sign(),
        PublicKeys.toPem(keys.getPublic()));
  }

  @Test
  void createsLooksUpAndSearches() throws Exception {
    try (RekorHttpTransparencyLog log = client(rekor.url(), Duration.ofSeconds(20))) {
      ProposedEntry p = entry("created " + System.nanoTime());
      LoggedEntry e = log.create(p);
      assertEquals("hashedrekord", e.kind());
      assertEquals("0.0.1", e.apiVersion());
      SignedEntryTimestamp.verify(e.entry(), rekor.trustedRoot());
      assertTrue(e.entry().proof().orElseThrow().checkpoint().isPresent());

      // 409: an identical proposal answers with the existing entry (Location), not an error
      LoggedEntry again = log.create(p);
      assertEquals(e.uuid(), again.uuid());
      assertEquals(e.entry().logIndex(), again.entry().logIndex());

      assertEquals(e.uuid(), log.byUuid(e.uuid()).orElseThrow().uuid());
      assertEquals(e.uuid(), log.byLogIndex(e.entry().logIndex()).orElseThrow().uuid());
      assertTrue(log.byUuid("0".repeat(64)).isEmpty());
      String hex = dev.jcosign.core.json.Json.parse(p.json(), "p").at("/spec/data/hash/value").asText();
      assertEquals(List.of(e.uuid()), log.searchByHash(DigestAlgorithm.SHA256, java.util.HexFormat.of().parseHex(hex)));
      assertArrayEquals(rekor.trustedRoot().tlogs().get(0).publicKeyBytes(),
          PublicKeys.fromPem(log.publicKeyPem()).getEncoded());
    }
  }

  @Test
  void errorsAreOneLineAndNameTheStatusAndRekorsMessage() throws Exception {
    ProposedEntry p = entry("fails");
    for (int status : new int[] {400, 500, 503}) {
      try (RekorHttpTransparencyLog log = client(rekor.failingUrl(status), Duration.ofSeconds(20))) {
        TransparencyLogException e = assertThrows(TransparencyLogException.class, () -> log.create(p));
        assertTrue(e.getMessage().contains("HTTP " + status + ": injected failure for /api/v1/log/entries"), e.getMessage());
        assertTrue(e.getMessage().contains(rekor.failingUrl(status)), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
      }
    }
  }

  @Test
  void unreachableAndSilentLogsFailFast() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    ProposedEntry p = entry("unreachable");
    try (RekorHttpTransparencyLog log = client("http://127.0.0.1:" + closed, Duration.ofSeconds(20))) {
      TransparencyLogException e = assertThrows(TransparencyLogException.class, () -> log.create(p));
      assertTrue(e.getMessage().startsWith("cannot reach transparency log at http://127.0.0.1:" + closed), e.getMessage());
    }
    long t0 = System.nanoTime();
    try (RekorHttpTransparencyLog log = client(rekor.hangingUrl(), Duration.ofSeconds(2))) {
      TransparencyLogException e = assertThrows(TransparencyLogException.class, () -> log.create(p));
      assertTrue(e.getMessage().contains("did not answer within 2s"), e.getMessage());
    }
    assertTrue(Duration.ofNanos(System.nanoTime() - t0).toSeconds() < 10, "the timeout bounds the call");
  }

  @Test
  void rejectsBadUrls() {
    assertThrows(TransparencyLogException.class, () -> client("ftp://example.com", Duration.ofSeconds(1)));
    assertThrows(TransparencyLogException.class, () -> client("not a url", Duration.ofSeconds(1)));
  }
}
