package dev.jcosign.core.blob;

import dev.jcosign.core.bundle.BundleJson;
import dev.jcosign.core.bundle.SigstoreBundle;
import dev.jcosign.core.bundle.SigstoreBundle.MessageSignature;
import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.error.TransparencyLogException;
import dev.jcosign.core.error.VerificationException;
import dev.jcosign.core.keys.DigestAlgorithm;
import dev.jcosign.core.keys.DigestSignatures;
import dev.jcosign.core.keys.Signatures;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.util.HexFormat;

/**
 * The {@code verify-blob} use case with a key (spec §4.7): the signature first, then the transparency
 * log requirement. Log entries are not checked yet (a later part of issue 3 plugs the proof checks
 * in); until then material without a checked entry is refused unless {@code --insecure-ignore-tlog}.
 */
public final class BlobVerifier {
  private final BlobReader reader;

  public BlobVerifier(InputStream stdin) {
    this.reader = new BlobReader(stdin);
  }

  /** Returns normally when the blob verifies; throws a one-line {@code CosignException} otherwise. */
  public void verify(VerifyBlobRequest req) {
    BlobMaterial m = req.material();
    if (m instanceof BlobMaterial.Bundle b) {
      verifyBundle(req, b.bundle());
    } else if (m instanceof BlobMaterial.LegacyBundle l) {
      verifyDetached(req, l.bundle().signature("bundle"));
      requireLog(req, l.bundle().rekorBundle().isPresent(), "the bundle's rekorBundle");
    } else if (m instanceof BlobMaterial.DetachedSignature s) {
      verifyDetached(req, s.signature());
      requireLog(req, false, "");
    }
  }

  private void verifyDetached(VerifyBlobRequest req, byte[] sig) {
    if (!signatureOk(req.key(), req.artifact(), sig, req.legacyDigest())) {
      throw new VerificationException("invalid signature: it does not verify over " + req.artifact().name()
          + " with the given key" + digestHint(req.key(), req.legacyDigest()));
    }
  }

  private void verifyBundle(VerifyBlobRequest req, SigstoreBundle bundle) {
    if (bundle.dsseEnvelope().isPresent()) {
      throw new InvalidInputException("the bundle holds a DSSE envelope (an attestation), not a blob signature; "
          + "verify-blob-attestation is not supported yet");
    }
    if (bundle.material().hasCertificate()) {
      throw new InvalidInputException("the bundle is signed with a certificate; keyless verification is not supported yet");
    }
    MessageSignature ms = bundle.messageSignature().orElseThrow();
    // Ed25519 signs the blob itself: read it once (standard input cannot be read twice)
    byte[] whole = req.key() instanceof EdECPublicKey ? wholeBlob(req.artifact()) : null;
    byte[] digest = whole != null ? BlobReader.digest(whole, ms.algorithm()) : artifactDigest(req.artifact(), ms.algorithm());
    if (!MessageDigest.isEqual(digest, ms.digest())) {
      throw new VerificationException("the bundle is for another artifact: its message digest is " + ms.algorithm() + ":"
          + hex(ms.digest()) + ", " + req.artifact().name() + " has " + ms.algorithm() + ":" + hex(digest));
    }
    boolean ok = whole != null
        ? Signatures.verify(req.key(), whole, ms.signature(), ms.algorithm())
        : DigestSignatures.verify(req.key(), digest, ms.signature(), ms.algorithm());
    if (!ok) {
      String hint = bundle.material().publicKeyHint().orElse("");
      String ours = BundleJson.hint(req.key());
      // cosign ignores the hint when the signature verifies; when it does not, the hint says why
      throw new VerificationException(!hint.isEmpty() && !hint.equals(ours)
          ? "the bundle was signed with another key: its public key hint " + hint + " is not the given key's " + ours
          : "invalid signature: the bundle's signature does not verify with the given key");
    }
    requireLog(req, !bundle.material().tlogEntries().isEmpty(), "the bundle's tlogEntries");
  }

  private boolean signatureOk(PublicKey key, Artifact artifact, byte[] sig, DigestAlgorithm hash) {
    if (key instanceof EdECPublicKey) {
      return Signatures.verify(key, wholeBlob(artifact), sig, hash);
    }
    return DigestSignatures.verify(key, artifactDigest(artifact, hash), sig, hash);
  }

  private byte[] wholeBlob(Artifact artifact) {
    if (artifact instanceof Artifact.DigestArtifact) {
      throw new InvalidInputException("ed25519 signatures cover the blob itself: give the file, not its digest");
    }
    return reader.readAll(artifact);
  }

  private byte[] artifactDigest(Artifact artifact, DigestAlgorithm hash) {
    if (artifact instanceof Artifact.DigestArtifact d) {
      if (hash != DigestAlgorithm.SHA256) {
        throw new InvalidInputException("the bundle's digest is " + hash + ", but the artifact was given as a sha256 digest");
      }
      return d.sha256();
    }
    return reader.digest(artifact, hash);
  }

  private static void requireLog(VerifyBlobRequest req, boolean hasEntry, String where) {
    if (req.ignoreTlog()) {
      return;
    }
    if (hasEntry) {
      throw new TransparencyLogException("checking transparency log entries (" + where
          + ") is not supported yet; pass --insecure-ignore-tlog to verify the signature alone");
    }
    throw new TransparencyLogException("signature not found in transparency log: the material carries no log entry "
        + "and online log search is not supported yet; pass --insecure-ignore-tlog to verify without it");
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
