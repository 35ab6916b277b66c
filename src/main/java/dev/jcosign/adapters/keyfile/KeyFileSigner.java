package dev.jcosign.adapters.keyfile;

import dev.jcosign.core.keys.PrivateKeys;
import dev.jcosign.core.keys.Signatures;
import dev.jcosign.core.spi.Signer;
import java.security.PrivateKey;
import java.security.PublicKey;

/**
 * A {@link Signer} over a private key decrypted from a cosign key file (or {@code env://} PEM); the
 * scheme follows the key type (spec §2.3: P-256/384/521 ECDSA with SHA-256/384/512, RSA PKCS#1 v1.5
 * SHA-256, Ed25519ph).
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
}
