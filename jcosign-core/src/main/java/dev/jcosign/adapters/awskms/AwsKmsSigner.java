package dev.jcosign.adapters.awskms;

import dev.jcosign.core.keys.DigestAlgorithm;
import dev.jcosign.core.spi.Signer;
import java.security.PublicKey;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.MessageType;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;

/**
 * Signs with an AWS KMS key that never leaves KMS (spec §5): the message is hashed here with the
 * hash of the key's first signing algorithm and only the digest is sent ({@code MessageType DIGEST}).
 * KMS returns ASN.1 DER for ECDSA and the PKCS#1 v1.5 block for RSA, the formats of file keys.
 */
public final class AwsKmsSigner implements Signer {
  private final KmsClient kms;
  private final AwsKmsKeyUri ref;
  private final PublicKey publicKey;
  private final SigningAlgorithmSpec algorithm;

  AwsKmsSigner(KmsClient kms, AwsKmsKeyUri ref, PublicKey publicKey, SigningAlgorithmSpec algorithm) {
    this.kms = kms;
    this.ref = ref;
    this.publicKey = publicKey;
    this.algorithm = algorithm;
  }

  @Override
  public PublicKey publicKey() {
    return publicKey;
  }

  /** The KMS signing algorithm in use, e.g. {@code ECDSA_SHA_256}. */
  public String algorithm() {
    return algorithm.toString();
  }

  @Override
  public Optional<DigestAlgorithm> signingDigest() {
    return Optional.of(DigestAlgorithm.parse(hashOf(algorithm).replace("-", "")));
  }

  /** The digest goes to KMS as is ({@code MessageType DIGEST}), so a blob is hashed while streamed. */
  @Override
  public byte[] signDigest(byte[] digest, DigestAlgorithm given) {
    Signer.requireAlgorithm(signingDigest(), given);
    return send(digest);
  }

  private byte[] send(byte[] digest) {
    try {
      return kms.sign(b -> b.keyId(ref.keyId()).message(SdkBytes.fromByteArray(digest))
          .messageType(MessageType.DIGEST).signingAlgorithm(algorithm)).signature().asByteArray();
    } catch (SdkException e) {
      throw AwsKmsErrors.map("signing with", ref, e);
    }
  }

  /** The JCA hash named by a KMS signing algorithm ({@code ..._SHA_256} → SHA-256). */
  static String hashOf(SigningAlgorithmSpec a) {
    String s = a.toString();
    return "SHA-" + s.substring(s.lastIndexOf('_') + 1);
  }

}
