package dev.jcosign.adapters.gcpkms;

import com.google.api.gax.rpc.ApiException;
import com.google.cloud.kms.v1.AsymmetricSignRequest;
import com.google.cloud.kms.v1.AsymmetricSignResponse;
import com.google.cloud.kms.v1.KeyManagementServiceClient;
import com.google.protobuf.Int64Value;
import dev.jcosign.core.error.KmsException;
import dev.jcosign.core.keys.DigestAlgorithm;
import dev.jcosign.core.spi.Signer;
import java.security.PublicKey;
import java.util.zip.CRC32C;

/**
 * Signs with one Cloud KMS key version: hashes locally with the hash of the version's algorithm and
 * sends only the digest to {@code AsymmetricSign} (spec §5). Both integrity checks Google documents
 * are enforced: the server must confirm it received our digest ({@code verifiedDigestCrc32c}) and the
 * signature must match {@code signatureCrc32c}. ECDSA signatures come back ASN.1 DER already.
 */
public final class GcpKmsSigner implements Signer {
  private final KeyManagementServiceClient client;
  private final String uri;
  private final String versionName;
  private final DigestAlgorithm digest;
  private final PublicKey publicKey;

  GcpKmsSigner(KeyManagementServiceClient client, String uri, String versionName, DigestAlgorithm digest, PublicKey publicKey) {
    this.client = client;
    this.uri = uri;
    this.versionName = versionName;
    this.digest = digest;
    this.publicKey = publicKey;
  }

  @Override
  public PublicKey publicKey() {
    return publicKey;
  }

  /** The hash this key signs with (SHA-384 for P-384 keys and so on). */
  public DigestAlgorithm digestAlgorithm() {
    return digest;
  }

  @Override
  public java.util.Optional<DigestAlgorithm> signingDigest() {
    return java.util.Optional.of(digest);
  }

  /** Only the digest travels to Cloud KMS, so a blob is hashed here while streamed. */
  @Override
  public byte[] signDigest(byte[] hash, DigestAlgorithm given) {
    Signer.requireAlgorithm(signingDigest(), given);
    AsymmetricSignResponse r;
    try {
      r = client.asymmetricSign(AsymmetricSignRequest.newBuilder()
          .setName(versionName)
          .setDigest(GcpKmsAlgorithm.digest(digest, hash))
          .setDigestCrc32C(Int64Value.of(crc32c(hash)))
          .build());
    } catch (ApiException e) {
      throw GcpKmsErrors.of(uri, "signing with", e);
    }
    if (!r.getName().equals(versionName)) {
      throw new KmsException("signing with " + uri + ": cloud kms answered for another key version (" + r.getName() + ")");
    }
    if (!r.getVerifiedDigestCrc32C()) {
      throw new KmsException("signing with " + uri + ": cloud kms did not verify the digest checksum (request corrupted in transit)");
    }
    byte[] sig = r.getSignature().toByteArray();
    if (!r.hasSignatureCrc32C() || r.getSignatureCrc32C().getValue() != crc32c(sig)) {
      throw new KmsException("signing with " + uri + ": signature checksum mismatch (response corrupted in transit)");
    }
    return sig;
  }

  static long crc32c(byte[] b) {
    CRC32C c = new CRC32C();
    c.update(b);
    return c.getValue();
  }
}
