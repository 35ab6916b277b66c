package dev.jcosign.core.verify;

import dev.jcosign.core.oci.ImageReference;
import java.util.List;

/**
 * Outcome for one image argument: either the signatures that verified, or the failure that ends
 * the command when it is reached in argument order (cosign stops at the first failing image).
 */
public record VerifiedImage(ImageReference requested, ImageReference pinned, List<VerifiedSignature> signatures, RuntimeException failure) {
  public VerifiedImage {
    signatures = signatures == null ? List.of() : List.copyOf(signatures);
  }

  public boolean ok() {
    return failure == null;
  }

  /** At least one signature's transparency log bundle verified (the header line of spec §4.5). */
  public boolean tlogVerified() {
    return signatures.stream().anyMatch(VerifiedSignature::tlogVerified);
  }

  /** Some signature's log entry was found by searching the log online (spec §4.5 header lines). */
  public boolean tlogOnline() {
    return signatures.stream().anyMatch(VerifiedSignature::tlogOnline);
  }
}
