package dev.jcosign.core.keys;

import dev.jcosign.core.error.KeyException;
import java.math.BigInteger;
import java.security.PrivateKey;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * Reads the unencrypted PEM private keys {@code import-key-pair} accepts and validates them as cosign
 * does (spec §2.5): {@code RSA PRIVATE KEY} (PKCS#1), {@code EC PRIVATE KEY} (SEC1) and
 * {@code PRIVATE KEY} (PKCS#8: RSA, ECDSA, Ed25519); RSA 2048/3072/4096 and EC P-256/384/521 only.
 */
public final class ImportableKeys {
  private ImportableKeys() {}

  /** The private key in {@code pem}; {@link KeyException} with cosign's wording when it is refused. */
  public static PrivateKey parse(byte[] pem) {
    PemBlock block = PemBlock.decode(pem);
    switch (block.label()) {
      case "RSA PRIVATE KEY":
        return rsa(parseRsa(block.bytes(), "error parsing rsa private key"));
      case "EC PRIVATE KEY":
        return sec1(block.bytes(), null, "error parsing ecdsa private key");
      case "PRIVATE KEY":
        return pkcs8(block.bytes());
      default:
        throw new KeyException("unsupported private key: pem type \"" + block.label() + "\"");
    }
  }

  private static PrivateKey pkcs8(byte[] der) {
    String parseError = "error parsing pkcs #8 private key";
    PrivateKeyInfo info;
    try {
      info = PrivateKeyInfo.getInstance(der);
    } catch (RuntimeException e) {
      throw new KeyException(parseError, e);
    }
    ASN1ObjectIdentifier alg = info.getPrivateKeyAlgorithm().getAlgorithm();
    try {
      if (alg.equals(PKCSObjectIdentifiers.rsaEncryption)) {
        return rsa(parseRsa(info.parsePrivateKey().toASN1Primitive().getEncoded(), parseError));
      }
      if (alg.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
        Curves curve = PrivateKeys.ecCurve(info.getPrivateKeyAlgorithm().getParameters())
            .orElseThrow(() -> new KeyException(parseError + ": unsupported elliptic curve"));
        return sec1(info.parsePrivateKey().toASN1Primitive().getEncoded(), curve, parseError);
      }
      if (alg.equals(EdECObjectIdentifiers.id_Ed25519)) {
        return PrivateKeys.ed25519(ASN1OctetString.getInstance(info.parsePrivateKey()).getOctets());
      }
    } catch (java.io.IOException | java.security.spec.InvalidKeySpecException | RuntimeException e) {
      if (e instanceof KeyException ke) {
        throw ke;
      }
      throw new KeyException(parseError, e);
    }
    throw new KeyException("unsupported private key: pkcs #8 key algorithm " + alg.getId());
  }

  private static RSAPrivateKey parseRsa(byte[] der, String parseError) {
    try {
      RSAPrivateKey k = RSAPrivateKey.getInstance(der);
      if (k == null || k.getModulus().signum() <= 0 || k.getPrime1().signum() <= 0) {
        throw new IllegalArgumentException("empty");
      }
      return k;
    } catch (RuntimeException e) {
      throw new KeyException(parseError, e);
    }
  }

  private static PrivateKey rsa(RSAPrivateKey k) {
    int bits = k.getModulus().bitLength();
    if (bits != 2048 && bits != 3072 && bits != 4096) {
      throw new KeyException("error validating rsa key: unsupported rsa modulus size " + bits
          + ": modulus size must be 2048, 3072, or 4096");
    }
    if (!k.getPrime1().multiply(k.getPrime2()).equals(k.getModulus())) {
      throw new KeyException("error parsing rsa private key: primes do not match the modulus");
    }
    try {
      return PrivateKeys.rsa(k);
    } catch (java.security.spec.InvalidKeySpecException e) {
      throw new KeyException("error parsing rsa private key", e);
    }
  }

  /**
   * A SEC1 ECPrivateKey; {@code outerCurve} is the curve from a PKCS#8 wrapper, else the curve must
   * be named inside. Go parses P-224 too (then fails validation); other curves fail to parse.
   */
  private static PrivateKey sec1(byte[] der, Curves outerCurve, String parseError) {
    org.bouncycastle.asn1.sec.ECPrivateKey k;
    Optional<Curves> curve;
    try {
      k = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(der);
      curve = outerCurve != null ? Optional.of(outerCurve) : PrivateKeys.ecCurve(k.getParametersObject());
    } catch (RuntimeException e) {
      throw new KeyException(parseError, e);
    }
    if (curve.isEmpty()) {
      throw new KeyException(parseError + ": unsupported elliptic curve");
    }
    if (!curve.get().supported()) {
      throw new KeyException("error validating ecdsa key: unsupported curve " + curve.get().nistName
          + ", must be NIST P-256, P-384 or P-521");
    }
    BigInteger d = k.getKey();
    try {
      return PrivateKeys.ec(curve.get(), d);
    } catch (java.security.spec.InvalidKeySpecException e) {
      throw new KeyException(parseError, e);
    }
  }
}
