package dev.jcosign.core.signature;

import dev.jcosign.core.oci.Digest;
import dev.jcosign.core.oci.ImageReference;
import dev.jcosign.core.oci.Repository;
import java.util.Optional;

/**
 * Where cosign keeps what it attaches to an image: tag {@code sha256-<hex>.sig} (or {@code .att})
 * in the image's repository, or in {@code COSIGN_REPOSITORY} when that is set (spec §3.1).
 */
public record SignatureLayout(Optional<Repository> override) {

  public static SignatureLayout standard() {
    return new SignatureLayout(Optional.empty());
  }

  /** The repository signatures of an image in {@code imageRepo} live in. */
  public Repository repositoryFor(Repository imageRepo) {
    return override.orElse(imageRepo);
  }

  /** {@code <repo>:sha256-<hex>.sig}. */
  public ImageReference signatureTag(Repository imageRepo, Digest subject) {
    return ImageReference.of(repositoryFor(imageRepo), subject.tagStem() + ".sig");
  }

  /** {@code <repo>:sha256-<hex>.att}. */
  public ImageReference attestationTag(Repository imageRepo, Digest subject) {
    return ImageReference.of(repositoryFor(imageRepo), subject.tagStem() + ".att");
  }
}
