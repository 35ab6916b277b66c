package dev.jcosign.core.timestamp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcosign.core.error.TimestampException;
import dev.jcosign.core.error.VerificationException;
import dev.jcosign.core.spi.TimestampAuthority;
import dev.jcosign.core.tlog.ValidityPeriod;
import dev.jcosign.testkit.TestTsa;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** RFC 3161 requests and checks against an in-process Bouncy Castle TSA (spec §6.4, §4.4 step 7). */
class TimestampVerifierTest {
  static final TestTsa TSA = TestTsa.current("tsa");
  static final byte[] SIG = "a signature".getBytes(StandardCharsets.UTF_8);

  static TimestampAuthority at(TestTsa tsa, Instant genTime) {
    return new TimestampAuthority() {
      @Override
      public String url() {
        return "http://tsa.invalid";
      }

      @Override
      public byte[] timestamp(byte[] req) {
        return tsa.respond(req, genTime);
      }
    };
  }

  static byte[] stamp(TestTsa tsa, Instant genTime, byte[] sig) {
    return Timestamper.obtain(at(tsa, genTime), sig);
  }

  @Test
  void validTimestampReturnsGenTime() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    byte[] resp = stamp(TSA, now, SIG);
    assertEquals(now, TimestampVerifier.verify(resp, SIG, List.of(TSA.authority())));
  }

  @Test
  void stagingVectorVerifiesWithItsTrustedRoot() {
    // a real sigstage TSA token over a DSSE signature, and the trusted root naming that TSA (spec §6.4)
    String dir = "conformance/rekor2-dsse-happy-path/";
    com.fasterxml.jackson.databind.JsonNode b = dev.jcosign.core.json.Json.parse(
        dev.jcosign.testing.KeyVectors.bytes(dir + "bundle.sigstore.json"), "bundle");
    byte[] der = java.util.Base64.getDecoder().decode(
        b.at("/verificationMaterial/timestampVerificationData/rfc3161Timestamps/0/signedTimestamp").asText());
    byte[] sig = java.util.Base64.getDecoder().decode(b.at("/dsseEnvelope/signatures/0/sig").asText());
    var tsas = dev.jcosign.core.tlog.TrustedRoot.parse(dev.jcosign.testing.KeyVectors.bytes(dir + "trusted_root.json"))
        .timestampAuthorities();
    assertEquals(Instant.parse("2026-05-13T19:23:33Z"), TimestampVerifier.verify(der, sig, tsas));
    VerificationException e = assertThrows(VerificationException.class,
        () -> TimestampVerifier.verify(der, sig, List.of(TSA.authority(ValidityPeriod.ALWAYS))));
    assertEquals("rfc3161 timestamp: not signed by a timestamp authority in the trusted root", e.getMessage());
  }

  @Test
  void requestCarriesImprintNonceAndCertReq() throws Exception {
    TimestampRequest r = TimestampRequest.forSignature(SIG, new SecureRandom());
    org.bouncycastle.tsp.TimeStampRequest parsed = new org.bouncycastle.tsp.TimeStampRequest(r.der());
    assertArrayEquals(TimestampRequest.sha256(SIG), parsed.getMessageImprintDigest());
    assertEquals("2.16.840.1.101.3.4.2.1", parsed.getMessageImprintAlgOID().getId());
    assertEquals(r.nonce(), parsed.getNonce());
    assertTrue(parsed.getCertReq());
  }

  @Test
  void timestampForAnotherSignatureIsRejected() {
    byte[] resp = stamp(TSA, Instant.now(), "other".getBytes(StandardCharsets.UTF_8));
    VerificationException e = assertThrows(VerificationException.class,
        () -> TimestampVerifier.verify(resp, SIG, List.of(TSA.authority())));
    assertTrue(e.getMessage().contains("message imprint does not match the signature"), e.getMessage());
  }

  @Test
  void untrustedTsaIsRejected() {
    byte[] resp = stamp(TestTsa.current("rogue"), Instant.now(), SIG);
    VerificationException e = assertThrows(VerificationException.class,
        () -> TimestampVerifier.verify(resp, SIG, List.of(TSA.authority())));
    assertEquals("rfc3161 timestamp: not signed by a timestamp authority in the trusted root", e.getMessage());
  }

  @Test
  void genTimeOutsideTrustedRootValidityIsRejected() {
    Instant now = Instant.now();
    byte[] resp = stamp(TSA, now, SIG);
    ValidityPeriod later = new ValidityPeriod(Optional.of(now.plus(Duration.ofHours(1))), Optional.empty());
    VerificationException e = assertThrows(VerificationException.class,
        () -> TimestampVerifier.verify(resp, SIG, List.of(TSA.authority(later))));
    assertTrue(e.getMessage().contains("is outside the validity of timestamp authority test tsa"), e.getMessage());
  }

  @Test
  void genTimeAfterTheTsaCertificateExpiredIsRejected() {
    Instant now = Instant.now();
    TestTsa expired = new TestTsa("old", now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)));
    byte[] resp = stamp(expired, now, SIG);
    VerificationException e = assertThrows(VerificationException.class,
        () -> TimestampVerifier.verify(resp, SIG, List.of(expired.authority(ValidityPeriod.ALWAYS))));
    assertTrue(e.getMessage().startsWith("rfc3161 timestamp: "), e.getMessage());
    assertTrue(e.getMessage().contains("outside the validity") || e.getMessage().contains("not signed by"), e.getMessage());
  }

  @Test
  void futureGenTimeBeforeTheCertificateIsRejected() {
    Instant now = Instant.now();
    TestTsa future = new TestTsa("future", now.plus(Duration.ofDays(10)), now.plus(Duration.ofDays(20)));
    byte[] resp = stamp(future, now, SIG);
    assertThrows(VerificationException.class,
        () -> TimestampVerifier.verify(resp, SIG, List.of(future.authority(ValidityPeriod.ALWAYS))));
  }

  @Test
  void everyFlippedByteOfTheSignedContentAndSignatureIsRejected() throws Exception {
    byte[] resp = stamp(TSA, Instant.now(), SIG);
    byte[] tstInfo = new org.bouncycastle.tsp.TimeStampResponse(resp).getTimeStampToken().getTimeStampInfo().getEncoded();
    int at = indexOf(resp, tstInfo);
    assertTrue(at > 0);
    // The CMS wrapper around them (content-type OIDs, digestAlgorithms, the embedded certificate set,
    // tags Bouncy Castle reads by position) is unsigned and unused: the signer comes from the trusted root.
    List<Integer> offsets = new java.util.ArrayList<>();
    for (int i = at; i < at + tstInfo.length; i++) {
      offsets.add(i);
    }
    for (int i = resp.length - 64; i < resp.length; i++) { // the end of the ECDSA signature value
      offsets.add(i);
    }
    List<Integer> accepted = new java.util.ArrayList<>();
    for (int i : offsets) {
      byte[] t = resp.clone();
      t[i] ^= 0x01;
      try {
        TimestampVerifier.verify(t, SIG, List.of(TSA.authority()));
        accepted.add(i);
      } catch (VerificationException expected) {
        assertTrue(expected.getMessage().startsWith("rfc3161 timestamp"), expected.getMessage());
      }
    }
    assertEquals(List.of(), accepted, "flipped offsets accepted in a " + resp.length + "-byte response");
  }

  static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Test
  void nonceMismatchAtSigningIsRefused() {
    TimestampAuthority replay = new TimestampAuthority() {
      final byte[] old = stamp(TSA, Instant.now(), SIG);

      @Override
      public String url() {
        return "http://tsa.invalid";
      }

      @Override
      public byte[] timestamp(byte[] req) {
        return old;
      }
    };
    TimestampException e = assertThrows(TimestampException.class, () -> Timestamper.obtain(replay, SIG));
    assertEquals("timestamp authority at http://tsa.invalid answered with another nonce", e.getMessage());
  }
}
