package dev.jcosign.core.signature;

import dev.jcosign.core.error.RegistryException;
import dev.jcosign.core.oci.Descriptor;
import dev.jcosign.core.oci.Digest;
import dev.jcosign.core.oci.ImageReference;
import dev.jcosign.core.oci.RawManifest;
import dev.jcosign.core.oci.Repository;
import dev.jcosign.core.spi.Progress;
import dev.jcosign.core.spi.Registry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@link AttachmentStore} over a remote registry or an OCI layout. Legacy images go under their tags,
 * or, for signatures in {@link SignatureLayout.ReferrersMode#OCI_1_1}, to referrers ({@link
 * SignatureReferrers}); bundles are referrers ({@link ReferrerBundles}).
 */
final class RegistryAttachmentStore implements AttachmentStore {
  private final Registry registry;
  private final SignatureLayout layout;
  private final Progress progress;
  private final ReferrerBundles bundles;

  RegistryAttachmentStore(Registry registry, SignatureLayout layout, Progress progress) {
    this.registry = registry;
    this.layout = layout;
    this.progress = progress;
    this.bundles = new ReferrerBundles(registry, progress);
  }

  @Override
  public Repository repositoryFor(Repository imageRepo) {
    return layout.repositoryFor(imageRepo);
  }

  @Override
  public ImageReference tag(ImageReference pinned, Kind kind) {
    return ImageReference.of(repositoryFor(pinned.repository()), pinned.digest().tagStem() + kind.suffix());
  }

  @Override
  public Optional<Attached> read(ImageReference pinned, Kind kind) {
    if (kind == Kind.SIGNATURES && layout.mode() == SignatureLayout.ReferrersMode.OCI_1_1) {
      // cosign's --experimental-oci11 (spec §3.7): the last signature referrer; none means the legacy tag
      Optional<Attached> referred = new SignatureReferrers(registry, progress, bundles).latest(pinned);
      if (referred.isPresent()) {
        return referred;
      }
    }
    ImageReference tag = tag(pinned, kind);
    try {
      return registry.getManifest(tag).map(raw -> new Attached(tag, raw));
    } catch (RegistryException e) {
      throw context("fetching " + kind.noun() + "s at " + tag.name(), e);
    }
  }

  @Override
  public byte[] blob(Attached attached, Descriptor layer, long maxBytes) {
    return registry.getBlob(attached.location().repository(), layer, maxBytes);
  }

  @Override
  public boolean append(ImageReference pinned, Kind kind, Append a) {
    if (kind == Kind.SIGNATURES && layout.mode() == SignatureLayout.ReferrersMode.OCI_1_1) {
      new SignatureReferrers(registry, progress, bundles).write(pinned, a);
      return true;
    }
    ImageReference tag = tag(pinned, kind);
    Repository repo = tag.repository();
    Optional<Repository> mountFrom = repo.equals(pinned.repository()) ? Optional.empty() : Optional.of(pinned.repository());
    boolean[] announced = {false};
    boolean[] layerPushed = {false};
    // spec §3.2: blobs first, the manifest last, so a failure at any point leaves the previous
    // manifest, and every earlier layer, in place; RacingTagWriter merges with concurrent signers (issue 11)
    java.util.function.Function<Optional<RawManifest>, Optional<RacingTagWriter.Plan>> plan = existing -> {
      SignatureImage current = existing.map(m -> SignatureImage.parse(m, tag.name())).orElse(SignatureImage.empty(a.dockerMediaTypes()));
      if (!announced[0] && a.isDuplicate().test(current)) {
        progress.info(capitalised(kind.noun()) + " already present in " + repo.name() + ", not adding a duplicate");
        return Optional.empty();
      }
      SignatureImage next = current.without(a.replaced()).append(a.layer());
      if (!announced[0] && a.announce() != null) {
        progress.info(a.announce());
      }
      announced[0] = true;
      return Optional.of(new RacingTagWriter.Plan(next.manifest().toRaw(), () -> {
        if (!layerPushed[0]) {
          registry.putBlob(repo, a.layer().digest(), a.blob(), mountFrom);
          layerPushed[0] = true;
        }
        registry.putBlob(repo, next.manifest().config().digest(), next.configBytes(), Optional.empty());
      }));
    };
    return new RacingTagWriter(registry).write(tag, plan,
        m -> SignatureImage.parse(m, tag.name()).layers().contains(a.layer()), kind.noun());
  }

  @Override
  public Digest attachBundle(Descriptor subject, Repository imageRepo, byte[] bundle, String predicateType, Instant created) {
    Repository target = repositoryFor(imageRepo);
    Optional<Repository> mountFrom = target.equals(imageRepo) ? Optional.empty() : Optional.of(imageRepo);
    return bundles.attach(subject, target, mountFrom, bundle, predicateType, created);
  }

  @Override
  public List<Found> bundles(ImageReference pinned) {
    return bundles.find(repositoryFor(pinned.repository()), pinned.digest());
  }

  @Override
  public List<Referrer> referrers(ImageReference pinned) {
    return bundles.list(repositoryFor(pinned.repository()), pinned.digest());
  }

  @Override
  public Optional<Attached> referrersIndex(ImageReference pinned) {
    Repository repo = repositoryFor(pinned.repository());
    return bundles.rawIndex(repo, pinned.digest()).map(raw -> new Attached(ImageReference.of(repo, pinned.digest().tagStem()), raw));
  }

  private static String capitalised(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  static RegistryException context(String what, RegistryException e) {
    return new RegistryException(what + ": " + e.getMessage(), e.status(), e.code(), e);
  }
}
