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
  private final KeyPair pair;

  private EphemeralSigner(KeyPair pair) {
    this.pair = pair;
  }

  /** A fresh P-256 key ({@code ecdsa-sha2-256-nistp256}, cosign's default and the only kind Fulcio's mock accepts). */
  public static EphemeralSigner p256() {
    return new EphemeralSigner(KeyGeneration.p256());
  }

  @Override
  public PublicKey publicKey() {
    return pair.getPublic();
  }

  @Override
  public Optional<DigestAlgorithm> signingDigest() {
    return Optional.of(DigestAlgorithm.SHA256);
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
    return "EphemeralSigner[P-256]";
  }
}
