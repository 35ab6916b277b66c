package dev.jcosign.core.signature;

import dev.jcosign.core.error.RegistryException;
import dev.jcosign.core.oci.ImageReference;
import dev.jcosign.core.oci.RawManifest;
import dev.jcosign.core.oci.Repository;
import dev.jcosign.core.spi.Progress;
import dev.jcosign.core.spi.Registry;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Appends one layer to an attachment image ({@code .sig} or {@code .att}) by read-modify-write
 * (spec §3.2). Blobs go first and the manifest last, so a failure at any point leaves the previous
 * manifest, and every earlier layer, in place.
 */
public final class AttachmentWriter {
  private final Registry registry;
  private final Progress progress;
  private final boolean dockerMediaTypes;

  /**
   * What to append and how existing layers are treated.
   *
   * @param isDuplicate true when {@code layer} is already in the image: nothing is written
   * @param replaced existing layers to drop before appending
   * @param noun "signature" or "attestation", for messages
   * @param announce stderr line printed before pushing, or null
   */
  public record Append(
      ImageReference tag,
      Repository subjectRepo,
      SignatureLayer layer,
      byte[] blob,
      Predicate<SignatureImage> isDuplicate,
      Predicate<SignatureLayer> replaced,
      String noun,
      String announce) {}

  public AttachmentWriter(Registry registry, Progress progress, boolean dockerMediaTypes) {
    this.registry = registry;
    this.progress = progress;
    this.dockerMediaTypes = dockerMediaTypes;
  }

  /** Returns false when the layer was already present and nothing was written. */
  public boolean append(Append a) {
    SignatureImage current;
    try {
      Optional<RawManifest> existing = registry.getManifest(a.tag());
      current = existing.map(m -> SignatureImage.parse(m, a.tag().name())).orElse(SignatureImage.empty(dockerMediaTypes));
    } catch (RegistryException e) {
      throw context("reading existing " + a.noun() + "s at " + a.tag().name(), e);
    }
    if (a.isDuplicate().test(current)) {
      progress.info(capitalised(a.noun()) + " already present in " + a.tag().repository().name() + ", not adding a duplicate");
      return false;
    }
    SignatureImage next = current.without(a.replaced()).append(a.layer());
    if (a.announce() != null) {
      progress.info(a.announce());
    }
    Repository repo = a.tag().repository();
    Optional<Repository> mountFrom = repo.equals(a.subjectRepo()) ? Optional.empty() : Optional.of(a.subjectRepo());
    try {
      registry.putBlob(repo, a.layer().digest(), a.blob(), mountFrom);
      byte[] config = next.configBytes();
      registry.putBlob(repo, next.manifest().config().digest(), config, Optional.empty());
      registry.putManifest(a.tag(), next.manifest().toRaw());
    } catch (RegistryException e) {
      throw context("pushing " + a.noun() + " to " + a.tag().name(), e);
    }
    return true;
  }

  private static String capitalised(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static RegistryException context(String what, RegistryException e) {
    return new RegistryException(what + ": " + e.getMessage(), e.status(), e.code(), e);
  }
}
