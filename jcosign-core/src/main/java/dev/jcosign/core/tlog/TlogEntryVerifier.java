package dev.jcosign.core.tlog;

import dev.jcosign.core.rekor.TlogEntry;
import dev.jcosign.core.rekor.InclusionProofData;

import dev.jcosign.core.error.VerificationException;
import java.time.Instant;
import java.util.Optional;

/**
 * Offline verification of one transparency-log entry (spec §4.3, §4.4 step 3, §6.3): the body
 * describes the signature being verified, the log is trusted, and the log vouched for the entry by a
 * SET and/or an inclusion proof whose checkpoint the same log signed.
 */
public final class TlogEntryVerifier {
  private TlogEntryVerifier() {}

  /** Runs every check; the first failure is a {@link VerificationException} naming it. */
  public static TlogVerification verify(TlogEntry entry, TrustedRoot root, ExpectedContent expected) {
    EntryBodies.check(entry.canonicalBody(), expected);
    TransparencyLogInstance log = root.tlog(entry.logId())
        .orElseThrow(() -> new VerificationException("transparency log entry: unknown transparency log " + entry.logIdHex()));
    if (entry.set().isEmpty() && entry.proof().isEmpty()) {
      throw new VerificationException("transparency log entry: has neither a signed entry timestamp nor an inclusion proof");
    }
    if (entry.set().isPresent()) {
      SignedEntryTimestamp.verify(entry, root);
    }
    if (entry.proof().isPresent()) {
      verifyProof(entry, log);
    }
    return new TlogVerification(
        entry.logIndex(),
        entry.logIdHex(),
        entry.integratedTime() > 0 ? Optional.of(Instant.ofEpochSecond(entry.integratedTime())) : Optional.empty(),
        entry.set().isPresent(),
        entry.proof().isPresent());
  }

  /** Inclusion proof to the root hash, then the checkpoint: same tree, signed by the entry's log. */
  static void verifyProof(TlogEntry entry, TransparencyLogInstance log) {
    InclusionProofData proof = entry.proof().orElseThrow();
    InclusionProof.verify(entry.canonicalBody(), proof);
    Checkpoint cp = Checkpoint.parse(proof.checkpoint()
        .orElseThrow(() -> new VerificationException("inclusion proof: missing checkpoint")));
    cp.requireSameTree(proof);
    cp.verify(log);
  }
}
