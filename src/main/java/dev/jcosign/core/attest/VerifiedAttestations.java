package dev.jcosign.core.attest;

import dev.jcosign.core.oci.ImageReference;
import java.util.List;

/** The attestations of one image that passed every check and matched {@code --type}: envelope bytes as stored. */
public record VerifiedAttestations(ImageReference requested, ImageReference pinned, List<byte[]> envelopes) {
  public VerifiedAttestations {
    envelopes = envelopes.stream().map(byte[]::clone).toList();
  }
}
