package dev.jcosign.core.verify;

import dev.jcosign.core.oci.Digest;
import java.util.List;

/**
 * Outcome for one {@code verify --local-image} directory: the signatures that verified, or the
 * failure that ends the command when it is reached in argument order.
 *
 * @param location the directory as given (cosign's header names it)
 * @param digest the saved image's digest; null when the layout could not be read
 */
public record VerifiedLocalImage(String location, Digest digest, List<VerifiedSignature> signatures, RuntimeException failure) {
  public VerifiedLocalImage {
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
