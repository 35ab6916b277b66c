package dev.jcosign.core.keyless;

import dev.jcosign.core.keys.DigestAlgorithm;
import dev.jcosign.core.keys.DigestSignatures;
import dev.jcosign.core.keys.KeyGeneration;
import dev.jcosign.core.spi.Signer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Optional;

/**
 * The key of one keyless signing run (keyless spec §1.1 step 1): ECDSA P-256 made in memory, used for
 * the proof of possession and the signature, never written anywhere, gone with the process.
 */
public final class EphemeralSigner implements Signer {
  /** cosign's default {@code --signing-algorithm}. */
  public static final String DEFAULT_ALGORITHM = "ecdsa-sha2-256-nistp256";
  private final KeyPair pair;
  private final DigestAlgorithm hash;

  private EphemeralSigner(KeyPair pair, DigestAlgorithm hash) {
    this.pair = pair;
    this.hash = hash;
  }

  /** A fresh P-256 key ({@code ecdsa-sha2-256-nistp256}, cosign's default and the only kind Fulcio's mock accepts). */
  public static EphemeralSigner p256() {
    return new EphemeralSigner(KeyGeneration.p256(), DigestAlgorithm.SHA256);
  }

  /**
   * A fresh key of a {@code --signing-algorithm} (sigstore's {@code PublicKeyDetails} names, spec §1.3
   * sign-blob row): ECDSA P-256/384/521 with SHA-256/384/512, RSA PKCS#1 v1.5 2048/3072/4096 with SHA-256.
   * Ed25519ph is refused as sigstore-go refuses it for Fulcio.
   */
  public static EphemeralSigner of(String algorithm) {
    try {
      switch (algorithm) {
        case DEFAULT_ALGORITHM:
          return p256();
        case "ecdsa-sha2-384-nistp384":
          return new EphemeralSigner(ec("secp384r1"), DigestAlgorithm.SHA384);
        case "ecdsa-sha2-512-nistp521":
          return new EphemeralSigner(ec("secp521r1"), DigestAlgorithm.SHA512);
        case "rsa-sign-pkcs1-2048-sha256", "rsa-sign-pkcs1-3072-sha256", "rsa-sign-pkcs1-4096-sha256": {
          java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
          g.initialize(Integer.parseInt(algorithm.substring("rsa-sign-pkcs1-".length(), algorithm.length() - "-sha256".length())));
          return new EphemeralSigner(g.generateKeyPair(), DigestAlgorithm.SHA256);
        }
        case "ed25519-ph", "ed25519ph", "ed25519":
          throw new dev.jcosign.core.error.InvalidInputException("ed25519ph unsupported by Fulcio: choose an ecdsa or rsa --signing-algorithm");
        default:
          throw new dev.jcosign.core.error.InvalidInputException("unsupported --signing-algorithm \"" + algorithm + "\": use "
              + "ecdsa-sha2-256-nistp256, ecdsa-sha2-384-nistp384, ecdsa-sha2-512-nistp521 or rsa-sign-pkcs1-{2048,3072,4096}-sha256");
      }
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot make a " + algorithm + " key", e);
    }
  }

  private static KeyPair ec(String curve) throws java.security.GeneralSecurityException {
    java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
    g.initialize(new java.security.spec.ECGenParameterSpec(curve));
    return g.generateKeyPair();
  }

  @Override
  public PublicKey publicKey() {
    return pair.getPublic();
  }

  @Override
  public Optional<DigestAlgorithm> signingDigest() {
    return Optional.of(hash);
  }

  @Override
  public byte[] signDigest(byte[] digest, DigestAlgorithm algorithm) {
    Signer.requireAlgorithm(signingDigest(), algorithm);
    return DigestSignatures.sign(pair.getPrivate(), digest, algorithm);
  }

  /** Fulcio's proof of possession: a signature over the token's subject (keyless spec §1.3). */
  public byte[] proofOfPossession(String subject) {
    return sign(subject.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "EphemeralSigner[" + pair.getPublic().getAlgorithm() + "]";
  }
}
