package dev.jcosign.core.sign;

import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.json.Json;
import dev.jcosign.core.keys.DigestAlgorithm;
import dev.jcosign.core.keys.KeyFiles;
import dev.jcosign.core.keys.PublicKeys;
import dev.jcosign.core.keys.PemBlock;
import dev.jcosign.core.keyless.KeylessChecks;
import dev.jcosign.core.keyless.KeylessIdentity;
import dev.jcosign.core.tlog.TrustedRoot;
import dev.jcosign.core.oci.Descriptor;
import dev.jcosign.core.oci.ImageManifest;
import dev.jcosign.core.oci.ImageReference;
import dev.jcosign.core.oci.MediaTypes;
import dev.jcosign.core.oci.RawManifest;
import dev.jcosign.core.payload.SimpleSigningPayload;
import dev.jcosign.core.signature.CosignAnnotations;
import dev.jcosign.core.signature.SignatureLayer;
import dev.jcosign.core.spi.Progress;
import dev.jcosign.core.spi.Registry;
import dev.jcosign.core.spi.Signer;
import dev.jcosign.core.timestamp.TimestampAnnotation;
import dev.jcosign.core.timestamp.Timestamper;
import dev.jcosign.core.rekor.LoggedEntry;
import dev.jcosign.core.tlog.ProposedEntries;
import dev.jcosign.core.tlog.RekorEntries;
import dev.jcosign.core.tlog.TlogUploader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code sign} use case for the legacy layout: simple-signing payload, signature appended as a
 * layer of the {@code sha256-<hex>.sig} image (spec §3.1-§3.3).
 */
public final class ImageSigner {
  private final Registry registry;
  private final Progress progress;
  private final TlogUploader tlog;
  private final Timestamper timestamper;

  /** A signer with no transparency log: {@code tlogUpload} requests are refused. */
  public ImageSigner(Registry registry, Progress progress) {
    this(registry, progress, TlogUploader.unavailable());
  }

  public ImageSigner(Registry registry, Progress progress, TlogUploader tlog) {
    this(registry, progress, tlog, Timestamper.none());
  }

  /** With a TSA ({@code --timestamp-server-url} or a signing config's): each signature gets the rfc3161timestamp annotation (spec §3.2, §6.4). */
  public ImageSigner(Registry registry, Progress progress, TlogUploader tlog, Timestamper timestamper) {
    this.registry = registry;
    this.progress = progress;
    this.tlog = tlog;
    this.timestamper = timestamper;
  }

  /** Signs every image of the request; returns the digests signed, in order. */
  public List<ImageReference> sign(SignRequest req, Signer signer) {
    return sign(req, signer, null, null);
  }

  /**
   * Keyless {@code sign} in the legacy layout (keyless spec §1.4): each layer carries the Fulcio leaf in
   * {@code dev.sigstore.cosign/certificate} and the rest of Fulcio's chain in {@code dev.sigstore.cosign/chain}
   * (cosign v2's content; Kyverno, policy-controller and containers/image read both), the log entry names
   * the certificate, and each signature is checked against {@code root} before it is pushed.
   */
  public List<ImageReference> signKeyless(SignRequest req, KeylessIdentity identity, TrustedRoot root) {
    return sign(req, identity.signer(), identity, root);
  }

  private List<ImageReference> sign(SignRequest req, Signer signer, KeylessIdentity keyless, TrustedRoot root) {
    if (!req.upload() && req.outputSignature().isEmpty() && req.outputPayload().isEmpty()) {
      progress.warn("--upload=false given without --output-signature or --output-payload: the signature is discarded");
    }
    req.outputSignature().ifPresent(dev.jcosign.core.keys.KeyFiles::checkWritable);
    req.outputPayload().ifPresent(dev.jcosign.core.keys.KeyFiles::checkWritable);
    List<ImageReference> targets = new ArrayList<>();
    for (ImageReference ref : req.images()) {
      ImageReference pinned = resolve(ref);
      Set<ImageReference> all = new LinkedHashSet<>();
      all.add(pinned);
      if (req.recursive()) {
        all.addAll(children(pinned));
      }
      targets.addAll(all);
    }
    for (ImageReference target : targets) {
      signOne(target, req, signer, keyless, root);
    }
    return targets;
  }

