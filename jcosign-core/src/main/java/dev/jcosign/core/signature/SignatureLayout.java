package dev.jcosign.core.signature;

import dev.jcosign.core.oci.Repository;
import java.util.Objects;
import java.util.Optional;

/**
 * Where cosign keeps what it attaches to an image: tag {@code sha256-<hex>.sig} (or {@code .att})
 * in the image's repository, or in {@code COSIGN_REPOSITORY} when that is set (spec §3.1); with
 * {@code --registry-referrers-mode=oci-1-1} legacy signature images are OCI 1.1 referrers instead (spec §3.7).
 */
public record SignatureLayout(Optional<Repository> override, ReferrersMode mode) {

  /** cosign's {@code --registry-referrers-mode} (spec §1.3 sign): where a legacy signature image is written. */
  public enum ReferrersMode {
    /** The {@code sha256-<hex>.sig} tag, read-modify-write (spec §3.2). */
    LEGACY,
    /** A referrer manifest of the image, pushed by digest (spec §3.7). */
    OCI_1_1
  }

  public SignatureLayout {
    Objects.requireNonNull(override, "override");
    Objects.requireNonNull(mode, "mode");
  }

  public SignatureLayout(Optional<Repository> override) {
    this(override, ReferrersMode.LEGACY);
  }

  public static SignatureLayout standard() {
    return new SignatureLayout(Optional.empty());
  }

  public SignatureLayout withMode(ReferrersMode m) {
    return new SignatureLayout(override, m);
  }

  /** The repository signatures of an image in {@code imageRepo} live in. */
  public Repository repositoryFor(Repository imageRepo) {
    return override.orElse(imageRepo);
  }
}
