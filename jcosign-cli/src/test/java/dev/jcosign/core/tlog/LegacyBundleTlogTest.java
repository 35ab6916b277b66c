package dev.jcosign.core.tlog;

import dev.jcosign.core.rekor.TlogEntry;

import static dev.jcosign.core.tlog.TlogFixtures.flip;
import static dev.jcosign.core.tlog.TlogFixtures.rejects;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcosign.core.keys.DigestAlgorithm;
import dev.jcosign.core.keys.PublicKeys;
import dev.jcosign.testing.KeyVectors;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The Rekor bundle annotation of a real public-good keyless `.sig` layer (spec §4.4 step 3). */
class LegacyBundleTlogTest {
  private static final String DIR = "legacy-keyless-signature/";
  private static final String REKOR = "c0d23d6ad406973f9559f3ba2d1ca01f84147d8ffc5b8445c224f98b9591801d";
  private final TrustedRoot root = TlogFixtures.publicGoodRoot();
  private final TlogEntry entry = TlogEntries.fromLegacyBundle(KeyVectors.bytes(DIR + "bundle-annotation.json"));

  private ExpectedContent expected() {
    return new ExpectedContent.MessageSignature(
        DigestAlgorithm.SHA256,
        TlogFixtures.sha256(KeyVectors.bytes(DIR + "payload.json")),
        Base64.getDecoder().decode(KeyVectors.text(DIR + "signature.b64")),
        ExpectedContent.Verifier.fromPem(KeyVectors.bytes(DIR + "certificate.pem")));
  }

  @Test
  void parsesTheAnnotation() {
    assertEquals(13452680, entry.logIndex());
    assertEquals(1676524985, entry.integratedTime());
    assertEquals(REKOR, entry.logIdHex());
    assertArrayEquals(KeyVectors.bytes(DIR + "rekor-entry-body.json"), entry.canonicalBody());
    assertTrue(entry.set().isPresent());
    assertTrue(entry.proof().isEmpty());
  }

  @Test
  void setVerifiesWithThePublicGoodRekorKey() {
    SignedEntryTimestamp.verify(entry, root);
  }

  @Test
  void leafHashIsTheEntryUuidSuffix() {
    assertEquals("aad9a85d28557698b94f22822b1cdbb18920215d7e9be0409a894292c37f277a",
        HexFormat.of().formatHex(InclusionProof.leafHash(entry.canonicalBody())));
  }

  @Test
  void bodyMatchesPayloadSignatureAndCertificate() {
    TlogVerification v = TlogEntryVerifier.verify(entry, root, expected());
    assertTrue(v.promiseVerified());
    assertFalse(v.proofVerified());
    assertEquals(Instant.ofEpochSecond(1676524985), v.integratedTime().orElseThrow());
    assertEquals(REKOR, v.logIdHex());
  }

  @Test
  void everyMutationOfTheSignedFieldsIsRejected() {
    String bad = "SET: signature invalid for log " + REKOR;
    rejects(bad, () -> SignedEntryTimestamp.verify(TlogFixtures.withBody(entry, flip(entry.canonicalBody(), 100)), root));
    rejects(bad, () -> SignedEntryTimestamp.verify(TlogFixtures.withSet(entry, flip(entry.set().orElseThrow(), 40)), root));
    rejects(bad, () -> SignedEntryTimestamp.verify(TlogFixtures.withIndexAndTime(entry, entry.logIndex() + 1, entry.integratedTime()), root));
    rejects(bad, () -> SignedEntryTimestamp.verify(TlogFixtures.withIndexAndTime(entry, entry.logIndex(), entry.integratedTime() - 1), root));
    byte[] otherLog = flip(entry.logId(), 31);
    rejects("SET: unknown transparency log " + HexFormat.of().formatHex(otherLog),
        () -> SignedEntryTimestamp.verify(TlogFixtures.withLogId(entry, otherLog), root));
    rejects("transparency log entry: unknown transparency log " + HexFormat.of().formatHex(otherLog),
        () -> TlogEntryVerifier.verify(TlogFixtures.withLogId(entry, otherLog), root, expected()));
    rejects("SET: key of log " + REKOR + " was not valid at integrated time 2020-",
        () -> SignedEntryTimestamp.verify(TlogFixtures.withIndexAndTime(entry, entry.logIndex(), 1600000000), root));
    rejects("neither a signed entry timestamp nor an inclusion proof",
        () -> TlogEntryVerifier.verify(TlogFixtures.withoutSet(entry), root, expected()));
  }

  @Test
  void bodyMismatchesNameTheFailedCheck() {
    ExpectedContent.MessageSignature ok = (ExpectedContent.MessageSignature) expected();
    rejects("transparency log entry: artifact digest does not match", () -> TlogEntryVerifier.verify(entry, root,
        new ExpectedContent.MessageSignature(ok.algorithm(), flip(ok.digest(), 0), ok.signature(), ok.verifier())));
    rejects("transparency log entry: artifact digest algorithm \"sha256\" does not match sha384", () -> TlogEntryVerifier.verify(entry, root,
        new ExpectedContent.MessageSignature(DigestAlgorithm.SHA384, ok.digest(), ok.signature(), ok.verifier())));
    rejects("transparency log entry: signature does not match", () -> TlogEntryVerifier.verify(entry, root,
        new ExpectedContent.MessageSignature(ok.algorithm(), ok.digest(), flip(ok.signature(), 10), ok.verifier())));
    ExpectedContent.Verifier otherKey = ExpectedContent.Verifier.publicKey(
        PublicKeys.fromPem(KeyVectors.bytes("keys/cosign-label_p256_pw-123.pub")).getEncoded());
    rejects("transparency log entry: public key or certificate does not match", () -> TlogEntryVerifier.verify(entry, root,
        new ExpectedContent.MessageSignature(ok.algorithm(), ok.digest(), ok.signature(), otherKey)));
    rejects("transparency log entry: kind hashedrekord 0.0.1 does not hold a DSSE envelope", () -> TlogEntryVerifier.verify(entry, root,
        new ExpectedContent.Dsse("t", new byte[1], java.util.List.of(ok.signature()), ok.verifier(), java.util.Optional.empty())));
    // a changed body byte fails before the SET: the body no longer describes this signature
    byte[] body = new String(entry.canonicalBody(), java.nio.charset.StandardCharsets.UTF_8)
        .replace("\"value\":\"d1226e", "\"value\":\"e1226e").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    rejects("transparency log entry: artifact digest does not match",
        () -> TlogEntryVerifier.verify(TlogFixtures.withBody(entry, body), root, expected()));
  }
}
