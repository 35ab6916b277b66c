package dev.jcosign.core.inspect;

import dev.jcosign.core.oci.Digest;
import dev.jcosign.core.oci.ImageReference;
import dev.jcosign.core.signature.SignatureLayer;
import dev.jcosign.core.signature.SignatureLayout;
import dev.jcosign.core.spi.Registry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code tree}: which legacy attachment tags ({@code .sig}, {@code .att}, {@code .sbom}) exist for an
 * image and their layer digests, then its OCI 1.1 referrers (spec §3.9).
 */
public final class AttachmentTree {
  /** The kinds of attachment tag, in the order they are listed. */
  public enum Kind {
    SIGNATURES(".sig"), ATTESTATIONS(".att"), SBOMS(".sbom"),
    /** An OCI 1.1 referrer (cosign v3's bundles among them); its {@code tag} is the referrer manifest by digest. */
    REFERRER("");

    private final String suffix;

    Kind(String suffix) {
      this.suffix = suffix;
    }
  }

  /** One attachment tag that exists (or one referrer), with the digests of its layers; {@code label} names a referrer's kind. */
  public record Group(Kind kind, ImageReference tag, List<Digest> layers, String label) {
    public Group {
      layers = List.copyOf(layers);
    }
  }

  private final Registry registry;
  private final SignatureLayout layout;

  public AttachmentTree(Registry registry, SignatureLayout layout) {
    this.registry = registry;
    this.layout = layout;
  }

  /** The groups that exist, in {@link Kind} order; empty when nothing is attached. */
  public List<Group> list(ImageReference ref) {
    ImageReference pinned = Attachments.resolve(registry, ref);
    List<Group> groups = new ArrayList<>();
    for (Kind k : List.of(Kind.SIGNATURES, Kind.ATTESTATIONS, Kind.SBOMS)) {
      ImageReference tag = ImageReference.of(layout.repositoryFor(pinned.repository()), pinned.digest().tagStem() + k.suffix);
      Optional<List<SignatureLayer>> layers = Attachments.layers(registry, tag);
      layers.ifPresent(ls -> groups.add(new Group(k, tag, ls.stream().map(SignatureLayer::digest).toList(), "")));
    }
    dev.jcosign.core.oci.Repository repo = layout.repositoryFor(pinned.repository());
    for (var r : new dev.jcosign.core.signature.ReferrerBundles(registry, dev.jcosign.core.spi.Progress.SILENT)
        .list(repo, pinned.digest())) {
      groups.add(new Group(Kind.REFERRER, ImageReference.of(repo, r.manifest()), r.layers(), r.label()));
    }
    return groups;
  }
}
