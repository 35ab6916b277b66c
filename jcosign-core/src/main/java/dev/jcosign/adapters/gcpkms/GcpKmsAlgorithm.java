package dev.jcosign.adapters.gcpkms;

import com.google.cloud.kms.v1.CryptoKeyVersion.CryptoKeyVersionAlgorithm;
import com.google.cloud.kms.v1.Digest;
import com.google.protobuf.ByteString;
import dev.jcosign.core.error.KmsException;
import dev.jcosign.core.keys.DigestAlgorithm;

/**
 * The hash a Cloud KMS signing algorithm expects as its digest (spec §5): the suffix of
 * {@code EC_SIGN_P256_SHA256}, {@code EC_SIGN_P384_SHA384}, {@code RSA_SIGN_PKCS1_*_SHA*} and
 * {@code RSA_SIGN_PSS_*_SHA*}. Raw PKCS#1, secp256k1, Ed25519 and post-quantum keys are refused as
 * cosign refuses them.
 */
final class GcpKmsAlgorithm {
  private GcpKmsAlgorithm() {}

  static DigestAlgorithm digestFor(CryptoKeyVersionAlgorithm alg, String uri) {
    String n = alg.name();
    boolean known = n.equals("EC_SIGN_P256_SHA256") || n.equals("EC_SIGN_P384_SHA384")
        || n.startsWith("RSA_SIGN_PKCS1_") || n.startsWith("RSA_SIGN_PSS_");
    if (known && n.endsWith("_SHA256")) {
      return DigestAlgorithm.SHA256;
    }
    if (known && n.endsWith("_SHA384")) {
      return DigestAlgorithm.SHA384;
    }
    if (known && n.endsWith("_SHA512")) {
      return DigestAlgorithm.SHA512;
    }
    throw new KmsException("unsupported key algorithm " + n + " for " + uri
        + ": use EC_SIGN_P256_SHA256, EC_SIGN_P384_SHA384, RSA_SIGN_PKCS1_* or RSA_SIGN_PSS_*");
  }

  static Digest digest(DigestAlgorithm d, byte[] hash) {
    ByteString b = ByteString.copyFrom(hash);
    return switch (d) {
      case SHA256 -> Digest.newBuilder().setSha256(b).build();
      case SHA384 -> Digest.newBuilder().setSha384(b).build();
      case SHA512 -> Digest.newBuilder().setSha512(b).build();
      default -> throw new IllegalArgumentException(d.toString());
    };
  }
}
