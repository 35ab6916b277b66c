package dev.jcosign.core.attest;

import dev.jcosign.core.oci.ImageReference;
import java.util.List;

/**
 * The attestations of one image that passed every check and matched {@code --type}: envelope bytes as stored.
 *
 * @param tlogVerified some verified layer's transparency log bundle was checked offline (spec §4.5 header)
 */
public record VerifiedAttestations(ImageReference requested, ImageReference pinned, List<byte[]> envelopes, boolean tlogVerified) {
  public VerifiedAttestations {
    envelopes = envelopes.stream().map(byte[]::clone).toList();
  }
}
