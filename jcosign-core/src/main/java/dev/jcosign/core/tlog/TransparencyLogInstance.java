package dev.jcosign.core.tlog;

import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.keys.PublicKeys;
import java.security.PublicKey;
import java.util.HexFormat;
import java.util.Objects;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * One {@code tlogs[]} or {@code ctlogs[]} element of a trusted root (spec §6.7).
 *
 * @param baseUrl the log's URL, e.g. {@code https://rekor.sigstore.dev}
 * @param hashAlgorithm e.g. {@code SHA2_256}
 * @param logId {@code logId.keyId} bytes: SHA-256 of the PKIX DER for Rekor v1 and CT logs; the
 *     signed-note key ID for Rekor v2 logs (its first 4 bytes are the checkpoint key hint)
 * @param publicKeyBytes {@code publicKey.rawBytes}: PKIX DER, or PKCS#1 for {@code PKCS1_RSA_*}
 * @param keyDetails e.g. {@code PKIX_ECDSA_P256_SHA_256}, {@code PKIX_ED25519}
 * @param validFor when the key may be used
 */
public record TransparencyLogInstance(
    String baseUrl, String hashAlgorithm, byte[] logId, byte[] publicKeyBytes, String keyDetails, ValidityPeriod validFor) {

  public TransparencyLogInstance {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(keyDetails, "keyDetails");
    Objects.requireNonNull(validFor, "validFor");
    logId = logId.clone();
    publicKeyBytes = publicKeyBytes.clone();
  }

  @Override
  public byte[] logId() {
    return logId.clone();
  }

  @Override
  public byte[] publicKeyBytes() {
    return publicKeyBytes.clone();
  }

  /** Lower-case hex of the log ID, the form legacy bundles carry (spec §6.3). */
  public String logIdHex() {
    return HexFormat.of().formatHex(logId);
  }

  /** The log's key; {@link InvalidInputException} when the trusted root holds a key we cannot read. */
  public PublicKey publicKey() {
    byte[] spki = publicKeyBytes;
    if (keyDetails.startsWith("PKCS1_RSA_")) {
      // protobuf-specs allow a bare PKCS#1 RSAPublicKey; wrap it so the JDK can read it
      try {
        spki = new SubjectPublicKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE), publicKeyBytes)
            .getEncoded();
      } catch (java.io.IOException e) {
        throw new InvalidInputException("trusted root: unreadable key for log " + logIdHex(), e);
      }
    }
    try {
      return PublicKeys.fromDer(spki);
    } catch (RuntimeException e) {
      throw new InvalidInputException("trusted root: unreadable key for log " + logIdHex() + ": " + e.getMessage(), e);
    }
  }
}
