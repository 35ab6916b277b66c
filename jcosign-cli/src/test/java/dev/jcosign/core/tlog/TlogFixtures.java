package dev.jcosign.core.tlog;

import dev.jcosign.core.rekor.TlogEntry;
import dev.jcosign.core.rekor.InclusionProofData;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcosign.core.error.VerificationException;
import dev.jcosign.core.json.Json;
import dev.jcosign.testing.KeyVectors;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.function.Executable;

/** Loading the Rekor vectors and mutating entries byte by byte. */
final class TlogFixtures {
  private TlogFixtures() {}

  static TrustedRoot publicGoodRoot() {
    return TrustedRoot.parse(KeyVectors.bytes("trusted-roots/trusted_root_pgi.json"));
  }

  static JsonNode bundle(String path) {
    return Json.parse(KeyVectors.bytes(path), path);
  }

  static TlogEntry firstEntry(JsonNode bundle) {
    return TlogEntries.fromBundleTlogEntry(bundle.path("verificationMaterial").path("tlogEntries").get(0));
  }

  static byte[] flip(byte[] b, int i) {
    byte[] c = b.clone();
    c[i] ^= 0x01;
    return c;
  }

  static byte[] sha256(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(b);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static TlogEntry withBody(TlogEntry e, byte[] body) {
    return new TlogEntry(e.logIndex(), e.logId(), e.integratedTime(), body, e.set(), e.proof());
  }

  static TlogEntry withSet(TlogEntry e, byte[] set) {
    return new TlogEntry(e.logIndex(), e.logId(), e.integratedTime(), e.canonicalBody(), Optional.of(set), e.proof());
  }

  static TlogEntry withoutSet(TlogEntry e) {
    return new TlogEntry(e.logIndex(), e.logId(), e.integratedTime(), e.canonicalBody(), Optional.empty(), e.proof());
  }

  static TlogEntry withLogId(TlogEntry e, byte[] logId) {
    return new TlogEntry(e.logIndex(), logId, e.integratedTime(), e.canonicalBody(), e.set(), e.proof());
  }

  static TlogEntry withIndexAndTime(TlogEntry e, long index, long time) {
    return new TlogEntry(index, e.logId(), time, e.canonicalBody(), e.set(), e.proof());
  }

  static TlogEntry withProof(TlogEntry e, InclusionProofData p) {
    return new TlogEntry(e.logIndex(), e.logId(), e.integratedTime(), e.canonicalBody(), e.set(), Optional.of(p));
  }

  static InclusionProofData proof(TlogEntry e) {
    return e.proof().orElseThrow();
  }

  static InclusionProofData withHash(InclusionProofData p, int i) {
    List<byte[]> hashes = new ArrayList<>(p.hashes());
    hashes.set(i, flip(hashes.get(i), 0));
    return new InclusionProofData(p.logIndex(), p.rootHash(), p.treeSize(), hashes, p.checkpoint());
  }

  static InclusionProofData withRoot(InclusionProofData p, byte[] root) {
    return new InclusionProofData(p.logIndex(), root, p.treeSize(), p.hashes(), p.checkpoint());
  }

  static InclusionProofData withShape(InclusionProofData p, long index, long size) {
    return new InclusionProofData(index, p.rootHash(), size, p.hashes(), p.checkpoint());
  }

  static InclusionProofData withCheckpoint(InclusionProofData p, String checkpoint) {
    return new InclusionProofData(p.logIndex(), p.rootHash(), p.treeSize(), p.hashes(), Optional.of(checkpoint));
  }

  /** Flips one bit of the base64 signature of the first signature line (inside the signature, past the hint). */
  static String corruptFirstSignature(String note) {
    int line = note.indexOf("\n\n") + 2;
    int sig = note.indexOf(' ', note.indexOf(' ', line) + 1) + 1 + 12;
    char c = note.charAt(sig);
    return note.substring(0, sig) + (c == 'A' ? 'B' : 'A') + note.substring(sig + 1);
  }

  static void rejects(String expectedMessagePart, Executable check) {
    VerificationException e = assertThrows(VerificationException.class, check);
    assertTrue(e.getMessage().contains(expectedMessagePart), "message was: " + e.getMessage());
    assertEquals(-1, e.getMessage().indexOf('\n'), "one-line message");
  }
}
