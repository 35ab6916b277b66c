package dev.jcosign.core.attest;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.jcosign.core.error.CosignException;
import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.json.ByteSink;
import dev.jcosign.core.json.Json;
import dev.jcosign.core.keys.PublicKeys;
import dev.jcosign.core.oci.Descriptor;
import dev.jcosign.core.oci.ImageReference;
import dev.jcosign.core.oci.MediaTypes;
import dev.jcosign.core.oci.Repository;
import dev.jcosign.core.signature.AttachmentStore;
import dev.jcosign.core.signature.CosignAnnotations;
import dev.jcosign.core.signature.SignatureLayer;
import dev.jcosign.core.spi.Progress;
import dev.jcosign.core.spi.Registry;
import dev.jcosign.core.spi.Signer;
import dev.jcosign.core.keyless.KeylessIdentity;
import dev.jcosign.core.tlog.TrustedRoot;
import dev.jcosign.core.timestamp.TimestampAnnotation;
import dev.jcosign.core.timestamp.Timestamper;
import dev.jcosign.core.tlog.ProposedEntries;
import dev.jcosign.core.tlog.RekorEntries;
import dev.jcosign.core.tlog.TlogUploader;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The {@code attest} use case, legacy layout (spec §3.4): in-toto statement about the image, signed
 * as DSSE over PAE, appended as a layer of the {@code sha256-<hex>.att} image. Attestations are
 * never de-duplicated (their signature annotation is empty, spec §3.2).
 */
public final class ImageAttester {
  private final Registry registry;
  private final Progress progress;
  private final Clock clock;
  private final TlogUploader tlog;
  private final Timestamper timestamper;

  /** An attester with no transparency log: {@code tlogUpload} requests are refused. */
  public ImageAttester(Registry registry, Progress progress, Clock clock) {
    this(registry, progress, clock, TlogUploader.unavailable());
  }

  public ImageAttester(Registry registry, Progress progress, Clock clock, TlogUploader tlog) {
    this(registry, progress, clock, tlog, Timestamper.none());
  }

  /** With a TSA ({@code --timestamp-server-url} or a signing config's): the DSSE signature is timestamped (spec §6.4). */
  public ImageAttester(Registry registry, Progress progress, Clock clock, TlogUploader tlog, Timestamper timestamper) {
    this.registry = registry;
    this.progress = progress;
    this.clock = clock;
    this.tlog = tlog;
    this.timestamper = timestamper;
  }

  /** Attests the image and returns the digest reference attested. */
  public ImageReference attest(AttestRequest req, Signer signer) {
    return attest(req, signer, null, null);
  }

  /**
   * Keyless {@code attest}, legacy layout (keyless spec §1.4): the {@code .att} layer carries the Fulcio
   * leaf and chain annotations, the {@code dsse}/{@code intoto} entry names the certificate, and the
   * signature is checked against {@code root} before anything is pushed.
   */
  public ImageReference attestKeyless(AttestRequest req, KeylessIdentity identity, TrustedRoot root) {
    return attest(req, identity.signer(), identity, root);
  }

