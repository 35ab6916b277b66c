package dev.jcosign.core.signature;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcosign.core.error.RegistryException;
import dev.jcosign.core.json.Json;
import dev.jcosign.core.oci.Descriptor;
import dev.jcosign.core.oci.Digest;
import dev.jcosign.core.oci.ImageManifest;
import dev.jcosign.core.oci.ImageReference;
import dev.jcosign.core.oci.MediaTypes;
import dev.jcosign.core.oci.RawManifest;
import dev.jcosign.core.oci.Repository;
import dev.jcosign.core.spi.Progress;
import dev.jcosign.core.spi.Registry;
import java.util.List;
import java.util.Optional;

/**
 * {@code --registry-referrers-mode=oci-1-1} (cosign-spec §3.7): the legacy signature image pushed as an
 * OCI 1.1 referrer of the image instead of under the {@code .sig} tag, and found again by {@code verify
 * --experimental-oci11}. Each sign writes a new referrer (no read-modify-write, so concurrent signers
 * cannot drop each other's signatures); readers take the last one listed, as cosign does.
 */
final class SignatureReferrers {
  /** cosign's {@code ArtifactType("sig")}: the config media type and artifactType of such a referrer. */
  static final String ARTIFACT_TYPE = "application/vnd.dev.cosign.artifact.sig.v1+json";

  private final Registry registry;
  private final Progress progress;
  private final ReferrerBundles referrers;

  SignatureReferrers(Registry registry, Progress progress, ReferrerBundles referrers) {
    this.registry = registry;
    this.progress = progress;
    this.referrers = referrers;
  }

  /**
   * Pushes a one-layer signature image referring to {@code pinned}, in the image's own repository (the
   * referrers API only relates manifests of one repository). Blobs first, the manifest by digest last.
   */
  void write(ImageReference pinned, AttachmentStore.Append a) {
    Descriptor subject = ImageResolver.describe(registry, pinned);
    SignatureImage image = SignatureImage.empty(a.dockerMediaTypes()).append(a.layer());
    ImageManifest legacy = image.manifest();
    Descriptor config = legacy.config();
    ObjectNode m = Json.object();
    m.put("schemaVersion", 2);
    m.put("mediaType", legacy.mediaType());
    m.set("config", ImageManifest.descriptorNode(new Descriptor(ARTIFACT_TYPE, config.digest(), config.size())));
    m.putArray("layers").add(ImageManifest.descriptorNode(a.layer().descriptor()));
    m.set("subject", ImageManifest.descriptorNode(new Descriptor(subject.mediaType(), subject.digest(), subject.size())));
    m.put("artifactType", ARTIFACT_TYPE);
    RawManifest manifest = RawManifest.of(Json.write(m), legacy.mediaType());
    Repository repo = pinned.repository();
    ImageReference target = ImageReference.of(repo, manifest.digest());
    progress.info("Uploading signature for [" + pinned.name() + "] to [" + target.name() + "] with config.mediaType ["
        + ARTIFACT_TYPE + "] layers[0].mediaType [" + a.layer().descriptor().mediaType() + "].");
    try {
      registry.putBlob(repo, a.layer().digest(), a.blob(), Optional.empty());
      registry.putBlob(repo, config.digest(), image.configBytes(), Optional.empty());
      referrers.putReferrer(repo, pinned.digest(), manifest, ARTIFACT_TYPE);
    } catch (RegistryException e) {
      throw RegistryAttachmentStore.context("pushing the signature referrer to " + repo.name(), e);
    }
  }

  /** The last signature referrer of {@code pinned} listed (API or fallback index), as a signature image. */
  Optional<AttachmentStore.Attached> latest(ImageReference pinned) {
    Repository repo = pinned.repository();
    List<JsonNode> entries = referrers.index(repo, pinned.digest()).stream()
        .filter(e -> ARTIFACT_TYPE.equals(e.path("artifactType").asText(""))).toList();
    for (int i = entries.size() - 1; i >= 0; i--) {
      Digest d;
      try {
        d = Digest.parse(entries.get(i).path("digest").asText(""));
      } catch (IllegalArgumentException | dev.jcosign.core.error.CosignException e) {
        continue; // a junk entry: the one before it is the last usable
      }
      ImageReference at = ImageReference.of(repo, d);
      Optional<RawManifest> raw = registry.getManifest(at);
      if (raw.isPresent()) {
        return Optional.of(new AttachmentStore.Attached(at, raw.get()));
      }
    }
    return Optional.empty();
  }
}
