package dev.jcosign.core.blob;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcosign.core.bundle.BundleJson;
import dev.jcosign.core.bundle.SigstoreBundle;
import dev.jcosign.core.bundle.SigstoreBundle.DsseEnvelope;
import dev.jcosign.core.bundle.SigstoreBundle.MessageSignature;
import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.error.VerificationException;
import dev.jcosign.core.json.Json;
import dev.jcosign.core.keyless.CertificatePolicy;
import dev.jcosign.core.keyless.FulcioCertificate;
import dev.jcosign.core.keyless.KeylessChecks;
import dev.jcosign.core.keys.DigestAlgorithm;
import dev.jcosign.core.keys.DigestSignatures;
import dev.jcosign.core.keys.Signatures;
import dev.jcosign.core.timestamp.SignedTimestamps;
import dev.jcosign.core.tlog.ExpectedContent;
import dev.jcosign.core.tlog.TlogVerification;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.interfaces.EdECPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@code verify-blob} of a Sigstore bundle (spec §4.7, keyless spec §1.7, §1.9): a message signature
 * or a DSSE envelope whose statement names the artifact, signed with the given key or with a Fulcio
 * certificate. Order as sigstore-go: content and signature, log entries, timestamps, then the
 * certificate at the times those proved.
 */
final class BundleVerifier {
  private final BlobReader reader;

  BundleVerifier(BlobReader reader) {
    this.reader = reader;
  }

  void verify(VerifyBlobRequest req, SigstoreBundle bundle) {
    Optional<byte[]> leafDer = leafDer(bundle, req);
    // keyless: the certificate is parsed on another thread while the log entry is checked, and the
    // signature after it (the JDK's X.509 parser costs ~30 ms on a cold JVM; issue 9's bench target)
    Optional<CompletableFuture<FulcioCertificate>> parsing = leafDer.map(der ->
        CompletableFuture.supplyAsync(() -> FulcioCertificate.parse(der, "the bundle's certificate")));
    PublicKey givenKey = leafDer.isPresent() ? null : req.key().orElseThrow(() ->
        new InvalidInputException("the bundle is signed with a key: give its public key with --key"));
    ExpectedContent.Verifier verifier = leafDer.map(ExpectedContent.Verifier::certificate)
        .orElseGet(() -> ExpectedContent.Verifier.publicKey(givenKey.getEncoded()));
    if (req.attestation().isPresent() && bundle.dsseEnvelope().isEmpty()) {
      throw new InvalidInputException("the bundle holds a message signature, not an attestation: verify it with verify-blob");
    }
    ExpectedContent expected;
    List<byte[]> stamped;
    java.util.function.Consumer<PublicKey> signatureCheck;
    if (bundle.dsseEnvelope().isPresent()) {
      DsseEnvelope env = bundle.dsseEnvelope().get();
      signatureCheck = key -> {
        verifyDsse(req, env, key);
        req.attestation().flatMap(t -> t).ifPresent(type -> {
          String found = Json.parse(env.payload(), "the bundle's in-toto statement").path("predicateType").asText("");
          if (!type.equals(found)) {
            throw new VerificationException("none of the attestations matched the predicate type: " + type + ", found: " + found);
          }
        });
      };
      List<byte[]> sigs = env.signatures().stream().map(SigstoreBundle.DsseSignature::sig).toList();
      expected = new ExpectedContent.Dsse(env.payloadType(), env.payload(), sigs, verifier, Optional.empty());
      stamped = sigs;
    } else {
      MessageSignature ms = bundle.messageSignature().orElseThrow();
      // Ed25519 signs the blob itself: read it once (standard input cannot be read twice); Fulcio keys never are
      byte[] whole = givenKey instanceof EdECPublicKey ? wholeBlob(req.artifact()) : null;
      byte[] digest = whole != null ? BlobReader.digest(whole, ms.algorithm()) : artifactDigest(req.artifact(), ms.algorithm());
      if (!MessageDigest.isEqual(digest, ms.digest())) {
        throw new VerificationException("the bundle is for another artifact: its message digest is " + ms.algorithm() + ":"
            + hex(ms.digest()) + ", " + req.artifact().name() + " has " + ms.algorithm() + ":" + hex(digest));
      }
      signatureCheck = key -> verifyMessage(bundle, ms, key, whole, digest, leafDer.isPresent());
      expected = new ExpectedContent.MessageSignature(ms.algorithm(), digest, ms.signature(), verifier);
      stamped = List.of(ms.signature());
    }
    if (givenKey != null) {
      signatureCheck.accept(givenKey); // key-based: the signature first, as before
    }
    List<Instant> observed = new ArrayList<>();
    if (!req.tlog().ignore()) {
      if (bundle.material().tlogEntries().isEmpty()) {
        throw req.tlog().offline() ? req.tlog().missingEntry()
            : new VerificationException("the bundle has no transparency log entry; pass --insecure-ignore-tlog to verify without it");
      }
      TlogVerification v = req.tlog().verifyEntries(bundle.material().tlogEntries(), expected);
      v.integratedTime().ifPresent(observed::add);
    }
    // spec §4.4 step 7: imprint = SHA-256 of the raw signature bytes
    List<byte[]> timestamps = new ArrayList<>(bundle.material().rfc3161Timestamps());
    timestamps.addAll(req.timestamps());
    SignedTimestamps.verify(req.tlog(), timestamps, stamped).ifPresent(observed::add);
    if (parsing.isPresent()) {
      FulcioCertificate leaf = join(parsing.get());
      signatureCheck.accept(leaf.x509().getPublicKey());
      if (observed.isEmpty() && req.tlog().ignore()) {
        observed.add(Instant.now()); // keyless spec §1.7: WithCurrentTime, so an expired certificate fails
      }
      KeylessChecks.bundlePath(leaf, req.tlog().root(), req.certificates().orElseThrow(), observed);
    }
  }

