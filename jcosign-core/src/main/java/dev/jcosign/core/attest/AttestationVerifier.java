package dev.jcosign.core.attest;

import dev.jcosign.core.error.NoCertificateException;
import dev.jcosign.core.keyless.FulcioCertificate;
import dev.jcosign.core.keyless.KeylessChecks;
import dev.jcosign.core.keys.DigestAlgorithm;
import java.security.PublicKey;

import dev.jcosign.core.error.CosignException;
import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.error.NoMatchingAttestationsException;
import dev.jcosign.core.error.RegistryException;
import dev.jcosign.core.error.VerificationException;
import dev.jcosign.core.keys.Signatures;
import dev.jcosign.core.oci.Descriptor;
import dev.jcosign.core.oci.Digest;
import dev.jcosign.core.oci.ImageReference;
import dev.jcosign.core.oci.RawManifest;
import dev.jcosign.core.oci.Repository;
import dev.jcosign.core.signature.AttachmentStore;
import dev.jcosign.core.signature.CosignAnnotations;
import dev.jcosign.core.signature.SignatureImage;
import dev.jcosign.core.signature.SignatureLayer;
import dev.jcosign.core.spi.Registry;
import dev.jcosign.core.timestamp.SignedTimestamps;
import dev.jcosign.core.timestamp.TimestampAnnotation;
import dev.jcosign.core.tlog.ExpectedContent;
import dev.jcosign.core.tlog.ProposedEntries;
import dev.jcosign.core.keys.PublicKeys;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The legacy {@code verify-attestation} use case (spec §4.6): every {@code .att} layer is checked
 * like a signature (§4.4 order: transparency log, signature over PAE, in-toto subject claim), then
 * the verified ones are filtered by {@code --type}.
 */
public final class AttestationVerifier {
  private final Registry registry;

  public AttestationVerifier(Registry registry) {
    this.registry = registry;
  }

  /** Verifies one image; throws when nothing verified or nothing matched the type. */
  /**
   * Verifies many images on up to {@code workers} threads (issue 12; cosign checks one at a time) and hands
   * each result to {@code each} in argument order; the first image that fails, in that order, ends the run
   * with its error after the ones before it were handed over, as cosign's loop does.
   */
  public void verifyAll(List<ImageReference> refs, AttestationVerifyRequest req, int workers,
      java.util.function.Consumer<VerifiedAttestations> each) {
    dev.jcosign.core.verify.InOrder.run(refs, workers, ref -> verify(ref, req), each);
  }

  public VerifiedAttestations verify(ImageReference ref, AttestationVerifyRequest req) {
    String wanted = PredicateTypes.uriFor(req.type());
    boolean tlogVerified = false;
    ImageReference pinned = resolve(ref);
    // cosign v3 (cosign-spec §4.2): bundles attached as referrers first; only when there are none, the .att tag
    AttachmentStore store = AttachmentStore.of(registry, req.layout(), dev.jcosign.core.spi.Progress.SILENT);
    List<AttachmentStore.Found> bundles = store.bundles(pinned);
    if (!bundles.isEmpty()) {
      return verifyBundles(ref, pinned, bundles, wanted, req);
    }
    ImageReference attTag = store.tag(pinned, AttachmentStore.Kind.ATTESTATIONS);
    // a missing .att image reads as an empty one (cosign then reports "no matching attestations")
    List<SignatureLayer> layers = store.read(pinned, AttachmentStore.Kind.ATTESTATIONS).map(a -> a.image().layers()).orElse(List.of());
    if (!req.tlog().ignore() && layers.stream().anyMatch(l -> l.annotation(CosignAnnotations.BUNDLE).isPresent())) {
      req.tlog().root(); // a bad --trusted-root is the command's error, not a per-layer mismatch
    }
    List<Checked> verified = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (SignatureLayer layer : layers) {
      try {
        verified.add(check(layer, attTag.repository(), pinned.digest(), req));
        tlogVerified |= !req.tlog().ignore();
      } catch (RegistryException e) {
        throw e; // the registry is broken or lying: not a "no match" verdict
      } catch (CosignException e) {
        errors.add(e.getMessage());
      }
    }
    if (verified.isEmpty()) {
      throw new NoMatchingAttestationsException("no matching attestations: " + String.join("\n ", errors));
    }
    List<ByteBuffer> matching = new ArrayList<>();
    List<String> found = new ArrayList<>();
    for (Checked c : verified) {
      if (c.unreadable() != null) {
        throw c.unreadable();
      }
      found.add(c.predicateType());
      if (c.predicateType().equals(wanted)) {
        matching.add(ByteBuffer.wrap(c.envelope()));
      }
    }
    if (matching.isEmpty()) {
      // cosign's wording, with --type as the user gave it (spec §4.6)
      throw new NoMatchingAttestationsException("none of the attestations matched the predicate type: "
          + req.type() + ", found: " + String.join(",", found));
    }
    return new VerifiedAttestations(ref, pinned, matching, tlogVerified, verified.stream().anyMatch(Checked::online));
  }

