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
    // §4.4 step 3: transparency log. Offline bundle checks and online lookups arrive with the
    // Rekor issue; until then a signature can only pass with --insecure-ignore-tlog.
    if (!req.ignoreTlog()) {
      if (layer.annotation(CosignAnnotations.BUNDLE).isPresent()) {
        throw new VerificationException("verifying transparency log bundles is not supported yet (use --insecure-ignore-tlog)");
      }
      throw new VerificationException("signature not found in transparency log");
    }
    byte[] payload = registry.getBlob(sigRepo, layer.digest(), req.maxPayloadBytes());
    // §4.4 step 5: signature over the payload bytes with the key and --signature-digest-algorithm.
    byte[] sig;
    try {
      sig = Base64.getDecoder().decode(layer.base64Signature());
    } catch (IllegalArgumentException e) {
      throw new VerificationException("signature annotation is not valid base64");
    }
    if (sig.length == 0 || !Signatures.verify(req.key(), payload, sig, req.digestAlgorithm())) {
      throw new VerificationException(invalidSignature(req.key()));
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
    return new VerifiedSignature(layer, payload, parsed);
  }
}
