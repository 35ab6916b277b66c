package dev.jcosign.core.timestamp;

import dev.jcosign.core.error.VerificationException;
import dev.jcosign.core.tlog.TrustedAuthority;
import dev.jcosign.core.tlog.TlogPolicy;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The RFC 3161 step of the verify commands (spec §4.4 step 7, §6.4). With
 * {@code --use-signed-timestamps} at least one timestamp must be present and every one present must
 * verify against the trusted root's {@code timestampAuthorities}. Without the flag, timestamps that
 * are present are still checked when the trusted root is in use anyway (the log is not ignored) and
 * names a TSA, so a tampered or foreign timestamp is not silently carried along; they are ignored when
 * it names none (nothing to check them against) and with {@code --insecure-ignore-tlog}, which reads
 * no trust material unless asked to.
 */
public final class SignedTimestamps {
  private SignedTimestamps() {}

  /** The earliest verified genTime, or empty when nothing was checked. */
  public static Optional<Instant> verify(TlogPolicy policy, List<byte[]> timestamps, byte[] signature) {
    return verify(policy, timestamps, List.of(signature));
  }

  /** As above where a timestamp may cover any of {@code stamped} (see {@link TimestampVerifier#verify(byte[], List, List)}). */
  public static Optional<Instant> verify(TlogPolicy policy, List<byte[]> timestamps, List<byte[]> stamped) {
    if (!policy.useSignedTimestamps() && policy.ignore()) {
      return Optional.empty();
    }
    if (timestamps.isEmpty()) {
      if (policy.useSignedTimestamps()) {
        throw new VerificationException("--use-signed-timestamps: the signature carries no rfc3161 timestamp");
      }
      return Optional.empty();
    }
    List<TrustedAuthority> tsas = policy.root().timestampAuthorities();
    if (tsas.isEmpty()) {
      if (policy.useSignedTimestamps()) {
        throw new VerificationException("--use-signed-timestamps: " + policy.trust().origin()
            + " names no timestamp authority; give --trusted-root with timestampAuthorities");
      }
      return Optional.empty();
    }
    Instant earliest = null;
    for (byte[] t : timestamps) {
      Instant at = TimestampVerifier.verify(t, stamped, tsas);
      earliest = earliest == null || at.isBefore(earliest) ? at : earliest;
    }
    return Optional.of(earliest);
  }
}
