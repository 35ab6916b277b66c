package dev.jcosign.core.inspect;

import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.error.RegistryException;
import dev.jcosign.core.oci.Descriptor;
import dev.jcosign.core.oci.ImageReference;
import dev.jcosign.core.oci.RawManifest;
import dev.jcosign.core.signature.SignatureImage;
import dev.jcosign.core.signature.SignatureLayer;
import dev.jcosign.core.spi.Registry;
import java.util.List;
import java.util.Optional;

/** Reading what is attached to an image: shared by {@code download} and {@code tree}. */
final class Attachments {
  private Attachments() {}

  /** The digest reference of {@code ref}, resolving a tag. */
  static ImageReference resolve(Registry registry, ImageReference ref) {
    return dev.jcosign.core.signature.ImageResolver.pin(registry, ref);
  }

  /** The layers under an attachment tag; empty when the tag does not exist. */
  static Optional<List<SignatureLayer>> layers(Registry registry, ImageReference tag) {
    Optional<RawManifest> raw;
    try {
      raw = registry.getManifest(tag);
    } catch (RegistryException e) {
      throw new RegistryException("fetching " + tag.name() + ": " + e.getMessage(), e.status(), e.code(), e);
    }
    return raw.map(m -> SignatureImage.parse(m, tag.name()).layers());
  }
}
