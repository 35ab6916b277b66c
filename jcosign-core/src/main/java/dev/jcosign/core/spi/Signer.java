package dev.jcosign.core.spi;

import dev.jcosign.core.error.KeyException;
import dev.jcosign.core.keys.DigestAlgorithm;
import java.security.PublicKey;
import java.util.Optional;

/**
 * Something that signs with a private key it may never reveal: a key file, a KMS key, or an
 * ephemeral keyless key. Implementations pick the hash and scheme from the key type (spec §2.3).
 */
public interface Signer {

  /** The public half, used to verify our own output and to fill in bundles. */
  PublicKey publicKey();

  /**
   * Signs {@code message} and returns the raw signature (ASN.1 DER for ECDSA, PKCS#1 block for RSA).
   * The default suits backends that only sign digests (every KMS): hash with {@link #signingDigest()}
   * here, send only the digest. Signers without a digest algorithm must override it.
   */
  default byte[] sign(byte[] message) {
    DigestAlgorithm d = signingDigest()
        .orElseThrow(() -> new KeyException("this key signs whole messages but implements no sign()"));
    return signDigest(d.digest(message), d);
  }

  /**
   * The hash {@link #sign} applies to the message before the key operation, when a caller may compute
   * it instead and call {@link #signDigest} (so a large blob is streamed, never held in memory).
   * Empty when the scheme signs the message itself (Ed25519).
   */
  default Optional<DigestAlgorithm> signingDigest() {
    return Optional.empty();
  }

  /**
   * Signs a digest of the message computed with {@link #signingDigest()}; the result equals
   * {@code sign(message)}'s. Only signers with a digest algorithm support it.
   */
  default byte[] signDigest(byte[] digest, DigestAlgorithm algorithm) {
    throw new KeyException("this key cannot sign a precomputed digest");
  }

  /**
   * Signs a whole blob as {@code sign-blob} does when nothing goes to a transparency log: like
   * {@link #sign} except that Ed25519 keys use pure Ed25519 rather than Ed25519ph (spec §2.3).
   */
  default byte[] signBlob(byte[] blob) {
    return sign(blob);
  }

  /** Shared check for {@link #signDigest} implementations: the digest must be made with our hash. */
  static void requireAlgorithm(Optional<DigestAlgorithm> own, DigestAlgorithm given) {
    if (own.isEmpty() || own.get() != given) {
      throw new KeyException("this key signs " + own.map(DigestAlgorithm::toString).orElse("whole messages")
          + " digests, not " + given);
    }
  }
}
