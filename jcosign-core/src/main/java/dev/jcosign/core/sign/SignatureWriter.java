package dev.jcosign.core.sign;

import dev.jcosign.core.keys.DigestAlgorithm;
import dev.jcosign.core.keys.Signatures;
import dev.jcosign.core.oci.ImageReference;
import dev.jcosign.core.signature.AttachmentStore;
import dev.jcosign.core.signature.CosignAnnotations;
import dev.jcosign.core.signature.SignatureImage;
import dev.jcosign.core.signature.SignatureLayer;
import dev.jcosign.core.signature.SignatureLayout;
import dev.jcosign.core.spi.Progress;
import dev.jcosign.core.spi.Registry;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Map;

/** Appends one signature layer to the {@code .sig} image of a subject, skipping duplicates (spec §3.2). */
final class SignatureWriter {
  private final AttachmentStore store;
  private final boolean dockerMediaTypes;

  SignatureWriter(Registry registry, Progress progress, SignatureLayout layout, boolean dockerMediaTypes) {
    this.store = AttachmentStore.of(registry, layout, progress);
    this.dockerMediaTypes = dockerMediaTypes;
  }

  void append(ImageReference subject, SignatureLayer layer, byte[] payload, PublicKey signerKey) {
    ImageReference sigTag = store.tag(subject, AttachmentStore.Kind.SIGNATURES);
    store.append(subject, AttachmentStore.Kind.SIGNATURES, new AttachmentStore.Append(layer, payload, dockerMediaTypes,
        current -> isDuplicate(current, layer, payload, signerKey), old -> false,
        "Pushing signature to: " + sigTag.repository().name()));
  }

  /**
   * cosign's duplicate rule (spec §3.2): same blob, same media type, every new annotation but the
   * signature equal, and the existing signature verifies over the new payload with our key.
   */
  private static boolean isDuplicate(SignatureImage current, SignatureLayer layer, byte[] payload, PublicKey key) {
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
