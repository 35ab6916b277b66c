package dev.jcosign.adapters.keyfile;

import dev.jcosign.core.keys.DigestAlgorithm;
import dev.jcosign.core.keys.DigestSignatures;
import dev.jcosign.core.keys.PrivateKeys;
import dev.jcosign.core.keys.Signatures;
import dev.jcosign.core.spi.Signer;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.util.Optional;

/**
 * A {@link Signer} over a private key decrypted from a cosign key file (or {@code env://} PEM); the
 * scheme follows the key type (spec §2.3: P-256/384/521 ECDSA with SHA-256/384/512, RSA PKCS#1 v1.5
 * SHA-256, Ed25519ph; pure Ed25519 for blobs).
 */
public final class KeyFileSigner implements Signer {
  private final PrivateKey privateKey;
  private final PublicKey publicKey;

  public KeyFileSigner(PrivateKey privateKey) {
    this.privateKey = privateKey;
    this.publicKey = PrivateKeys.publicKeyOf(privateKey);
  }

  @Override
  public PublicKey publicKey() {
    return publicKey;
  }

  @Override
  public byte[] sign(byte[] message) {
    return Signatures.sign(privateKey, message);
  }

  @Override
  public Optional<DigestAlgorithm> signingDigest() {
    return privateKey instanceof EdECPrivateKey ? Optional.<DigestAlgorithm>empty() : Optional.of(DigestAlgorithm.defaultFor(publicKey));
  }

  @Override
  public byte[] signDigest(byte[] digest, DigestAlgorithm algorithm) {
    Signer.requireAlgorithm(signingDigest(), algorithm);
    return DigestSignatures.sign(privateKey, digest, algorithm);
  }

  @Override
  public byte[] signBlob(byte[] blob) {
    return privateKey instanceof EdECPrivateKey ? DigestSignatures.signPureEd25519(privateKey, blob) : sign(blob);
  }
}
