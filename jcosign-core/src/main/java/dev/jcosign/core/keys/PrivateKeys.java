package dev.jcosign.core.keys;

import dev.jcosign.core.error.KeyException;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X962Parameters;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * Private keys as JDK objects (RSA CRT, ECDSA P-256/384/521, Ed25519): parsing and writing PKCS#8
 * DER, building keys from PKCS#1/SEC1 parts, and deriving the public half (spec §2.1, §2.3).
 */
public final class PrivateKeys {
  private PrivateKeys() {}

  /**
   * Parses PKCS#8 {@code PrivateKeyInfo} DER (the plaintext of a cosign key file). Anything else,
   * SEC1 or PKCS#1 included, is rejected as cosign does (spec §2.1).
   */
  public static PrivateKey fromPkcs8(byte[] der) {
    PrivateKeyInfo info;
    try {
      info = PrivateKeyInfo.getInstance(der);
      if (info == null) {
        throw new IllegalArgumentException("empty");
      }
    } catch (RuntimeException e) {
      throw new KeyException("parsing private key: not a PKCS#8 private key", e);
    }
    ASN1ObjectIdentifier alg = info.getPrivateKeyAlgorithm().getAlgorithm();
    try {
      if (alg.equals(PKCSObjectIdentifiers.rsaEncryption)) {
        return rsa(RSAPrivateKey.getInstance(info.parsePrivateKey()));
      }
      if (alg.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
        Curves curve = ecCurve(info.getPrivateKeyAlgorithm().getParameters())
            .filter(Curves::supported)
            .orElseThrow(() -> new KeyException("parsing private key: unsupported ecdsa curve"));
        var sec1 = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey());
        return ec(curve, sec1.getKey());
      }
      if (alg.equals(EdECObjectIdentifiers.id_Ed25519)) {
        return ed25519(ASN1OctetString.getInstance(info.parsePrivateKey()).getOctets());
      }
    } catch (IOException | java.security.spec.InvalidKeySpecException | RuntimeException e) {
      if (e instanceof KeyException ke) {
        throw ke;
      }
      throw new KeyException("parsing private key: malformed PKCS#8 key", e);
    }
    throw new KeyException("parsing private key: unsupported key algorithm " + alg.getId());
  }

  /**
   * PKCS#8 DER of {@code key}, laid out as Go's {@code x509.MarshalPKCS8PrivateKey} does (EC keys
   * carry the public point and no inner curve parameters).
   */
  public static byte[] toPkcs8(PrivateKey key) {
    try {
      if (key instanceof RSAPrivateCrtKey) {
        return key.getEncoded();
      }
      if (key instanceof ECPrivateKey ec) {
        Curves curve = Curves.of(ec);
        byte[] point = uncompressedPoint(curve, ec.getS());
        var sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(curve.bits, ec.getS(), new DERBitString(point), null);
        return new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve.oid), sec1)
            .getEncoded(ASN1Encoding.DER);
      }
      if (key instanceof EdECPrivateKey ed) {
        byte[] seed = seed(ed);
        return new PrivateKeyInfo(new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519), new DEROctetString(seed))
            .getEncoded(ASN1Encoding.DER);
      }
    } catch (IOException e) {
      throw new KeyException("encoding private key: " + e.getMessage(), e);
    }
    throw new KeyException("unsupported private key type " + key.getAlgorithm());
  }

  /** The public half of {@code key}. */
  public static PublicKey publicKeyOf(PrivateKey key) {
    try {
      if (key instanceof RSAPrivateCrtKey rsa) {
        return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
      }
      if (key instanceof ECPrivateKey ec) {
        Curves curve = Curves.of(ec);
        var q = basePointTimes(curve, ec.getS());
        ECPoint w = new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
        return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, curve.jdkParams()));
      }
      if (key instanceof EdECPrivateKey ed) {
        byte[] pub = new Ed25519PrivateKeyParameters(seed(ed)).generatePublicKey().getEncoded();
        byte[] spki = new SubjectPublicKeyInfo(new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519), pub).getEncoded(ASN1Encoding.DER);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
      }
    } catch (GeneralSecurityException | IOException e) {
      throw new KeyException("deriving public key: " + e.getMessage(), e);
    }
    throw new KeyException("unsupported private key type " + key.getAlgorithm());
  }

  static PrivateKey rsa(RSAPrivateKey k) throws java.security.spec.InvalidKeySpecException {
    try {
      return KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateCrtKeySpec(k.getModulus(), k.getPublicExponent(),
          k.getPrivateExponent(), k.getPrime1(), k.getPrime2(), k.getExponent1(), k.getExponent2(), k.getCoefficient()));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static PrivateKey ec(Curves curve, BigInteger d) throws java.security.spec.InvalidKeySpecException {
    if (d.signum() <= 0 || d.bitLength() > curve.bits) {
      throw new java.security.spec.InvalidKeySpecException("private scalar out of range");
    }
    try {
      return KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(d, curve.jdkParams()));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static PrivateKey ed25519(byte[] seed) throws java.security.spec.InvalidKeySpecException {
    if (seed.length != 32) {
      throw new java.security.spec.InvalidKeySpecException("ed25519 seed must be 32 bytes");
    }
    try {
      return KeyFactory.getInstance("Ed25519").generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The named curve in EC AlgorithmIdentifier parameters; empty when absent, explicit or unknown. */
  static java.util.Optional<Curves> ecCurve(ASN1Encodable params) {
    if (params == null) {
      return java.util.Optional.empty();
    }
    X962Parameters p = X962Parameters.getInstance(params);
    if (!p.isNamedCurve()) {
      return java.util.Optional.empty();
    }
    return Curves.byOid(ASN1ObjectIdentifier.getInstance(p.getParameters()));
  }

  static byte[] seed(EdECPrivateKey key) {
    return key.getBytes().orElseThrow(() -> new KeyException("ed25519 private key has no seed"));
  }

  private static org.bouncycastle.math.ec.ECPoint basePointTimes(Curves curve, BigInteger d) {
    X9ECParameters x9 = ECNamedCurveTable.getByOID(curve.oid);
    return new FixedPointCombMultiplier().multiply(x9.getG(), d).normalize();
  }

  private static byte[] uncompressedPoint(Curves curve, BigInteger d) {
    return basePointTimes(curve, d).getEncoded(false);
  }
}
