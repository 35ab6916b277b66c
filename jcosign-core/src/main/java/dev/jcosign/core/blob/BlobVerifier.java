package dev.jcosign.core.blob;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcosign.core.bundle.BundleJson;
import dev.jcosign.core.bundle.SigstoreBundle;
import dev.jcosign.core.bundle.SigstoreBundle.MessageSignature;
import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.error.VerificationException;
import dev.jcosign.core.keys.DigestAlgorithm;
import dev.jcosign.core.keys.DigestSignatures;
import dev.jcosign.core.keys.Signatures;
import dev.jcosign.core.json.Json;
import dev.jcosign.core.timestamp.SignedTimestamps;
import dev.jcosign.core.tlog.ExpectedContent;
import dev.jcosign.core.tlog.ProposedEntries;
import dev.jcosign.core.keys.PublicKeys;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.util.HexFormat;

/**
 * The {@code verify-blob} use case with a key (spec §4.7): the signature first, then the transparency
 * log entry, checked offline (spec §4.3 step 4): a Sigstore bundle's {@code tlogEntries} (SET and/or
 * inclusion proof with checkpoint) or a legacy bundle's {@code rekorBundle} (SET), each against the
 * artifact digest, signature and key. A detached signature or a legacy bundle without an entry is
 * looked up in the log online (unless {@code --offline}); a Sigstore bundle must carry its entries. RFC 3161 timestamps of a
 * Sigstore bundle are checked by {@link SignedTimestamps}.
 */
public final class BlobVerifier {
  private final BlobReader reader;

  public BlobVerifier(InputStream stdin) {
    this.reader = new BlobReader(stdin);
  }

  /** Returns normally when the blob verifies; throws a one-line {@code CosignException} otherwise. */
  public void verify(VerifyBlobRequest req) {
    BlobMaterial m = req.material();
    if (!(m instanceof BlobMaterial.Bundle) && req.key().isEmpty()) {
      verifyLegacyKeyless(req, m);
      return;
    }
    if (m instanceof BlobMaterial.Bundle b) {
      new BundleVerifier(reader).verify(req, b.bundle());
    } else if (m instanceof BlobMaterial.LegacyBundle l) {
      byte[] sig = l.bundle().signature("bundle");
      byte[] digest = verifyDetached(req, sig);
      SignedTimestamps.verify(req.tlog(), req.timestamps(), sig); // legacy bundles carry none: --rfc3161-timestamp
      if (!req.tlog().ignore()) {
        ExpectedContent.MessageSignature expected =
            new ExpectedContent.MessageSignature(req.legacyDigest(), digest, sig, verifier(key(req)));
        java.util.Optional<JsonNode> rekor = l.bundle().rekorBundle();
        if (rekor.isPresent()) {
          req.tlog().verifyLegacyBundle(Json.writeString(rekor.get()), expected);
        } else {
          searchOnline(req, expected);
        }
      }
    } else if (m instanceof BlobMaterial.DetachedSignature s) {
      byte[] digest = verifyDetached(req, s.signature());
      SignedTimestamps.verify(req.tlog(), req.timestamps(), s.signature());
      if (!req.tlog().ignore()) {
        searchOnline(req, new ExpectedContent.MessageSignature(req.legacyDigest(), digest, s.signature(), verifier(key(req))));
      }
    }
  }

  /** Verifies a detached or legacy-bundle signature; returns the artifact digest (legacy hash) it used. */
  private byte[] verifyDetached(VerifyBlobRequest req, byte[] sig) {
    DigestAlgorithm hash = req.legacyDigest();
    boolean ok;
    byte[] digest;
    if (key(req) instanceof EdECPublicKey) {
      byte[] whole = wholeBlob(req.artifact());
      digest = BlobReader.digest(whole, hash);
      ok = Signatures.verify(key(req), whole, sig, hash);
    } else {
      digest = artifactDigest(req.artifact(), hash);
      ok = DigestSignatures.verify(key(req), digest, sig, hash);
    }
    if (!ok) {
      throw new VerificationException("invalid signature: it does not verify over " + req.artifact().name()
          + " with the given key" + digestHint(key(req), hash));
    }
    return digest;
  }

