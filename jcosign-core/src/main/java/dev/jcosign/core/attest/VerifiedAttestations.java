package dev.jcosign.core.attest;

import dev.jcosign.core.oci.ImageReference;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The attestations of one image that passed every check and matched {@code --type}: envelope bytes
 * as stored, as read-only buffers (an envelope can be tens of MB; it is not copied, issue 4).
 *
 * @param tlogVerified some verified layer's transparency log entry was checked (spec §4.5 header)
 * @param tlogOnline some of those entries were found by searching the log (no bundle)
 */
public record VerifiedAttestations(ImageReference requested, ImageReference pinned, List<ByteBuffer> envelopes, boolean tlogVerified,
    boolean tlogOnline) {
  public VerifiedAttestations {
    envelopes = envelopes.stream().map(ByteBuffer::asReadOnlyBuffer).toList();
  }

  /** Fresh read-only views: reading one (which moves its position) leaves this record unchanged. */
  @Override
  public List<ByteBuffer> envelopes() {
    return envelopes.stream().map(ByteBuffer::asReadOnlyBuffer).toList();
  }
}
