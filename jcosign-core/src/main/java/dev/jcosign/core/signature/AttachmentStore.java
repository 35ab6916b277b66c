package dev.jcosign.core.signature;

import dev.jcosign.core.bundle.SigstoreBundle;
import dev.jcosign.core.error.CosignException;
import dev.jcosign.core.json.Json;
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
import java.util.function.Predicate;

/**
 * The one seam for where an image's attachments live (issue 10). Every use case that writes or reads
 * signatures, attestations or bundles ({@code sign}, {@code attest}, {@code verify}, {@code
 * verify-attestation}, {@code tree}, {@code download}, {@code save}, {@code load}) goes through it; none
 * builds a {@code .sig} tag or a referrers query itself. The strategies behind it:
 * <ul>
 *   <li>legacy images under {@code sha256-<hex>.sig|.att} tags, read-modify-write (cosign-spec §3.1-3.2);
 *   <li>with {@code --registry-referrers-mode=oci-1-1}, the legacy signature image as an OCI 1.1 referrer (§3.7);
 *   <li>Sigstore bundles as referrers, found through the referrers API or the fallback index tag (§3.6;
 *       keyless spec §1.5-1.6).
 * </ul>
 * The store under it is any {@link Registry}: a remote registry or an OCI image layout directory.
 */
public interface AttachmentStore {

  /** The kinds of legacy attachment image, by tag suffix. */
  enum Kind {
    SIGNATURES(".sig", "signature"), ATTESTATIONS(".att", "attestation"), SBOMS(".sbom", "SBOM");

    private final String suffix;
    private final String noun;

    Kind(String suffix, String noun) {
      this.suffix = suffix;
      this.noun = noun;
    }

    public String suffix() {
      return suffix;
    }

    /** "signature", "attestation" or "SBOM", for messages. */
    public String noun() {
      return noun;
    }
  }

  /** A legacy attachment image as read; its layer blobs are in {@code location}'s repository. */
  record Attached(ImageReference location, RawManifest raw) {
    /** The parsed image; fails with a one-line error naming the location when it is not one. */
    public SignatureImage image() {
      return SignatureImage.parse(raw, location.name());
    }
  }

  /**
   * One layer to append to a legacy attachment image.
   *
   * @param dockerMediaTypes the media-type flavour of a new image ({@code COSIGN_DOCKER_MEDIA_TYPES})
   * @param isDuplicate true when {@code layer} is already in the image: nothing is written
   * @param replaced existing layers to drop before appending ({@code attest --replace})
   * @param announce stderr line printed before pushing, or null
   */
  record Append(SignatureLayer layer, byte[] blob, boolean dockerMediaTypes, Predicate<SignatureImage> isDuplicate,
      Predicate<SignatureLayer> replaced, String announce) {}

  /** A bundle found for an image, with the referrer manifest it came from and its bytes as stored. */
  record Found(Digest manifest, SigstoreBundle bundle, byte[] raw) {
    public Found {
      raw = raw.clone();
    }

    @Override
    public byte[] raw() {
      return raw.clone();
    }

    /** The predicate type of a DSSE bundle's statement, "" otherwise. */
    public String predicateType() {
      return bundle.dsseEnvelope().map(e -> {
        try {
          return Json.parse(e.payload(), "statement").path("predicateType").asText("");
        } catch (CosignException ex) {
          return "";
        }
      }).orElse("");
    }
  }

  /** A referrer of an image as {@code tree} lists it: its manifest, what it is, its layers. */
  record Referrer(Digest manifest, String label, List<Digest> layers) {
    public Referrer {
      layers = List.copyOf(layers);
    }
  }

  /** The store over {@code registry} with the placement {@code layout} gives. */
  static AttachmentStore of(Registry registry, SignatureLayout layout, Progress progress) {
    return new RegistryAttachmentStore(registry, layout, progress);
  }

  /** The repository attachments of images in {@code imageRepo} live in ({@code COSIGN_REPOSITORY}). */
  Repository repositoryFor(Repository imageRepo);

  /** The legacy tag of that kind for the pinned image ({@code <repo>:sha256-<hex>.sig}). */
  ImageReference tag(ImageReference pinned, Kind kind);

  /** The legacy attachment image of that kind; empty when there is none. */
  Optional<Attached> read(ImageReference pinned, Kind kind);

  /** A layer blob of an attachment image: size-capped, checked against its descriptor's size and digest. */
  byte[] blob(Attached attached, Descriptor layer, long maxBytes);

  /** Appends a layer to the legacy attachment image of that kind; false when it was a duplicate. */
  boolean append(ImageReference pinned, Kind kind, Append append);

  /**
   * Attaches a Sigstore bundle to {@code subject} (the image's manifest descriptor, in {@code imageRepo}):
   * blobs, the referrer manifest by digest, then the referrers bookkeeping. Returns the referrer's digest.
   */
  Digest attachBundle(Descriptor subject, Repository imageRepo, byte[] bundle, String predicateType, Instant created);

  /** The bundles attached to the pinned image; junk referrers skipped (keyless spec §1.6). */
  List<Found> bundles(ImageReference pinned);

  /** Every referrer of the pinned image, labelled (cosign-spec §3.9). */
  List<Referrer> referrers(ImageReference pinned);

  /**
   * The referrers list of the pinned image (the API's index, else the fallback tag's), located at the
   * fallback tag, for {@code save}; empty when nothing refers to it.
   */
  Optional<Attached> referrersIndex(ImageReference pinned);
}
