package dev.jcosign.core.tlog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcosign.core.error.CosignException;
import dev.jcosign.core.error.VerificationException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a verifier treats the transparency log (spec §4.3 step 4, §4.4 step 3): ignored
 * ({@code --insecure-ignore-tlog}), or checked offline against the {@link TrustMaterial}. Online
 * search for entries is not implemented, so material without an entry fails; {@code --offline}
 * only changes the wording to cosign's.
 *
 * @param ignore {@code --insecure-ignore-tlog}
 * @param offline {@code --offline}
 * @param trust where the log keys (and TSA chains) come from (read on first use)
 * @param useSignedTimestamps {@code --use-signed-timestamps}: an RFC 3161 timestamp from a trusted TSA
 *     is required (checked by {@code core.timestamp.SignedTimestamps}, spec §4.4 step 7)
 */
public record TlogPolicy(boolean ignore, boolean offline, TrustMaterial trust, boolean useSignedTimestamps) {

  public TlogPolicy {
    Objects.requireNonNull(trust, "trust");
  }

  /** A policy without {@code --use-signed-timestamps}. */
  public TlogPolicy(boolean ignore, boolean offline, TrustMaterial trust) {
    this(ignore, offline, trust, false);
  }

  /** {@code --insecure-ignore-tlog} with the embedded root (never read). */
  public static TlogPolicy ignored() {
    return new TlogPolicy(true, false, new TrustMaterial(TrustMaterial.Sources.embeddedOnly()));
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
   * The failure when the material carries no log entry: cosign's "offline verification failed" with
   * {@code --offline}; otherwise it would search the log online, which jcosign does not do yet.
   */
  public VerificationException missingEntry() {
    return new VerificationException(offline
        ? "offline verification failed: the signature carries no transparency log bundle"
        : "signature not found in transparency log");
  }
}
