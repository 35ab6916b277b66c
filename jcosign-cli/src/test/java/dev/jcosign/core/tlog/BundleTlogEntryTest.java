package dev.jcosign.core.tlog;

import dev.jcosign.core.rekor.TlogEntry;
import dev.jcosign.core.rekor.InclusionProofData;

import static dev.jcosign.core.tlog.TlogFixtures.flip;
import static dev.jcosign.core.tlog.TlogFixtures.rejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcosign.core.keys.DigestAlgorithm;
import dev.jcosign.core.keys.PublicKeys;
import dev.jcosign.testing.KeyVectors;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real production (and staging Rekor v2) log entries from Sigstore bundles: SET where present,
 * inclusion proof, checkpoint and body all verify; each mutated byte class is rejected (spec §6.3, §6.6).
 */
class BundleTlogEntryTest {
  static final String ATTESTATION = "bundle-v0.3-attestation/oci-attestation.sigstore.json";
  static final String MANAGED_KEY = "conformance/managed-key-happy-path/bundle.sigstore.json";
  static final String HAPPY_V03 = "conformance/happy-path-v0.3/bundle.sigstore.json";
  static final String REKOR_V2 = "conformance/rekor2-dsse-happy-path/bundle.sigstore.json";

  static TrustedRoot rootFor(String bundle) {
    return bundle.equals(REKOR_V2)
        ? TrustedRoot.parse(KeyVectors.bytes("conformance/rekor2-dsse-happy-path/trusted_root.json"))
        : TlogFixtures.publicGoodRoot();
  }

  static ExpectedContent expectedFor(String path) {
    JsonNode b = TlogFixtures.bundle(path);
    JsonNode vm = b.path("verificationMaterial");
    Base64.Decoder d = Base64.getDecoder();
    ExpectedContent.Verifier verifier = vm.has("certificate")
        ? ExpectedContent.Verifier.certificate(d.decode(vm.path("certificate").path("rawBytes").asText()))
        : ExpectedContent.Verifier.publicKey(PublicKeys.fromPem(KeyVectors.bytes("conformance/managed-key-happy-path/key.pub")).getEncoded());
    if (b.has("messageSignature")) {
      JsonNode m = b.path("messageSignature");
      return new ExpectedContent.MessageSignature(DigestAlgorithm.SHA256,
          TlogFixtures.sha256(KeyVectors.bytes("conformance/a.txt")), d.decode(m.path("signature").asText()), verifier);
    }
    JsonNode env = b.path("dsseEnvelope");
    Optional<byte[]> envelopeJson = path.equals(ATTESTATION)
        ? Optional.of(KeyVectors.bytes("bundle-v0.3-attestation/legacy-layer-dsse-envelope.json"))
        : Optional.empty();
    return new ExpectedContent.Dsse(env.path("payloadType").asText(), d.decode(env.path("payload").asText()),
        List.of(d.decode(env.path("signatures").get(0).path("sig").asText())), verifier, envelopeJson);
  }

  private static TlogEntry entry(String path) {
    return TlogFixtures.firstEntry(TlogFixtures.bundle(path));
  }

  @ParameterizedTest
  @ValueSource(strings = {ATTESTATION, MANAGED_KEY, HAPPY_V03, REKOR_V2})
  void everythingVerifies(String path) {
    TlogEntry e = entry(path);
    TlogVerification v = TlogEntryVerifier.verify(e, rootFor(path), expectedFor(path));
    assertTrue(v.proofVerified());
    assertEquals(e.set().isPresent(), v.promiseVerified());
    assertEquals(!path.equals(REKOR_V2), v.integratedTime().isPresent());
  }

  @ParameterizedTest
  @ValueSource(strings = {ATTESTATION, MANAGED_KEY, HAPPY_V03})
  void setVerifiesOverHexLogIdAndGlobalIndex(String path) {
    TlogEntry e = entry(path);
    SignedEntryTimestamp.verify(e, rootFor(path));
    rejects("SET: signature invalid for log c0d23d6a", () -> SignedEntryTimestamp.verify(
        TlogFixtures.withSet(e, flip(e.set().orElseThrow(), 20)), rootFor(path)));
    // proof-only verification still holds without the promise (conformance: inclusion proof + checkpoint)
    TlogEntryVerifier.verify(TlogFixtures.withoutSet(e), rootFor(path), expectedFor(path));
  }

  @ParameterizedTest
  @ValueSource(strings = {ATTESTATION, MANAGED_KEY, HAPPY_V03, REKOR_V2})
  void proofMutationsAreRejected(String path) {
    TlogEntry e = entry(path);
    TransparencyLogInstance log = rootFor(path).tlog(e.logId()).orElseThrow();
    InclusionProofData p = TlogFixtures.proof(e);
    TlogEntryVerifier.verifyProof(e, log);
    rejects("inclusion proof: computed root ", () -> InclusionProof.verify(flip(e.canonicalBody(), 7), p));
    rejects("inclusion proof: computed root ", () -> InclusionProof.verify(e.canonicalBody(), TlogFixtures.withHash(p, 0)));
    rejects("inclusion proof: computed root ", () -> InclusionProof.verify(e.canonicalBody(), TlogFixtures.withHash(p, p.hashes().size() - 1)));
    byte[] otherRoot = flip(p.rootHash(), 31);
    rejects("does not match " + HexFormat.of().formatHex(otherRoot),
        () -> InclusionProof.verify(e.canonicalBody(), TlogFixtures.withRoot(p, otherRoot)));
    rejects("inclusion proof: ", () -> InclusionProof.verify(e.canonicalBody(), TlogFixtures.withShape(p, p.logIndex() - 1, p.treeSize())));
    rejects("inclusion proof: ", () -> InclusionProof.verify(e.canonicalBody(), TlogFixtures.withShape(p, p.logIndex(), p.treeSize() + 1)));
    rejects("inclusion proof: ", () -> InclusionProof.verify(e.canonicalBody(), TlogFixtures.withShape(p, p.logIndex(), p.treeSize() * 2)));
    rejects("inclusion proof: index " + p.treeSize() + " is not below tree size " + p.treeSize(),
        () -> InclusionProof.verify(e.canonicalBody(), TlogFixtures.withShape(p, p.treeSize(), p.treeSize())));
    List<byte[]> longer = new java.util.ArrayList<>(p.hashes());
    longer.add(new byte[32]);
    rejects("hashes are too many", () -> InclusionProof.verify(e.canonicalBody(),
        new InclusionProofData(p.logIndex(), p.rootHash(), p.treeSize(), longer, p.checkpoint())));
    rejects("hashes are too few", () -> InclusionProof.verify(e.canonicalBody(),
        new InclusionProofData(p.logIndex(), p.rootHash(), p.treeSize(), p.hashes().subList(0, p.hashes().size() - 1), p.checkpoint())));
    rejects("inclusion proof: hash 0 is 31 bytes", () -> InclusionProof.verify(e.canonicalBody(),
        new InclusionProofData(p.logIndex(), p.rootHash(), p.treeSize(), List.of(new byte[31]), p.checkpoint())));
  }

