package dev.jcosign.core.layout;

import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.oci.Digest;
import dev.jcosign.core.oci.ImageReference;
import dev.jcosign.core.oci.RawManifest;
import dev.jcosign.core.signature.AttachmentStore;
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
    AttachmentStore store = AttachmentStore.of(registry, storage, dev.jcosign.core.spi.Progress.SILENT);
    attached(store, pinned, AttachmentStore.Kind.SIGNATURES)
        .ifPresent(m -> layout.putManifest(SavedImage.ref(m.digest()), m, SavedImage.kind(SavedImage.KIND_SIGS)));
    attached(store, pinned, AttachmentStore.Kind.ATTESTATIONS)
        .ifPresent(m -> layout.putManifest(SavedImage.ref(m.digest()), m, SavedImage.kind(SavedImage.KIND_ATTS)));
    // cosign v3's referrers (cosign-spec §1.3 save): their list, from the referrers API or the fallback
    // tag, is saved as the fallback index under its tag name, so the layout is read like a registry without
    // the API (verify --local-image) and load pushes the referrers back (children first, then the index)
    store.referrersIndex(pinned).ifPresent(found -> {
      ImageReference tag = found.location();
      RawManifest idx = found.raw();
      new ManifestCopy(registry, tag.repository(), layout, SavedImage.REPOSITORY, true).content(idx, tag.name());
      layout.putManifest(ImageReference.of(SavedImage.REPOSITORY, tag.tag()), idx, Map.of());
    });
    // cosign saves only the index's own signatures; `sign -r` also signs each child, and without
    // these a save/load round trip would drop them. They carry no kind, so cosign ignores them.
    for (Digest child : copy.children()) {
      ImageReference pinnedChild = ref.withDigest(child);
      for (AttachmentStore.Kind kind : List.of(AttachmentStore.Kind.SIGNATURES, AttachmentStore.Kind.ATTESTATIONS)) {
        String tag = store.tag(pinnedChild, kind).tag();
        attached(store, pinnedChild, kind).ifPresent(m -> layout.putManifest(ImageReference.of(SavedImage.REPOSITORY, tag), m, Map.of()));
      }
    }
    return SavedImage.read(layout);
  }

  /** Copies a {@code .sig}/{@code .att} image's blobs into the layout; empty when there is none. */
  private Optional<RawManifest> attached(AttachmentStore store, ImageReference pinned, AttachmentStore.Kind kind) {
    Optional<AttachmentStore.Attached> a = store.read(pinned, kind);
    a.ifPresent(x -> new ManifestCopy(registry, x.location().repository(), layout, SavedImage.REPOSITORY, true)
        .content(x.raw(), x.location().name()));
    return a.map(AttachmentStore.Attached::raw);
  }
}
