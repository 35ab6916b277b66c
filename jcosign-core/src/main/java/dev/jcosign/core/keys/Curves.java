package dev.jcosign.core.keys;

import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.interfaces.ECKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;

/** The NIST curves cosign knows (spec §2.3): P-256, P-384, P-521; P-224 only to name it in errors. */
enum Curves {
  P224("P-224", "secp224r1", SECObjectIdentifiers.secp224r1, 224),
  P256("P-256", "secp256r1", SECObjectIdentifiers.secp256r1, 256),
  P384("P-384", "secp384r1", SECObjectIdentifiers.secp384r1, 384),
  P521("P-521", "secp521r1", SECObjectIdentifiers.secp521r1, 521);

  final String nistName;
  final String stdName;
  final ASN1ObjectIdentifier oid;
  final int bits;

  Curves(String nistName, String stdName, ASN1ObjectIdentifier oid, int bits) {
    this.nistName = nistName;
    this.stdName = stdName;
    this.oid = oid;
    this.bits = bits;
  }

  /** Curves Go's crypto/x509 can parse (P-224 included); anything else is a parse error there. */
  static Optional<Curves> byOid(ASN1ObjectIdentifier oid) {
    for (Curves c : values()) {
      if (c.oid.equals(oid)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** Supported for signing and verification (everything but P-224). */
  boolean supported() {
    return this != P224;
  }

  /** The curve of a JDK EC key; only the three supported curves are ever built into key objects. */
  static Curves of(ECKey key) {
    int bits = key.getParams().getCurve().getField().getFieldSize();
    for (Curves c : values()) {
      if (c.bits == bits && c.supported()) {
        return c;
      }
    }
    throw new dev.jcosign.core.error.KeyException("unsupported ecdsa curve (" + bits + " bits)");
  }

  ECParameterSpec jdkParams() {
    try {
      AlgorithmParameters ap = AlgorithmParameters.getInstance("EC");
      ap.init(new ECGenParameterSpec(stdName));
      return ap.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("JDK lacks curve " + stdName, e);
    }
  }
}