  private static FulcioCertificate join(CompletableFuture<FulcioCertificate> f) {
    try {
      return f.join();
    } catch (java.util.concurrent.CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  /** The signing certificate, when the bundle is keyless; a key-signed bundle needs {@code --key}. */
  private static Optional<byte[]> leafDer(SigstoreBundle bundle, VerifyBlobRequest req) {
    SigstoreBundle.VerificationMaterial m = bundle.material();
    if (!m.hasCertificate()) {
      return Optional.empty();
    }
    CertificatePolicy policy = req.certificates().orElseThrow(() -> new InvalidInputException(
        "the bundle is signed with a certificate (keyless): verify it with --certificate-identity and "
            + "--certificate-oidc-issuer instead of --key"));
    if (m.certificate().isEmpty() && "0.3".equals(bundle.version()) && !policy.allowCertificateChain()) {
      throw new VerificationException("verification material cannot be X.509 certificate chain (for bundle v0.3)");
    }
    // v0.1/v0.2 chains: only the leaf counts, the trusted root supplies the rest (keyless spec §1.7)
    return Optional.of(m.certificate().orElseGet(() -> m.certificateChain().get(0)));
  }

  private static void verifyMessage(SigstoreBundle bundle, MessageSignature ms, PublicKey key, byte[] whole, byte[] digest,
      boolean keyless) {
    boolean ok = whole != null
        ? Signatures.verify(key, whole, ms.signature(), ms.algorithm())
        : DigestSignatures.verify(key, digest, ms.signature(), ms.algorithm());
    if (!ok) {
      if (keyless) {
        throw new VerificationException("invalid signature: the bundle's signature does not verify with its certificate's key");
      }
      String hint = bundle.material().publicKeyHint().orElse("");
      String ours = BundleJson.hint(key);
      // cosign ignores the hint when the signature verifies; when it does not, the hint says why
      throw new VerificationException(!hint.isEmpty() && !hint.equals(ours)
          ? "the bundle was signed with another key: its public key hint " + hint + " is not the given key's " + ours
          : "invalid signature: the bundle's signature does not verify with the given key");
    }
  }

  /** A DSSE bundle: the PAE signature, then the artifact must be one of the statement's subjects (keyless spec §1.9). */
  private void verifyDsse(VerifyBlobRequest req, DsseEnvelope env, PublicKey key) {
    byte[] pae = dev.jcosign.core.tlog.EntryBodies.pae(env.payloadType(), env.payload());
    DigestAlgorithm hash = DigestAlgorithm.defaultFor(key);
    boolean signed = env.signatures().stream().anyMatch(s -> s.sig().length > 0 && Signatures.verify(key, pae, s.sig(), hash));
    if (!signed) {
      throw new VerificationException("invalid signature: the DSSE envelope's signature does not verify");
    }
    JsonNode statement = Json.parse(env.payload(), "the bundle's in-toto statement");
    List<String> seen = new ArrayList<>();
    for (JsonNode s : statement.path("subject")) {
      for (DigestAlgorithm a : List.of(DigestAlgorithm.SHA256, DigestAlgorithm.SHA384, DigestAlgorithm.SHA512)) {
        String want = s.path("digest").path(a.toString()).asText("");
        if (want.isEmpty()) {
          continue;
        }
        if (req.artifact() instanceof Artifact.DigestArtifact d && d.algorithm() != a) {
          continue;
        }
        String have = hex(artifactDigest(req.artifact(), a));
        if (have.equalsIgnoreCase(want)) {
          return;
        }
        seen.add(a + ":" + want);
      }
    }
    throw new VerificationException("the bundle's statement is not about " + req.artifact().name() + ": its subjects are "
        + (seen.isEmpty() ? "none with a sha256, sha384 or sha512 digest" : String.join(", ", seen)));
  }

  private byte[] wholeBlob(Artifact artifact) {
    return reader.wholeBlob(artifact);
  }

  private byte[] artifactDigest(Artifact artifact, DigestAlgorithm hash) {
    return reader.digestOf(artifact, hash);
  }

  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }
}