  /**
   * The bundle path: bundles of other predicate types are not errors, only not matches; the verified
   * ones are printed as DSSE envelopes, as the legacy path prints its layers.
   */
  private static VerifiedAttestations verifyBundles(ImageReference ref, ImageReference pinned,
      List<AttachmentStore.Found> bundles, String wanted, AttestationVerifyRequest req) {
    List<String> found = new ArrayList<>();
    for (var f : bundles) {
      f.bundle().dsseEnvelope().ifPresent(e -> {
        try {
          found.add(InTotoStatement.parse(e.payload()).predicateType());
        } catch (CosignException ex) {
          // unreadable statements are reported by the verification below
        }
      });
    }
    List<dev.jcosign.core.verify.BundleImageChecks.Verified> ok;
    try {
      ok = dev.jcosign.core.verify.BundleImageChecks.verify(bundles, pinned.digest(), wanted, req.key(), req.certificates(), req.tlog());
    } catch (VerificationException e) {
      if (!found.isEmpty() && !found.contains(wanted)) {
        throw new NoMatchingAttestationsException("none of the attestations matched the predicate type: " + req.type()
            + ", found: " + String.join(",", found));
      }
      throw new NoMatchingAttestationsException("no matching attestations: " + e.getMessage());
    }
    List<ByteBuffer> envelopes = new ArrayList<>();
    for (var v : ok) {
      var env = v.bundle().dsseEnvelope().orElseThrow();
      byte[] p = env.payload();
      envelopes.add(ByteBuffer.wrap(DsseEnvelope.toJson(env.payloadType(), p, 0, p.length, env.signatures().stream()
          .map(s -> new DsseEnvelope.Signature(s.keyid(), s.sig())).toList())));
    }
    return new VerifiedAttestations(ref, pinned, envelopes, !req.tlog().ignore(), false);
  }

  private ImageReference resolve(ImageReference ref) {
    return dev.jcosign.core.signature.ImageResolver.pin(registry, ref);
  }

  /**
   * A layer that passed every check: its envelope bytes as stored and its statement's predicate
   * type, or the error reading the statement when no claim check read it.
   */
  private record Checked(byte[] envelope, String predicateType, InvalidInputException unreadable, boolean online) {}