  private ImageReference resolve(ImageReference ref) {
    if (!ref.hasDigest()) {
      progress.warn(ref.tagWarning());
    }
    return dev.jcosign.core.signature.ImageResolver.pinExisting(registry, ref);
  }

  public static String tagWarning(ImageReference ref) {
    return ref.tagWarning();
  }

  private List<ImageReference> children(ImageReference pinned) {
    RawManifest raw =
        registry.getManifest(pinned).orElseThrow(() -> new InvalidInputException("image not found: " + pinned.name()));
    if (!MediaTypes.isIndex(raw.mediaType()) && !new String(raw.bytes(), StandardCharsets.UTF_8).contains("\"manifests\"")) {
      return List.of();
    }
    List<ImageReference> out = new ArrayList<>();
    for (Descriptor child : ImageManifest.indexChildren(raw, pinned.name())) {
      ImageReference c = pinned.withDigest(child.digest());
      out.add(c);
      if (MediaTypes.isIndex(child.mediaType())) {
        out.addAll(children(c));
      }
    }
    return out;
  }

  private void signOne(ImageReference target, SignRequest req, Signer signer, KeylessIdentity keyless, TrustedRoot root) {
    byte[] payload =
        SimpleSigningPayload.forImage(target.repository().name(), target.digest(), req.annotations()).toBytes();
    byte[] signature = signer.sign(payload);
    // spec §6.4, §6.3: timestamped and logged BEFORE anything is written or pushed, so a failure leaves no trace
    Optional<byte[]> timestamp = timestamper.timestamp(signature);
    Map<String, String> proofs = new java.util.LinkedHashMap<>(); // key order as Go marshals the map
    byte[] verifierPem = keyless == null ? PublicKeys.toPem(signer.publicKey())
        : new PemBlock("CERTIFICATE", keyless.certificate().der()).encode();
    Optional<LoggedEntry> entry = req.tlogUpload() ? Optional.of(logged(payload, signature, signer, verifierPem)) : Optional.empty();
    entry.ifPresent(e -> proofs.put(CosignAnnotations.BUNDLE, Json.writeString(RekorEntries.legacyBundle(e.entry()))));
    if (keyless != null) {
      KeylessChecks.selfCheck(keyless.certificate(), root, entry.map(e -> e.entry().integratedTime()), timestamp, signature);
      proofs.put(CosignAnnotations.CERTIFICATE, new String(verifierPem, StandardCharsets.US_ASCII));
      proofs.put(CosignAnnotations.CHAIN, String.join("", keyless.chainPem().subList(1, keyless.chainPem().size())));
    }
    timestamp.ifPresent(t -> proofs.put(CosignAnnotations.RFC3161_TIMESTAMP, TimestampAnnotation.write(t)));
    req.outputSignature().ifPresent(p -> writeSecretFile(perImage(p, target, req), Base64.getEncoder().encode(signature)));
    req.outputPayload().ifPresent(p -> writeSecretFile(perImage(p, target, req), payload));
    if (!req.upload()) {
      return;
    }
    SignatureLayer layer = SignatureLayer.of(payload, signature, proofs);
    new SignatureWriter(registry, progress, req.layout(), req.dockerMediaTypes())
        .append(target, layer, payload, signer.publicKey());
  }

  /** Uploads a hashedrekord entry naming the key or certificate (PEM) for the {@code dev.sigstore.cosign/bundle} value (spec §3.2). */
  private LoggedEntry logged(byte[] payload, byte[] signature, Signer signer, byte[] verifierPem) {
    DigestAlgorithm hash = signer.signingDigest().orElse(DigestAlgorithm.SHA512); // Ed25519ph prehashes with SHA-512
    byte[] digest = hash.digest(payload);
    return tlog.upload(ProposedEntries.hashedRekord(hash, digest, signature, verifierPem));
  }

  /**
   * With {@code --recursive} every signed manifest gets its own output file, named
   * {@code <file>-sha256-<hex>} as cosign names them, so one image's output never overwrites another's.
   */
  private static Path perImage(Path p, ImageReference target, SignRequest req) {
    return req.recursive() ? p.resolveSibling(p.getFileName() + "-" + target.digest().tagStem()) : p;
  }

  private static void writeSecretFile(Path p, byte[] content) {
    // KeyFiles gives one-line errors ("is a directory", "directory ... does not exist") and 0600
    KeyFiles.write(p, content, KeyFiles.OWNER_ONLY);
  }
}
