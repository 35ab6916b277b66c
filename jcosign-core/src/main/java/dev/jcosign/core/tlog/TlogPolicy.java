package dev.jcosign.core.tlog;

import dev.jcosign.core.rekor.LoggedEntry;
import dev.jcosign.core.rekor.ProposedEntry;
import dev.jcosign.core.rekor.TlogEntry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcosign.core.error.CosignException;
import dev.jcosign.core.error.VerificationException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How a verifier treats the transparency log (spec §4.3 step 4, §4.4 step 3): ignored
 * ({@code --insecure-ignore-tlog}), or checked against the {@link TrustMaterial}: offline from a
 * bundle the signature carries, else (unless {@code --offline}) by searching the log online.
 *
 * @param mode {@link Mode}: check entries (searching the log for missing ones), only offline, or not at all
 * @param trust where the log keys (and TSA chains) come from (read on first use)
 * @param timestamps {@link Timestamps}: whether an RFC 3161 timestamp from a trusted TSA is required
 *     ({@code --use-signed-timestamps}, checked by {@code core.timestamp.SignedTimestamps}, spec §4.4 step 7)
 * @param search the {@code --rekor-url} log, searched when a signature carries no bundle
 */
public record TlogPolicy(Mode mode, TrustMaterial trust, Timestamps timestamps, TlogSearch search) {

  /** What is done with the transparency log, named rather than two positional booleans (issue 10). */
  public enum Mode {
    /** entries are checked; a signature without one is looked up in the log */
    VERIFY,
    /** {@code --offline}: entries are checked, the log is never searched */
    OFFLINE,
    /** {@code --insecure-ignore-tlog} */
    IGNORE
  }

  /** Whether a signed timestamp is required ({@code --use-signed-timestamps}). */
  public enum Timestamps { OPTIONAL, REQUIRED }

  public TlogPolicy {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(trust, "trust");
    Objects.requireNonNull(timestamps, "timestamps");
    Objects.requireNonNull(search, "search");
  }

  /** The mode of the verify flags: {@code --insecure-ignore-tlog} wins over {@code --offline}. */
  public static Mode mode(boolean ignoreTlog, boolean offline) {
    return ignoreTlog ? Mode.IGNORE : offline ? Mode.OFFLINE : Mode.VERIFY;
  }

  /** {@code --insecure-ignore-tlog}. */
  public boolean ignore() {
    return mode == Mode.IGNORE;
  }

  /** {@code --offline}: never search the log. */
  public boolean offline() {
    return mode == Mode.OFFLINE;
  }

  /** {@code --use-signed-timestamps}. */
  public boolean useSignedTimestamps() {
    return timestamps == Timestamps.REQUIRED;
  }

  /** {@code --insecure-ignore-tlog} with the embedded root (never read). */
  public static TlogPolicy ignored() {
    return new TlogPolicy(Mode.IGNORE, new TrustMaterial(TrustMaterial.Sources.embeddedOnly()), Timestamps.OPTIONAL,
        TlogSearch.none());
  }

  /** Loads the trusted root now, so a bad {@code --trusted-root} is reported as such rather than per signature. */
  public TrustedRoot root() {
    return trust.trustedRoot();
  }

  /**
   * Checks a legacy {@code dev.sigstore.cosign/bundle} annotation (spec §4.4 step 3): the body must
   * describe {@code expected} and the SET must verify with the log its {@code logID} names. Failures
   * read "error verifying bundle: &lt;check&gt;", as cosign words them.
   */
  public TlogVerification verifyLegacyBundle(String annotation, ExpectedContent expected) {
    TrustedRoot r = root(); // outside the try: a broken root is not a bundle failure
    try {
      TlogEntry entry = TlogEntries.fromLegacyBundle(annotation.getBytes(StandardCharsets.UTF_8));
      if (entry.set().isEmpty()) {
        throw new VerificationException("bundle has no SignedEntryTimestamp");
      }
      return TlogEntryVerifier.verify(entry, r, expected);
    } catch (CosignException e) {
      throw new VerificationException("error verifying bundle: " + e.getMessage(), e);
    }
  }

  /**
   * Checks a Sigstore bundle's {@code tlogEntries} (spec §4.3 step 4): at least one must verify. When
   * none does, the message lists each entry's failed check.
   */
  public TlogVerification verifyEntries(List<JsonNode> entries, ExpectedContent expected) {
    if (entries.isEmpty()) {
      throw missingEntry();
    }
    TrustedRoot r = root(); // outside the loop: a broken root is not an entry failure
    List<String> errors = new ArrayList<>();
    for (JsonNode e : entries) {
      try {
        return TlogEntryVerifier.verify(TlogEntries.fromBundleTlogEntry(e), r, expected);
      } catch (CosignException ex) {
        errors.add(ex.getMessage());
      }
    }
    throw new VerificationException("verifying bundle tlog entries: " + String.join("; ", errors));
  }

  /**
   * A signature without a bundle (spec §4.4 step 3): unless {@code --offline}, search the log for the
   * entry {@code proposal} would have and verify what it returns (SET and/or inclusion proof, body,
   * trusted log) as if it had come in a bundle. At least one entry must verify; the one with the
   * earliest integrated time is returned, as cosign uses it.
   */
  public TlogVerification verifyOnline(ProposedEntry proposal, ExpectedContent expected) {
    return verifyOnline(List.of(() -> proposal), expected);
  }

  /**
   * As above for content that may have been logged as any of several kinds (an attestation: {@code dsse},
   * or {@code intoto} from {@code attest --rekor-entry-type intoto}); they are searched in order until
   * one is found, each built only when needed (an attestation's proposal holds its whole envelope).
   */
  public TlogVerification verifyOnline(List<Supplier<ProposedEntry>> proposals, ExpectedContent expected) {
    if (offline()) {
      throw missingEntry();
    }
    List<LoggedEntry> found = List.of();
    for (int i = 0; i < proposals.size() && found.isEmpty(); i++) {
      found = search.find(proposals.get(i).get());
    }
    if (found.isEmpty()) {
      throw missingEntry();
    }
    TrustedRoot r = root();
    List<String> errors = new ArrayList<>();
    TlogVerification earliest = null;
    for (LoggedEntry e : found) {
      try {
        TlogVerification v = TlogEntryVerifier.verify(e.entry(), r, expected);
        if (earliest == null || v.integratedTime().orElse(Instant.MAX).isBefore(earliest.integratedTime().orElse(Instant.MAX))) {
          earliest = v;
        }
      } catch (CosignException ex) {
        errors.add(e.uuid() + ": " + ex.getMessage());
      }
    }
    if (earliest == null) {
      throw new VerificationException("verifying the transparency log entries found at " + search.url() + ": "
          + String.join("; ", errors));
    }
    return earliest;
  }

  /**
   * The failure when neither the material nor (unless {@code --offline}) the log holds an entry:
   * cosign's "offline verification failed" with {@code --offline}, "signature not found" otherwise.
   */
  public VerificationException missingEntry() {
    return new VerificationException(offline()
        ? "offline verification failed: the signature carries no transparency log bundle"
            + " (it was signed without --tlog-upload; verify with --insecure-ignore-tlog if that is expected)"
        : "signature not found in transparency log"
            + " (signed with --tlog-upload=false? then verify with --insecure-ignore-tlog)");
  }
}