  /**
   * cosign v2's keyless blob formats (keyless spec §1.8 rules): a detached signature with
   * {@code --certificate}, or a legacy bundle whose {@code cert} is base64 of the PEM certificate. The
   * entry is the bundle's {@code rekorBundle} or, without one, searched online; the certificate is judged
   * as on the legacy image path.
   */
  private void verifyLegacyKeyless(VerifyBlobRequest req, BlobMaterial m) {
    dev.jcosign.core.keyless.CertificatePolicy policy = req.certificates().orElseThrow();
    byte[] sig = m instanceof BlobMaterial.LegacyBundle l ? l.bundle().signature("bundle")
        : ((BlobMaterial.DetachedSignature) m).signature();
    java.util.Optional<String> bundleCert = m instanceof BlobMaterial.LegacyBundle l ? l.bundle().cert() : java.util.Optional.empty();
    dev.jcosign.core.keyless.FulcioCertificate leaf = policy.certificate().or(() -> bundleCert.filter(c -> !c.isEmpty())
        .map(c -> dev.jcosign.core.keyless.FulcioCertificate.parse(decodeCert(c), "the bundle's cert")))
        .orElseThrow(() -> new dev.jcosign.core.error.InvalidInputException(
            "keyless verification of a signature needs its certificate: --certificate FILE (or a bundle that carries it)"));
    PublicKey key = leaf.x509().getPublicKey();
    DigestAlgorithm hash = req.legacyDigest();
    byte[] digest = artifactDigest(req.artifact(), hash);
    if (!DigestSignatures.verify(key, digest, sig, hash)) {
      throw new VerificationException("invalid signature: it does not verify over " + req.artifact().name()
          + " with the certificate's key");
    }
    java.util.List<java.time.Instant> observed = new java.util.ArrayList<>();
    SignedTimestamps.verify(req.tlog(), req.timestamps(), sig).ifPresent(observed::add);
    if (!req.tlog().ignore()) {
      ExpectedContent.MessageSignature expected = new ExpectedContent.MessageSignature(hash, digest, sig,
          ExpectedContent.Verifier.certificate(leaf.der()));
      java.util.Optional<JsonNode> rekor = m instanceof BlobMaterial.LegacyBundle l ? l.bundle().rekorBundle() : java.util.Optional.empty();
      dev.jcosign.core.tlog.TlogVerification v = rekor.isPresent()
          ? req.tlog().verifyLegacyBundle(Json.writeString(rekor.get()), expected)
          : req.tlog().verifyOnline(ProposedEntries.hashedRekord(hash, digest, sig,
              new dev.jcosign.core.keys.PemBlock("CERTIFICATE", leaf.der()).encode()), expected);
      v.integratedTime().ifPresent(observed::add);
    }
    if (observed.isEmpty()) {
      observed.add(java.time.Instant.now());
    }
    dev.jcosign.core.keyless.KeylessChecks.legacyPath(leaf, java.util.List.of(), req.tlog().root(), policy, observed);
  }

  /** A legacy bundle's {@code cert}: base64 of the PEM (blob bundles) or of the DER (image {@code sign --bundle}). */
  private static byte[] decodeCert(String b64) {
    try {
      return java.util.Base64.getDecoder().decode(b64);
    } catch (IllegalArgumentException e) {
      throw new dev.jcosign.core.error.InvalidInputException("the bundle's cert is not base64");
    }
  }

  private static PublicKey key(VerifyBlobRequest req) {
    return req.key().orElseThrow();
  }

  private static ExpectedContent.Verifier verifier(PublicKey key) {
    return ExpectedContent.Verifier.publicKey(key.getEncoded());
  }

  private byte[] wholeBlob(Artifact artifact) {
    return reader.wholeBlob(artifact);
  }

  private byte[] artifactDigest(Artifact artifact, DigestAlgorithm hash) {
    return reader.digestOf(artifact, hash);
  }

  /**
   * A detached signature or a legacy bundle without {@code rekorBundle}: the log is searched for the
   * {@code hashedrekord} entry this signature would have (spec §4.4 step 3, as for images).
   */
  private static void searchOnline(VerifyBlobRequest req, ExpectedContent.MessageSignature expected) {
    req.tlog().verifyOnline(ProposedEntries.hashedRekord(expected.algorithm(), expected.digest(), expected.signature(),
        PublicKeys.toPem(key(req))), expected);
  }

  /** A Sigstore bundle must carry its entries: bundles are never looked up online (spec §4.3 step 4). */
  private static RuntimeException missingEntry(VerifyBlobRequest req) {
    return req.tlog().offline() ? req.tlog().missingEntry()
        : new VerificationException("the bundle has no transparency log entry; pass --insecure-ignore-tlog to verify without it");
  }

  /** Legacy hashing is SHA-256 for every curve unless told otherwise (spec §2.3); say so when it likely matters. */
  private static String digestHint(PublicKey key, DigestAlgorithm used) {
    DigestAlgorithm keyDefault = DigestAlgorithm.defaultFor(key);
    return key instanceof ECPublicKey && keyDefault != used
        ? " (signatures made by cosign v2.6+ with this key hash with " + keyDefault
            + ": try --signature-digest-algorithm " + keyDefault + ")"
        : "";
  }

  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }
}
