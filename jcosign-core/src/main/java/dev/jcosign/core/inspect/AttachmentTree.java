package dev.jcosign.core.inspect;

import dev.jcosign.core.oci.Digest;
import dev.jcosign.core.oci.ImageReference;
import dev.jcosign.core.signature.AttachmentStore;
import dev.jcosign.core.signature.ImageResolver;
import dev.jcosign.core.signature.SignatureLayer;
import dev.jcosign.core.signature.SignatureLayout;
import dev.jcosign.core.spi.Progress;
import dev.jcosign.core.spi.Registry;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code tree}: which legacy attachment tags ({@code .sig}, {@code .att}, {@code .sbom}) exist for an
 * image and their layer digests, then its OCI 1.1 referrers (spec §3.9).
 */
public final class AttachmentTree {
  /** The kinds of attachment tag, in the order they are listed. */
  public enum Kind {
    SIGNATURES(AttachmentStore.Kind.SIGNATURES), ATTESTATIONS(AttachmentStore.Kind.ATTESTATIONS), SBOMS(AttachmentStore.Kind.SBOMS),
    /** An OCI 1.1 referrer (cosign v3's bundles among them); its {@code tag} is the referrer manifest by digest. */
    REFERRER(null);

    private final AttachmentStore.Kind stored;

    Kind(AttachmentStore.Kind stored) {
      this.stored = stored;
    }
  }

  /** One attachment tag that exists (or one referrer), with the digests of its layers; {@code label} names a referrer's kind. */
  public record Group(Kind kind, ImageReference tag, List<Digest> layers, String label) {
    public Group {
      layers = List.copyOf(layers);
    }
  }

  private final Registry registry;
  private final AttachmentStore store;

  public AttachmentTree(Registry registry, SignatureLayout layout) {
    this.registry = registry;
    // tree lists the .sig tag itself; signature referrers are listed among the referrers below
    this.store = AttachmentStore.of(registry, layout.withMode(SignatureLayout.ReferrersMode.LEGACY), Progress.SILENT);
  }

  /** The groups that exist, in {@link Kind} order; empty when nothing is attached. */
  public List<Group> list(ImageReference ref) {
    ImageReference pinned = ImageResolver.pin(registry, ref);
    List<Group> groups = new ArrayList<>();
    for (Kind k : List.of(Kind.SIGNATURES, Kind.ATTESTATIONS, Kind.SBOMS)) {
      store.read(pinned, k.stored).ifPresent(a -> groups.add(
          new Group(k, a.location(), a.image().layers().stream().map(SignatureLayer::digest).toList(), "")));
    }
    dev.jcosign.core.oci.Repository repo = store.repositoryFor(pinned.repository());
    for (AttachmentStore.Referrer r : store.referrers(pinned)) {
      groups.add(new Group(Kind.REFERRER, ImageReference.of(repo, r.manifest()), r.layers(), r.label()));
    }
    return groups;
  }
}
