package dev.jcosign.core.layout;

import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.oci.Descriptor;
import dev.jcosign.core.oci.ImageReference;
import dev.jcosign.core.oci.RawManifest;
import dev.jcosign.core.oci.Repository;
import dev.jcosign.core.signature.AttachmentStore;
import dev.jcosign.core.signature.SignatureLayout;
import dev.jcosign.core.spi.ImageLayout;
import dev.jcosign.core.spi.Registry;

/**
 * The {@code load} use case (spec §1.3): pushes what {@code save} wrote back to a registry. The
 * image goes to the destination reference (its tag, or its digest); the signature and attestation
 * images go to {@code sha256-<hex>.sig|.att} where {@code storage} says (COSIGN_REPOSITORY).
 */
public final class ImageLoader {
  private final ImageLayout layout;
  private final Registry registry;

  public ImageLoader(ImageLayout layout, Registry registry) {
    this.layout = layout;
    this.registry = registry;
  }

  /** Loads the layout's image into {@code dest}; returns the image reference pinned to its digest. */
  public ImageReference load(ImageReference dest, SignatureLayout storage) {
    SavedImage saved = SavedImage.read(layout);
    Descriptor subject = saved.subject();
    if (dest.hasDigest() && !dest.digest().equals(subject.digest())) {
      throw new InvalidInputException("cannot load " + subject.digest() + " from " + layout.location() + " as " + dest.name() + ": the digests differ");
    }
    Repository repo = dest.repository();
    push(subject, dest);
    // the saved .sig/.att images are whole images: put back under their tags as they are, not appended to
    AttachmentStore store = AttachmentStore.of(registry, storage, dev.jcosign.core.spi.Progress.SILENT);
    ImageReference pinned = dest.withDigest(subject.digest());
    saved.signatures().ifPresent(d -> push(d, store.tag(pinned, AttachmentStore.Kind.SIGNATURES)));
    saved.attestations().ifPresent(d -> push(d, store.tag(pinned, AttachmentStore.Kind.ATTESTATIONS)));
    for (Descriptor d : saved.attached()) {
      push(d, ImageReference.of(store.repositoryFor(repo), SavedImage.tagOf(d)));
    }
    return dest.withDigest(subject.digest());
  }

  private void push(Descriptor entry, ImageReference target) {
    ManifestCopy copy = new ManifestCopy(layout, SavedImage.REPOSITORY, registry, target.repository(), false);
    RawManifest raw = copy.fetch(SavedImage.ref(entry.digest()), entry.mediaType());
    copy.content(raw, layout.location() + "@" + entry.digest());
    registry.putManifest(target, raw);
  }
}
