package dev.jcosign.adapters.azurekms;

import com.azure.security.keyvault.keys.cryptography.CryptographyClient;
import com.azure.security.keyvault.keys.cryptography.models.SignatureAlgorithm;
import dev.jcosign.core.error.KmsException;
import dev.jcosign.core.keys.DigestAlgorithm;
import dev.jcosign.core.spi.Signer;
import java.io.IOException;
import java.math.BigInteger;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.function.Supplier;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;

/**
 * Signs with an Azure Key Vault key: hashes locally and sends the digest with the algorithm the key
 * implies (spec §5: ES256/384/512 by curve, RS256/384/512 by modulus). Key Vault returns ECDSA
 * signatures as IEEE P1363 r‖s; they are re-encoded as ASN.1 DER like every other jcosign signature.
 */
public final class AzureKeyVaultSigner implements Signer {
  private final Supplier<CryptographyClient> crypto;
  private final String uri;
  private final SignatureAlgorithm algorithm;
  private final DigestAlgorithm digest;
  private final PublicKey publicKey;

  AzureKeyVaultSigner(Supplier<CryptographyClient> crypto, String uri, SignatureAlgorithm algorithm, DigestAlgorithm digest,
      PublicKey publicKey) {
    this.crypto = crypto;
    this.uri = uri;
    this.algorithm = algorithm;
    this.digest = digest;
    this.publicKey = publicKey;
  }

  @Override
  public PublicKey publicKey() {
    return publicKey;
  }

  /** ES256, RS384, ... */
  public SignatureAlgorithm algorithm() {
    return algorithm;
  }

  @Override
  public java.util.Optional<DigestAlgorithm> signingDigest() {
    return java.util.Optional.of(digest);
  }

  /** Key Vault signs digests only, so a blob is hashed here while streamed. */
  @Override
  public byte[] signDigest(byte[] hash, DigestAlgorithm given) {
    Signer.requireAlgorithm(signingDigest(), given);
    byte[] sig;
    try {
      sig = crypto.get().sign(algorithm, hash).getSignature();
    } catch (RuntimeException e) {
      throw AzureKeyVaultErrors.of(uri, "signing with", e);
    }
    return publicKey instanceof ECPublicKey ec ? toDer(sig, ec) : sig;
  }

  /** IEEE P1363 r‖s (each half the curve's byte length) to an ASN.1 DER SEQUENCE of two INTEGERs. */
  private byte[] toDer(byte[] raw, ECPublicKey key) {
    int half = (key.getParams().getCurve().getField().getFieldSize() + 7) / 8;
    if (raw == null || raw.length != 2 * half) {
      throw new KmsException("signing with " + uri + ": key vault returned a " + (raw == null ? 0 : raw.length)
          + "-byte ecdsa signature, expected " + 2 * half);
    }
    BigInteger r = new BigInteger(1, Arrays.copyOfRange(raw, 0, half));
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(raw, half, raw.length));
    try {
      return new DERSequence(new ASN1Integer[] {new ASN1Integer(r), new ASN1Integer(s)}).getEncoded();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
