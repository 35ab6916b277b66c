package dev.jcosign.core.keys;

import dev.jcosign.core.error.KeyException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/** PKIX {@code PUBLIC KEY} PEM, the format of {@code cosign.pub} (spec §2.2). */
public final class PublicKeys {
  public static final String PEM_LABEL = "PUBLIC KEY";

  private PublicKeys() {}

  /**
   * {@code PUBLIC KEY} PEM of {@code key}: SubjectPublicKeyInfo DER, 64-column lines, trailing
   * newline. These exact bytes go into Rekor entries, so they must match cosign's (spec §10 #2).
   */
  public static byte[] toPem(PublicKey key) {
    if (!(key instanceof ECPublicKey || key instanceof RSAPublicKey || key instanceof EdECPublicKey)) {
      throw new KeyException("unsupported public key type " + key.getAlgorithm());
    }
    return new PemBlock(PEM_LABEL, key.getEncoded()).encode();
  }

  /** Reads the first PEM block, which must be a {@code PUBLIC KEY} (RSA, ECDSA P-256/384/521 or Ed25519). */
  public static PublicKey fromPem(byte[] pem) {
    PemBlock block = PemBlock.decode(pem);
    if (!PEM_LABEL.equals(block.label())) {
      throw new KeyException("expected a \"" + PEM_LABEL + "\" PEM block, found \"" + block.label() + "\"");
    }
    return fromDer(block.bytes());
  }

  /** Parses SubjectPublicKeyInfo DER. */
  public static PublicKey fromDer(byte[] spki) {
    ASN1ObjectIdentifier alg;
    try {
      alg = SubjectPublicKeyInfo.getInstance(spki).getAlgorithm().getAlgorithm();
    } catch (RuntimeException e) {
      throw new KeyException("parsing public key: malformed SubjectPublicKeyInfo", e);
    }
    String jdkName;
    if (alg.equals(PKCSObjectIdentifiers.rsaEncryption)) {
      jdkName = "RSA";
    } else if (alg.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
      var params = SubjectPublicKeyInfo.getInstance(spki).getAlgorithm().getParameters();
      if (PrivateKeys.ecCurve(params).filter(Curves::supported).isEmpty()) {
        throw new KeyException("parsing public key: unsupported ecdsa curve, must be NIST P-256, P-384 or P-521");
      }
      jdkName = "EC";
    } else if (alg.equals(EdECObjectIdentifiers.id_Ed25519)) {
      jdkName = "Ed25519";
    } else {
      throw new KeyException("parsing public key: unsupported key algorithm " + alg.getId());
    }
    try {
      return KeyFactory.getInstance(jdkName).generatePublic(new X509EncodedKeySpec(spki));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new KeyException("parsing public key: invalid " + jdkName + " key", e);
    }
  }
}
