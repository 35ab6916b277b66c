package dev.jcosign.fuzz;

import static dev.jcosign.fuzz.ParsersFuzzTest.typedOnly;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.jcosign.core.json.Json;
import dev.jcosign.core.keys.DigestAlgorithm;
import dev.jcosign.core.rekor.InclusionProofData;
import dev.jcosign.core.tlog.CanonicalJson;
import dev.jcosign.core.tlog.EntryBodies;
import dev.jcosign.core.tlog.ExpectedContent;
import dev.jcosign.core.tlog.InclusionProof;
import dev.jcosign.core.tlog.TlogEntries;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Transparency-log entry bodies and inclusion proofs from an untrusted log (issue 11): whatever the body
 * or the audit path, the checks end in a typed error or a pass, never another exception or a hang.
 */
class TlogFuzzTest {
  private static final ExpectedContent.Verifier KEY = ExpectedContent.Verifier.publicKey(spki());

  private static byte[] spki() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair().getPublic().getEncoded();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @FuzzTest(maxDuration = ParsersFuzzTest.DURATION)
  void tlogEntryBodies(FuzzedDataProvider d) {
    byte[] digest = d.consumeBytes(d.consumeBoolean() ? 32 : 64);
    byte[] sig = d.consumeBytes(72);
    byte[] payload = d.consumeBytes(64);
    byte[] body = d.consumeRemainingAsBytes();
    typedOnly(() -> EntryBodies.check(body, new ExpectedContent.MessageSignature(DigestAlgorithm.SHA256, digest, sig, KEY)));
    typedOnly(() -> EntryBodies.check(body, new ExpectedContent.Dsse("application/vnd.in-toto+json", payload, List.of(sig), KEY,
        Optional.empty())));
    typedOnly(() -> TlogEntries.fromLegacyBundle(body));
    typedOnly(() -> CanonicalJson.bytes(Json.parse(body, "fuzz")));
  }

  @FuzzTest(maxDuration = ParsersFuzzTest.DURATION)
  void inclusionProofs(FuzzedDataProvider d) {
    long index = d.consumeLong();
    long size = d.consumeLong();
    byte[] root = d.consumeBytes(32);
    int n = d.consumeInt(0, 80);
    List<byte[]> path = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      path.add(d.consumeBytes(d.consumeBoolean() ? 32 : d.consumeInt(0, 40)));
    }
    byte[] body = d.consumeRemainingAsBytes();
    typedOnly(() -> InclusionProof.verify(body, new InclusionProofData(index, root, size, path, Optional.empty())));
  }
}
