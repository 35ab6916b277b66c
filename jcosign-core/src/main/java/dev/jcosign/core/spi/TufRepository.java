package dev.jcosign.core.spi;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A TUF client for a Sigstore TUF repository (spec §1.3 {@code initialize}): it runs the TUF client
 * workflow against a mirror and leaves the verified metadata and targets in a directory. Failures are
 * {@code TufRepositoryException}s naming the mirror and the file at fault.
 */
public interface TufRepository {
  /** The initial roots a TUF client ships with, for when no {@code --root} is given. */
  enum EmbeddedRoot { PUBLIC_GOOD, STAGING }

  /** What a refresh left behind. */
  record Refreshed(int rootVersion, Instant rootExpires, List<String> targets) {
    public Refreshed {
      targets = List.copyOf(targets);
    }
  }

  /** The {@code root.json} this client trusts out of the box for {@code which}. */
  byte[] embeddedRoot(EmbeddedRoot which);

  /** The bytes at an {@code http(s)} URL (an initial root given as {@code --root URL}), at most {@code maxBytes}. */
  byte[] download(URI url, long maxBytes);

  /**
   * Updates from {@code trustedRoot} (a TUF {@code root.json}) through the root versions {@code mirror}
   * publishes, then timestamp, snapshot and targets, checking signature thresholds, versions, expiry,
   * lengths and hashes, and downloads every target, each checked against its hashes. The metadata is
   * written to {@code metadataDir} ({@code root.json}, {@code timestamp.json}, {@code snapshot.json},
   * {@code targets.json}) and the targets to {@code metadataDir/targets/<name>}. The directory must be
   * new: nothing in it is trusted.
   */
  Refreshed refresh(URI mirror, byte[] trustedRoot, Path metadataDir);
}
