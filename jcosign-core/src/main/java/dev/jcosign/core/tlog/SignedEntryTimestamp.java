package dev.jcosign.core.tlog;

import dev.jcosign.core.rekor.TlogEntry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcosign.core.error.VerificationException;
import dev.jcosign.core.json.Json;
import dev.jcosign.core.keys.DigestAlgorithm;
import dev.jcosign.core.keys.Signatures;
import java.time.Instant;
import java.util.Base64;

/**
 * The Rekor v1 signed entry timestamp (inclusion promise): the log's signature over the RFC 8785
 * canonical JSON {@code {"body","integratedTime","logID","logIndex"}} (spec §6.3, §4.4 step 3, §10 #6).
 */
public final class SignedEntryTimestamp {
  private SignedEntryTimestamp() {}

  /** The exact bytes the log signed for {@code entry}: body base64, log ID always as hex. */
  public static byte[] signedPayload(TlogEntry entry) {
    ObjectNode p = Json.object();
    p.put("body", Base64.getEncoder().encodeToString(entry.canonicalBody()));
    p.put("integratedTime", entry.integratedTime());
    p.put("logID", entry.logIdHex());
    p.put("logIndex", entry.logIndex());
    return CanonicalJson.bytes(p);
  }

  /**
   * Verifies the entry's SET with the trusted log named by its log ID; {@link VerificationException}
   * when there is none, the log is unknown, its key was not valid then, or the signature fails.
   */
  public static void verify(TlogEntry entry, TrustedRoot root) {
    byte[] set = entry.set().orElseThrow(() -> new VerificationException("SET: entry has no signed entry timestamp"));
    String id = entry.logIdHex();
    TransparencyLogInstance log = root.tlog(entry.logId())
        .orElseThrow(() -> new VerificationException("SET: unknown transparency log " + id));
    Instant at = Instant.ofEpochSecond(entry.integratedTime());
    if (!log.validFor().contains(at)) {
      throw new VerificationException("SET: key of log " + id + " was not valid at integrated time " + at);
    }
    boolean ok;
    try {
      ok = Signatures.verify(log.publicKey(), signedPayload(entry), set, DigestAlgorithm.SHA256);
    } catch (RuntimeException e) {
      throw new VerificationException("SET: cannot use key of log " + id + ": " + e.getMessage(), e);
    }
    if (!ok) {
      throw new VerificationException("SET: signature invalid for log " + id);
    }
  }
}
