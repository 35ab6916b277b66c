package dev.jcosign.core.layout;

import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.oci.Digest;
import dev.jcosign.core.oci.ImageReference;
import dev.jcosign.core.oci.RawManifest;
import dev.jcosign.core.signature.SignatureLayout;
import dev.jcosign.core.spi.ImageLayout;
import dev.jcosign.core.spi.Registry;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code save} use case (spec §1.3): writes an image or index, with everything it references,
 * and its {@code .sig} and {@code .att} images into an OCI image layout, annotated with cosign's
 * {@code kind} values so that cosign's {@code load} and {@code verify --local-image} read it.
 * As cosign does, index.json is emptied first (blobs already in the directory are kept).
 */
public final class ImageSaver {
  private final Registry registry;
  private final ImageLayout layout;

  public ImageSaver(Registry registry, ImageLayout layout) {
    this.registry = registry;
    this.layout = layout;
  }

  /** Saves {@code ref}; signatures are read where {@code storage} says (COSIGN_REPOSITORY). Returns what was written. */
  public SavedImage save(ImageReference ref, SignatureLayout storage) {
    RawManifest top = registry.getManifest(ref).orElseThrow(() -> new InvalidInputException("image not found: " + ref.name()));
    ImageReference pinned = ref.withDigest(top.digest());
    layout.initialize();
    ManifestCopy copy = new ManifestCopy(registry, ref.repository(), layout, SavedImage.REPOSITORY, true);
    copy.content(top, pinned.name());
    boolean index = ManifestCopy.isIndex(top);
    layout.putManifest(SavedImage.ref(top.digest()), top, SavedImage.kind(index ? SavedImage.KIND_IMAGE_INDEX : SavedImage.KIND_IMAGE));
    Optional<RawManifest> sigs = attached(storage.signatureTag(ref.repository(), top.digest()));
    sigs.ifPresent(m -> layout.putManifest(SavedImage.ref(m.digest()), m, SavedImage.kind(SavedImage.KIND_SIGS)));
    Optional<RawManifest> atts = attached(storage.attestationTag(ref.repository(), top.digest()));
    atts.ifPresent(m -> layout.putManifest(SavedImage.ref(m.digest()), m, SavedImage.kind(SavedImage.KIND_ATTS)));
    // cosign v3's referrers (cosign-spec §1.3 save): their list, from the referrers API or the fallback
    // tag, is saved as the fallback index under its tag name, so the layout is read like a registry without
    // the API (verify --local-image) and load pushes the referrers back (children first, then the index)
    referrersIndex(storage.repositoryFor(ref.repository()), top.digest()).ifPresent(idx -> {
      ImageReference tag = ImageReference.of(storage.repositoryFor(ref.repository()), top.digest().tagStem());
      new ManifestCopy(registry, tag.repository(), layout, SavedImage.REPOSITORY, true).content(idx, tag.name());
      layout.putManifest(ImageReference.of(SavedImage.REPOSITORY, tag.tag()), idx, Map.of());
    });
    // cosign saves only the index's own signatures; `sign -r` also signs each child, and without
    // these a save/load round trip would drop them. They carry no kind, so cosign ignores them.
    for (Digest child : copy.children()) {
      for (ImageReference tag : List.of(storage.signatureTag(ref.repository(), child), storage.attestationTag(ref.repository(), child))) {
        attached(tag).ifPresent(m -> layout.putManifest(ImageReference.of(SavedImage.REPOSITORY, tag.tag()), m, Map.of()));
      }
    }
    return SavedImage.read(layout);
  }

  /** The referrers list of the image: the API's answer, else the fallback tag's index; empty when there is none. */
  private Optional<RawManifest> referrersIndex(dev.jcosign.core.oci.Repository repo, Digest subject) {
    Optional<RawManifest> fromApi = registry.referrers(repo, subject).map(b -> RawManifest.of(b, dev.jcosign.core.oci.MediaTypes.OCI_INDEX));
    return fromApi.or(() -> registry.getManifest(ImageReference.of(repo, subject.tagStem())))
        .filter(m -> dev.jcosign.core.json.Json.parse(m.bytes(), "referrers").path("manifests").size() > 0);
  }

  /** Copies a {@code .sig}/{@code .att} image's blobs into the layout; empty when the tag does not exist. */
  private Optional<RawManifest> attached(ImageReference tag) {
    Optional<RawManifest> m = registry.getManifest(tag);
    m.ifPresent(raw -> new ManifestCopy(registry, tag.repository(), layout, SavedImage.REPOSITORY, true).content(raw, tag.name()));
    return m;
  }
}
