package dev.jcosign.core.signature;

import dev.jcosign.core.error.ImageNotFoundException;
import dev.jcosign.core.error.RegistryException;
import dev.jcosign.core.oci.Descriptor;
import dev.jcosign.core.oci.ImageReference;
import dev.jcosign.core.spi.Registry;
import java.util.Optional;

/**
 * The one tag-to-digest resolution every use case shares (issue 10): a digest reference is taken as it
 * is, a tag is looked up with a HEAD; a missing image is always {@link ImageNotFoundException}
 * ({@code image tag not found: <ref>}, exit code 11, spec §4.5), a registry failure names the reference.
 */
public final class ImageResolver {
  private ImageResolver() {}

  /** The reference pinned to its digest. */
  public static ImageReference pin(Registry registry, ImageReference ref) {
    return ref.hasDigest() ? ref.withDigest(ref.digest()) : ref.withDigest(describe(registry, ref).digest());
  }

  /** The manifest's descriptor (media type, digest, size), looked up even for a digest reference. */
  public static Descriptor describe(Registry registry, ImageReference ref) {
    Optional<Descriptor> d;
    try {
      d = registry.head(ref);
    } catch (RegistryException e) {
      throw new RegistryException("resolving " + ref.name() + ": " + e.getMessage(), e.status(), e.code(), e);
    }
    return d.orElseThrow(() -> new ImageNotFoundException(ref.hasDigest()
        ? "image not found: " + ref.name() + " (the repository has no manifest with that digest)"
        : "image tag not found: " + ref.name(), null));
  }

  /**
   * The reference pinned to its digest, checked to exist even when it is a digest already: what is signed
   * or attested must be in the repository (cosign fails the same way), else a signature would be left
   * beside a missing image (issue 11).
   */
  public static ImageReference pinExisting(Registry registry, ImageReference ref) {
    return ref.withDigest(describe(registry, ref).digest());
  }
}
