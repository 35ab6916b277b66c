package dev.jcosign.core.sign;

import dev.jcosign.core.error.RegistryException;
import dev.jcosign.core.oci.ImageReference;
import dev.jcosign.core.oci.RawManifest;
import dev.jcosign.core.oci.Repository;
import dev.jcosign.core.signature.CosignAnnotations;
import dev.jcosign.core.keys.DigestAlgorithm;
import dev.jcosign.core.keys.Signatures;
import dev.jcosign.core.signature.SignatureImage;
import dev.jcosign.core.signature.SignatureLayer;
import dev.jcosign.core.signature.SignatureLayout;
import dev.jcosign.core.spi.Progress;
import dev.jcosign.core.spi.Registry;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Appends one signature layer to the {@code .sig} image of a subject (read-modify-write, spec §3.2).
 *
 * <p>Order matters for "nothing is lost": blobs first, the manifest last, so a failure at any point
 * leaves the previous manifest (and every earlier signature) in place.
 */
final class SignatureWriter {
  private final Registry registry;
  private final Progress progress;
  private final SignatureLayout layout;
  private final boolean dockerMediaTypes;

  SignatureWriter(Registry registry, Progress progress, SignatureLayout layout, boolean dockerMediaTypes) {
    this.registry = registry;
    this.progress = progress;
    this.layout = layout;
    this.dockerMediaTypes = dockerMediaTypes;
  }

  void append(ImageReference subject, SignatureLayer layer, byte[] payload, PublicKey signerKey) {
    ImageReference sigTag = layout.signatureTag(subject.repository(), subject.digest());
    Repository sigRepo = sigTag.repository();
    SignatureImage current;
    try {
      Optional<RawManifest> existing = registry.getManifest(sigTag);
      current = existing.map(m -> SignatureImage.parse(m, sigTag.name())).orElse(SignatureImage.empty(dockerMediaTypes));
    } catch (RegistryException e) {
      throw ImageSigner.context("reading existing signatures at " + sigTag.name(), e);
    }
    if (isDuplicate(current, layer, payload, signerKey)) {
      progress.info("Signature already present in " + sigRepo.name() + ", not adding a duplicate");
      return;
    }
    SignatureImage next = current.append(layer);
    progress.info("Pushing signature to: " + sigRepo.name());
    Optional<Repository> mountFrom = sigRepo.equals(subject.repository()) ? Optional.empty() : Optional.of(subject.repository());
    try {
      registry.putBlob(sigRepo, layer.digest(), payload, mountFrom);
      byte[] config = next.configBytes();
      registry.putBlob(sigRepo, next.manifest().config().digest(), config, Optional.empty());
      registry.putManifest(sigTag, next.manifest().toRaw());
    } catch (RegistryException e) {
      throw ImageSigner.context("pushing signature to " + sigTag.name(), e);
    }
  }

  /**
   * cosign's duplicate rule (spec §3.2): same blob, same media type, every new annotation but the
   * signature equal, and the existing signature verifies over the new payload with our key.
   */
  private boolean isDuplicate(SignatureImage current, SignatureLayer layer, byte[] payload, PublicKey key) {
    for (SignatureLayer old : current.layers()) {
      if (!old.digest().equals(layer.digest()) || !old.descriptor().mediaType().equals(layer.descriptor().mediaType())) {
        continue;
      }
      boolean same = true;
      for (Map.Entry<String, String> e : layer.descriptor().annotations().entrySet()) {
        if (!e.getKey().equals(CosignAnnotations.SIGNATURE) && !e.getValue().equals(old.descriptor().annotations().get(e.getKey()))) {
          same = false;
          break;
        }
      }
      String sig = old.base64Signature();
      if (!same || sig.isEmpty()) {
        continue;
      }
      byte[] raw;
      try {
        raw = Base64.getDecoder().decode(sig);
      } catch (IllegalArgumentException e) {
        continue;
      }
      if (Signatures.verify(key, payload, raw, DigestAlgorithm.SHA256)
          || Signatures.verify(key, payload, raw, DigestAlgorithm.defaultFor(key))) {
        return true;
      }
    }
    return false;
  }
}
