package dev.jcosign.core.attest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcosign.core.error.CosignException;
import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.error.TransparencyLogException;
import dev.jcosign.core.oci.Descriptor;
import dev.jcosign.core.oci.ImageReference;
import dev.jcosign.core.oci.MediaTypes;
import dev.jcosign.core.oci.Repository;
import dev.jcosign.core.sign.ImageSigner;
import dev.jcosign.core.signature.AttachmentWriter;
import dev.jcosign.core.signature.SignatureLayer;
import dev.jcosign.core.spi.Progress;
import dev.jcosign.core.spi.Registry;
import dev.jcosign.core.spi.Signer;
import java.time.Clock;
import java.util.List;

/**
 * The {@code attest} use case, legacy layout (spec §3.4): in-toto statement about the image, signed
 * as DSSE over PAE, appended as a layer of the {@code sha256-<hex>.att} image. Attestations are
 * never de-duplicated (their signature annotation is empty, spec §3.2).
 */
public final class ImageAttester {
  private final Registry registry;
  private final Progress progress;
  private final Clock clock;

  public ImageAttester(Registry registry, Progress progress, Clock clock) {
    this.registry = registry;
    this.progress = progress;
    this.clock = clock;
  }

  /** Attests the image and returns the digest reference attested. */
  public ImageReference attest(AttestRequest req, Signer signer) {
    if (req.tlogUpload()) {
      // No silent downgrade: the transparency log arrives with a later issue (spec §6.3).
      throw new TransparencyLogException(
          "uploading to the transparency log is not supported yet; pass --tlog-upload=false to attest without it");
    }
    String predicateType = PredicateTypes.uriFor(req.type());
    JsonNode predicate = new Predicates(clock).build(req.type(), req.predicate());
    ImageReference pinned = resolve(req.image());
    byte[] statement = InTotoStatement.write(pinned.repository().name(), pinned.digest(), predicateType, predicate);
    byte[] signature = signer.sign(DsseEnvelope.pae(DsseEnvelope.IN_TOTO, statement));
    byte[] envelope = new DsseEnvelope(DsseEnvelope.IN_TOTO, statement, List.of(new DsseEnvelope.Signature("", signature))).toJson();
    ImageReference attTag = req.layout().attestationTag(pinned.repository(), pinned.digest());
    SignatureLayer layer = SignatureLayer.attestation(envelope, predicateType);
    new AttachmentWriter(registry, progress, req.dockerMediaTypes()).append(new AttachmentWriter.Append(
        attTag, pinned.repository(), layer, envelope, current -> false,
        old -> req.replace() && predicateTypeOf(attTag.repository(), old, req.maxLayerBytes()).equals(predicateType),
        "attestation", null));
    return pinned;
  }

  private ImageReference resolve(ImageReference ref) {
    if (ref.hasDigest()) {
      return ref.withDigest(ref.digest());
    }
    progress.warn(ImageSigner.tagWarning(ref));
    Descriptor d = registry.head(ref).orElseThrow(() -> new InvalidInputException("image not found: " + ref.name()));
    return ref.withDigest(d.digest());
  }

  /** The predicate type of an existing layer's statement; "" when it is not a readable attestation. */
  private String predicateTypeOf(Repository repo, SignatureLayer old, long max) {
    if (!MediaTypes.DSSE_ENVELOPE.equals(old.descriptor().mediaType())) {
      return "";
    }
    try {
      DsseEnvelope env = DsseEnvelope.parse(registry.getBlob(repo, old.digest(), max));
      return InTotoStatement.parse(env.payload()).predicateType();
    } catch (dev.jcosign.core.error.RegistryException e) {
      throw e;
    } catch (CosignException e) {
      return ""; // not an attestation we can read: --replace keeps it
    }
  }
}