  private ImageReference attest(AttestRequest req, Signer signer, KeylessIdentity keyless, TrustedRoot root) {
    String predicateType = PredicateTypes.uriFor(req.type());
    // issue 4: the predicate is streamed into one buffer, the statement completed around it in place,
    // signed and base64-encoded from there: one statement-sized and one envelope-sized array
    ByteSink sink = new ByteSink(InTotoStatement.HEADROOM + req.predicateLength() + 1024);
    sink.setSize(InTotoStatement.HEADROOM);
    try (JsonGenerator g = Json.generator(sink)) {
      new Predicates(clock).write(req.type(), req.predicateStream(), g, sink);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    ImageReference pinned = resolve(req.image());
    InTotoStatement.Slice st = InTotoStatement.wrap(pinned.repository().name(), pinned.digest(), predicateType, sink,
        InTotoStatement.HEADROOM);
    byte[] signature = DsseEnvelope.sign(signer, DsseEnvelope.IN_TOTO, st.buffer(), st.offset(), st.length());
    byte[] envelope = DsseEnvelope.toJson(DsseEnvelope.IN_TOTO, st.buffer(), st.offset(), st.length(),
        List.of(new DsseEnvelope.Signature("", signature)));
    st = null; // the statement is in the envelope now; let a collection reclaim it
    sink = null;
    AttachmentStore store = AttachmentStore.of(registry, req.layout(), progress);
    ImageReference attTag = store.tag(pinned, AttachmentStore.Kind.ATTESTATIONS);
    // spec §6.4: the DSSE signature (not the envelope, cosign v2's quirk) is timestamped; spec §6.3: a
    // dsse v0.0.1 entry (cosign v2.6 default; intoto v0.0.1 on request) is logged; both BEFORE anything is pushed
    java.util.Optional<byte[]> timestamp = timestamper.timestamp(signature);
    Map<String, String> proofs = new java.util.LinkedHashMap<>();
    byte[] verifierPem = keyless == null ? PublicKeys.toPem(signer.publicKey())
        : new dev.jcosign.core.keys.PemBlock("CERTIFICATE", keyless.certificate().der()).encode();
    java.util.Optional<dev.jcosign.core.rekor.LoggedEntry> entry = req.tlogUpload()
        ? java.util.Optional.of(tlog.upload(req.intotoEntry() ? ProposedEntries.intoto(envelope, verifierPem)
            : ProposedEntries.dsse(envelope, verifierPem)))
        : java.util.Optional.empty();
    entry.ifPresent(e -> proofs.put(CosignAnnotations.BUNDLE, Json.writeString(RekorEntries.legacyBundle(e.entry()))));
    if (keyless != null) {
      dev.jcosign.core.keyless.KeylessChecks.selfCheck(keyless.certificate(), root, entry.map(e -> e.entry().integratedTime()),
          timestamp, signature);
      proofs.put(CosignAnnotations.CERTIFICATE, new String(verifierPem, java.nio.charset.StandardCharsets.US_ASCII));
      proofs.put(CosignAnnotations.CHAIN, String.join("", keyless.chainPem().subList(1, keyless.chainPem().size())));
    }
    timestamp.ifPresent(t -> proofs.put(CosignAnnotations.RFC3161_TIMESTAMP, TimestampAnnotation.write(t)));
    SignatureLayer layer = SignatureLayer.attestation(envelope, predicateType, proofs);
    store.append(pinned, AttachmentStore.Kind.ATTESTATIONS, new AttachmentStore.Append(layer, envelope, req.dockerMediaTypes(),
        current -> false,
        old -> req.replace() && predicateTypeOf(attTag.repository(), old, req.maxLayerBytes()).equals(predicateType),
        "Pushing attestation to: " + attTag.repository().name()));
    return pinned;
  }

  private ImageReference resolve(ImageReference ref) {
    if (!ref.hasDigest()) {
      progress.warn(ref.tagWarning());
    }
    return dev.jcosign.core.signature.ImageResolver.pinExisting(registry, ref);
  }

  /** The predicate type of an existing layer's statement; "" when it is not a readable attestation. */
  private String predicateTypeOf(Repository repo, SignatureLayer old, long max) {
    if (!MediaTypes.DSSE_ENVELOPE.equals(old.descriptor().mediaType())) {
      return "";
    }
    try {
      // the payload is decoded as the statement is parsed: a second 20 MB array is not needed here (issue 4)
      return InTotoStatement.parse(DsseReader.payloadStream(registry.getBlob(repo, old.descriptor(), max))).predicateType();
    } catch (dev.jcosign.core.error.RegistryException e) {
      throw e;
    } catch (CosignException e) {
      return ""; // not an attestation we can read: --replace keeps it
    }
  }
}