  @ParameterizedTest
  @ValueSource(strings = {ATTESTATION, MANAGED_KEY, HAPPY_V03, REKOR_V2})
  void checkpointMutationsAreRejected(String path) {
    TlogEntry e = entry(path);
    TrustedRoot root = rootFor(path);
    TransparencyLogInstance log = root.tlog(e.logId()).orElseThrow();
    InclusionProofData p = TlogFixtures.proof(e);
    String note = p.checkpoint().orElseThrow();
    Checkpoint cp = Checkpoint.parse(note);
    assertEquals(p.treeSize(), cp.size());
    cp.verify(log);
    String id = log.logIdHex();
    rejects("checkpoint: signature invalid for log " + id,
        () -> Checkpoint.parse(note.replaceFirst("^[a-z]", "X")).verify(log));
    rejects("checkpoint: signature invalid for log " + id,
        () -> Checkpoint.parse(TlogFixtures.corruptFirstSignature(note)).verify(log));
    String biggerTree = note.replaceFirst("\n" + p.treeSize() + "\n", "\n" + (p.treeSize() + 1) + "\n");
    rejects("checkpoint: tree size " + (p.treeSize() + 1) + " does not match inclusion proof tree size " + p.treeSize(),
        () -> TlogEntryVerifier.verifyProof(TlogFixtures.withProof(e, TlogFixtures.withCheckpoint(p, biggerTree)), log));
    rejects("checkpoint: root hash ", () -> Checkpoint.parse(note).requireSameTree(TlogFixtures.withRoot(p, flip(p.rootHash(), 0))));
    rejects("inclusion proof: missing checkpoint", () -> TlogEntryVerifier.verifyProof(
        TlogFixtures.withProof(e, new InclusionProofData(p.logIndex(), p.rootHash(), p.treeSize(), p.hashes(), Optional.empty())), log));
    rejects("checkpoint: malformed signed note: no blank line", () -> Checkpoint.parse(note.replace("\n\n", "\n")));
    TransparencyLogInstance other = root.tlogs().stream().filter(t -> !t.logIdHex().equals(id)).findFirst()
        .orElseGet(() -> TrustedRoot.parse(KeyVectors.bytes("conformance/rekor2-dsse-happy-path/trusted_root.json")).tlogs().get(0));
    rejects("checkpoint: no signature by log " + other.logIdHex(), () -> cp.verify(other));
    byte[] unknown = flip(e.logId(), 0);
    rejects("transparency log entry: unknown transparency log " + HexFormat.of().formatHex(unknown),
        () -> TlogEntryVerifier.verify(TlogFixtures.withoutSet(TlogFixtures.withLogId(e, unknown)), root, expectedFor(path)));
  }

  @ParameterizedTest
  @ValueSource(strings = {ATTESTATION, REKOR_V2})
  void dsseBodyMismatchesAreRejected(String path) {
    TlogEntry e = entry(path);
    ExpectedContent.Dsse ok = (ExpectedContent.Dsse) expectedFor(path);
    String digestCheck = path.equals(REKOR_V2) ? "artifact digest does not match" : "payload hash does not match";
    rejects("transparency log entry: " + digestCheck, () -> EntryBodies.check(e.canonicalBody(),
        new ExpectedContent.Dsse(ok.payloadType(), flip(ok.payload(), 3), ok.signatures(), ok.verifier(), ok.envelopeJson())));
    rejects("transparency log entry: signature does not match", () -> EntryBodies.check(e.canonicalBody(),
        new ExpectedContent.Dsse(ok.payloadType(), ok.payload(), List.of(flip(ok.signatures().get(0), 9)), ok.verifier(), ok.envelopeJson())));
    rejects("transparency log entry: public key or certificate does not match", () -> EntryBodies.check(e.canonicalBody(),
        new ExpectedContent.Dsse(ok.payloadType(), ok.payload(), ok.signatures(),
            ExpectedContent.Verifier.certificate(flip(ok.verifier().der(), 200)), ok.envelopeJson())));
    if (path.equals(ATTESTATION)) {
      rejects("transparency log entry: envelope hash does not match", () -> EntryBodies.check(e.canonicalBody(),
          new ExpectedContent.Dsse(ok.payloadType(), ok.payload(), ok.signatures(), ok.verifier(),
              Optional.of(flip(ok.envelopeJson().orElseThrow(), 5)))));
    }
  }
}
