package dev.jcosign.core.verify;

import dev.jcosign.core.error.VerificationException;
import dev.jcosign.core.oci.Digest;
import dev.jcosign.core.oci.Repository;
import dev.jcosign.core.payload.SimpleSigningPayload;
import dev.jcosign.core.signature.CosignAnnotations;
import dev.jcosign.core.keys.Signatures;
import dev.jcosign.core.signature.SignatureLayer;
import dev.jcosign.core.spi.Registry;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import dev.jcosign.core.keys.DigestAlgorithm;
import dev.jcosign.core.timestamp.SignedTimestamps;
import dev.jcosign.core.timestamp.TimestampAnnotation;
import dev.jcosign.core.tlog.ExpectedContent;
import dev.jcosign.core.tlog.ProposedEntries;
import dev.jcosign.core.keys.PublicKeys;
import dev.jcosign.core.error.NoCertificateException;
import dev.jcosign.core.keyless.FulcioCertificate;
import dev.jcosign.core.keyless.KeylessChecks;
import dev.jcosign.core.keys.PemBlock;
import dev.jcosign.core.tlog.TlogVerification;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The checks of spec §4.4 for one signature layer, in cosign's order. */
final class LayerChecks {
  private final Registry registry;
  private final VerifyRequest req;
  private final Repository sigRepo;
  private final Digest subject;

  LayerChecks(Registry registry, VerifyRequest req, Repository sigRepo, Digest subject) {
    this.registry = registry;
    this.req = req;
    this.sigRepo = sigRepo;
    this.subject = subject;
  }

  /** The wording cosign's verifier for each key type uses (ECDSA, RSA, Ed25519). */
  static String invalidSignature(java.security.PublicKey key) {
    if (key instanceof java.security.interfaces.RSAPublicKey) {
      return "crypto/rsa: verification error";
    }
    if (key instanceof java.security.interfaces.ECPublicKey) {
      return "invalid signature when validating ASN.1 encoded signature";
    }
    return "failed to verify signature";
  }

  VerifiedSignature verify(SignatureLayer layer) {
    Optional<String> bundle = layer.annotation(CosignAnnotations.BUNDLE);
    if (!req.tlog().ignore() && bundle.isEmpty() && req.tlog().offline()) {
      throw req.tlog().missingEntry(); // --offline forbids the online search (spec §4.4 step 3)
    }
    // keyless (keyless spec §1.8): the key is the certificate's, read before anything is fetched
    Optional<FulcioCertificate> leaf = req.certificates().map(p -> p.certificate().or(() -> layer.annotation(CosignAnnotations.CERTIFICATE)
        .filter(c -> !c.isBlank())
        .map(c -> FulcioCertificate.parse(c.getBytes(StandardCharsets.UTF_8), "the signature's certificate")))
        .orElseThrow(() -> new NoCertificateException("no certificate found on signature")));
    PublicKey key = leaf.map(c -> c.x509().getPublicKey()).orElseGet(() -> req.key().orElseThrow());
    ExpectedContent.Verifier verifier = leaf.map(c -> ExpectedContent.Verifier.certificate(c.der()))
        .orElseGet(() -> ExpectedContent.Verifier.publicKey(key.getEncoded()));
    byte[] verifierPem = leaf.map(c -> new PemBlock("CERTIFICATE", c.der()).encode()).orElseGet(() -> PublicKeys.toPem(key));
    byte[] payload = registry.getBlob(sigRepo, layer.descriptor(), req.maxPayloadBytes());
    byte[] sig;
    try {
      sig = Base64.getDecoder().decode(layer.base64Signature());
    } catch (IllegalArgumentException e) {
      throw new VerificationException("signature annotation is not valid base64");
    }
    List<Instant> observed = new ArrayList<>();
    // §4.4 step 2: the rfc3161timestamp annotation, imprint = SHA-256 of the raw signature bytes
    SignedTimestamps.verify(req.tlog(),
        layer.annotation(CosignAnnotations.RFC3161_TIMESTAMP).map(TimestampAnnotation::read).stream().toList(), sig)
        .ifPresent(observed::add);
    // §4.4 step 3: the bundle's body must be this signature, key and SHA-256(payload); its SET must
    // verify. Without a bundle, the log is searched for the entry this signature would have.
    boolean tlogVerified = false;
    boolean tlogOnline = false;
    if (!req.tlog().ignore()) {
      byte[] digest = Digest.sha256(payload).bytes();
      ExpectedContent expected = new ExpectedContent.MessageSignature(DigestAlgorithm.SHA256, digest, sig, verifier);
      TlogVerification v;
      if (bundle.isPresent()) {
        v = req.tlog().verifyLegacyBundle(bundle.get(), expected);
      } else {
        v = req.tlog().verifyOnline(ProposedEntries.hashedRekord(DigestAlgorithm.SHA256, digest, sig, verifierPem), expected);
        tlogOnline = true;
      }
      v.integratedTime().ifPresent(observed::add);
      tlogVerified = true;
    }
    if (leaf.isPresent()) {
      if (observed.isEmpty()) {
        observed.add(Instant.now()); // cosign §4.4 step 7: no log and no timestamp means "valid now"
      }
      List<X509Certificate> chain = layer.annotation(CosignAnnotations.CHAIN).filter(c -> !c.isBlank())
          .map(c -> FulcioCertificate.parsePemChain(c.getBytes(StandardCharsets.UTF_8), "the signature's certificate chain"))
          .orElse(List.of());
      KeylessChecks.legacyPath(leaf.get(), chain, req.tlog().root(), req.certificates().orElseThrow(), observed);
    }
    // §4.4 step 5: signature over the payload bytes with the key and --signature-digest-algorithm.
    if (sig.length == 0 || !Signatures.verify(key, payload, sig, leaf.isPresent() ? DigestAlgorithm.defaultFor(key) : req.digestAlgorithm())) {
      throw new VerificationException(invalidSignature(key));
    }
    SimpleSigningPayload parsed = SimpleSigningPayload.parse(payload);
    // §4.4 step 6: claims. type and docker-reference are deliberately not checked (as cosign).
    if (req.checkClaims()) {
      if (!subject.toString().equals(parsed.manifestDigest())) {
        throw new VerificationException("invalid or missing digest in claim: " + parsed.manifestDigest());
      }
      for (Map.Entry<String, String> a : req.annotations().entrySet()) {
        var v = parsed.optional() == null ? null : parsed.optional().get(a.getKey());
        if (v == null || !v.isTextual() || !v.asText().equals(a.getValue())) {
          throw new VerificationException("missing or incorrect annotation");
        }
      }
    }
    return new VerifiedSignature(layer, payload, parsed, tlogVerified, tlogOnline);
  }
}
