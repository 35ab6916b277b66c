package dev.jcosign.core.layout;

import dev.jcosign.core.error.RegistryException;
import dev.jcosign.core.oci.Descriptor;
import dev.jcosign.core.oci.Digest;
import dev.jcosign.core.oci.ImageManifest;
import dev.jcosign.core.oci.ImageReference;
import dev.jcosign.core.oci.MediaTypes;
import dev.jcosign.core.oci.RawManifest;
import dev.jcosign.core.oci.Repository;
import dev.jcosign.core.spi.ImageLayout;
import dev.jcosign.core.spi.Registry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Copies what a manifest needs from one store to another: the config and layer blobs of an image,
 * and, for an index, every child manifest with its own content, depth first. The top manifest
 * itself is left to the caller, which knows its tag or index.json annotations.
 */
final class ManifestCopy {
  private final Registry from;
  private final Repository fromRepo;
  private final Registry to;
  private final Repository toRepo;
  private final boolean childrenAsBlobs;
  private final List<Digest> children = new ArrayList<>();

  /**
   * @param childrenAsBlobs true when writing a layout: children of an index are plain blobs there,
   *     not index.json entries (what cosign's save writes); false for a registry (pushed by digest)
   */
  ManifestCopy(Registry from, Repository fromRepo, Registry to, Repository toRepo, boolean childrenAsBlobs) {
    this.from = from;
    this.fromRepo = fromRepo;
    this.to = to;
    this.toRepo = toRepo;
    this.childrenAsBlobs = childrenAsBlobs;
  }

  /** Every child manifest copied so far (all levels), in copy order. */
  List<Digest> children() {
    return List.copyOf(children);
  }

  /** The manifest {@code ref} names in the source, with the media type its descriptor gives. */
  RawManifest fetch(ImageReference ref, String mediaType) {
    RawManifest raw = from.getManifest(ref).orElseThrow(() -> new RegistryException("manifest not found: " + name(ref), 404, "MANIFEST_UNKNOWN"));
    // a layout can only guess the type of a manifest stored as a blob; the parent's descriptor knows
    return mediaType == null || mediaType.isEmpty() ? raw : new RawManifest(raw.bytes(), mediaType, raw.digest());
  }

  /** Copies everything {@code raw} references (not {@code raw} itself). */
  void content(RawManifest raw, String what) {
    if (isIndex(raw)) {
      for (Descriptor child : ImageManifest.indexChildren(raw, what)) {
        ImageReference childRef = ImageReference.of(fromRepo, child.digest());
        RawManifest c = fetch(childRef, child.mediaType());
        content(c, name(childRef));
        if (childrenAsBlobs) {
          to.putBlob(toRepo, c.digest(), c.bytes(), Optional.empty());
        } else {
          to.putManifest(ImageReference.of(toRepo, c.digest()), c);
        }
        children.add(c.digest());
      }
      return;
    }
    ImageManifest m = ImageManifest.parse(raw, what);
    blob(m.config());
    for (Descriptor layer : m.layers()) {
      if (!foreign(layer)) {
        blob(layer);
      }
    }
  }

  private void blob(Descriptor d) {
    if (to.blobExists(toRepo, d.digest())) {
      return;
    }
    byte[] bytes = from.getBlob(fromRepo, d, Integer.MAX_VALUE - 8);
    to.putBlob(toRepo, d.digest(), bytes, Optional.of(fromRepo).filter(r -> from == to));
  }

  /** For messages: a layout's manifests are named by directory, not by our placeholder repository. */
  private String name(ImageReference ref) {
    return from instanceof ImageLayout l ? l.location() + "@" + ref.identifier() : ref.name();
  }

  static boolean isIndex(RawManifest raw) {
    if (MediaTypes.isIndex(raw.mediaType())) {
      return true;
    }
    if (MediaTypes.MANIFESTS.contains(raw.mediaType())) {
      return false;
    }
    return new String(raw.bytes(), StandardCharsets.UTF_8).contains("\"manifests\"");
  }

  /** Foreign (non-distributable) layers live elsewhere by design; registries do not serve them. */
  private static boolean foreign(Descriptor layer) {
    return layer.mediaType().contains("foreign") || layer.mediaType().contains("nondistributable");
  }
}