  private Checked check(SignatureLayer layer, Repository repo, Digest subject, AttestationVerifyRequest req) {
    boolean online = false;
    java.util.Optional<String> bundle = layer.annotation(CosignAnnotations.BUNDLE);
    if (!req.tlog().ignore() && bundle.isEmpty() && req.tlog().offline()) {
      throw req.tlog().missingEntry(); // --offline forbids the online search (spec §4.4 step 3)
    }
    // keyless (keyless spec §1.8): the key is the layer's certificate's
    Optional<FulcioCertificate> leaf = req.certificates().map(p -> p.certificate().or(() -> layer.annotation(CosignAnnotations.CERTIFICATE)
        .filter(c -> !c.isBlank())
        .map(c -> FulcioCertificate.parse(c.getBytes(java.nio.charset.StandardCharsets.UTF_8), "the attestation's certificate")))
        .orElseThrow(() -> new NoCertificateException("no certificate found on attestation")));
    PublicKey key = leaf.map(c -> c.x509().getPublicKey()).orElseGet(() -> req.key().orElseThrow());
    ExpectedContent.Verifier verifier = leaf.map(c -> ExpectedContent.Verifier.certificate(c.der()))
        .orElseGet(() -> ExpectedContent.Verifier.publicKey(key.getEncoded()));
    byte[] verifierPem = leaf.map(c -> new dev.jcosign.core.keys.PemBlock("CERTIFICATE", c.der()).encode())
        .orElseGet(() -> PublicKeys.toPem(key));
    List<java.time.Instant> observed = new ArrayList<>();
    byte[] blob = registry.getBlob(repo, layer.descriptor(), req.maxLayerBytes());
    DsseReader.Parsed env = DsseReader.read(blob); // the payload decoded once, used in place below
    // §4.4 step 2: imprint = SHA-256 of the DSSE signature, or of the whole envelope (cosign v2, spec §6.4)
    List<byte[]> stamped = new ArrayList<>(env.signatures().stream().map(DsseEnvelope.Signature::sig).toList());
    stamped.add(blob);
    SignedTimestamps.verify(req.tlog(),
        layer.annotation(CosignAnnotations.RFC3161_TIMESTAMP).map(TimestampAnnotation::read).stream().toList(), stamped)
        .ifPresent(observed::add);
    if (!req.tlog().ignore()) {
      if (env.signatures().isEmpty()) {
        throw new VerificationException("accepted signatures do not match threshold, Found: 0, Expected 1");
      }
      // the log entry must be this envelope (dsse v0.0.1: payload hash, envelope hash, signatures, key)
      ExpectedContent.Dsse expected = new ExpectedContent.Dsse(env.payloadType(), env.payload(),
          env.signatures().stream().map(DsseEnvelope.Signature::sig).toList(),
          verifier, Optional.of(blob));
      dev.jcosign.core.tlog.TlogVerification v;
      if (bundle.isPresent()) {
        v = req.tlog().verifyLegacyBundle(bundle.get(), expected);
      } else {
        // no bundle: the entry attest would have made, as dsse (the default) or intoto (spec §6.3)
        v = req.tlog().verifyOnline(List.of(() -> ProposedEntries.dsse(blob, verifierPem),
            () -> ProposedEntries.intoto(blob, verifierPem)), expected);
        online = true;
      }
      v.integratedTime().ifPresent(observed::add);
    }
    if (leaf.isPresent()) {
      if (observed.isEmpty()) {
        observed.add(java.time.Instant.now()); // no log and no timestamp: the certificate must be valid now
      }
      List<java.security.cert.X509Certificate> chain = layer.annotation(CosignAnnotations.CHAIN).filter(c -> !c.isBlank())
          .map(c -> FulcioCertificate.parsePemChain(c.getBytes(java.nio.charset.StandardCharsets.UTF_8), "the attestation's chain"))
          .orElse(List.of());
      KeylessChecks.legacyPath(leaf.get(), chain, req.tlog().root(), req.certificates().orElseThrow(), observed);
    }
    if (!DsseEnvelope.IN_TOTO.equals(env.payloadType())) {
      throw new VerificationException("invalid payloadType " + env.payloadType() + " on envelope. Expected " + DsseEnvelope.IN_TOTO);
    }
    List<ByteBuffer> pae = DsseEnvelope.paeParts(env.payloadType(), env.payload(), 0, env.payload().length);
    boolean ok = env.signatures().stream()
        .anyMatch(s -> s.sig().length > 0 && Signatures.verify(key, pae, s.sig(),
            leaf.isPresent() ? DigestAlgorithm.defaultFor(key) : req.digestAlgorithm()));
    if (!ok) {
      throw new VerificationException("accepted signatures do not match threshold, Found: 0, Expected 1");
    }
    if (!req.checkClaims()) {
      try {
        return new Checked(blob, InTotoStatement.parse(env.payload()).predicateType(), null, online);
      } catch (InvalidInputException e) {
        return new Checked(blob, "", e, online); // without the claim check an unreadable statement fails the command, not the layer
      }
    }
    InTotoStatement statement = InTotoStatement.parse(env.payload());
    if (!statement.hasSubject(subject)) {
      throw new VerificationException("no matching subject digest found");
    }
    return new Checked(blob, statement.predicateType(), null, online);
  }
}
