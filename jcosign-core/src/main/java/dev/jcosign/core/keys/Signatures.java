package dev.jcosign.core.keys;

import dev.jcosign.core.error.KeyException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.Signer;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.signers.Ed25519phSigner;
import org.bouncycastle.crypto.util.PublicKeyFactory;

/**
 * Signing and verifying with the scheme each key type implies (spec §2.3, v3 column): ECDSA with
 * SHA-256/384/512 for P-256/384/521 (ASN.1 DER), RSASSA-PKCS1-v1_5 with SHA-256, Ed25519ph.
 */
public final class Signatures {
  private static final byte[] NO_CONTEXT = new byte[0];

  private Signatures() {}

  /** Signs {@code message} as cosign v3 does with a key file (spec §2.3). */
  public static byte[] sign(PrivateKey key, byte[] message) {
    try {
      if (key instanceof ECPrivateKey ec) {
        DigestAlgorithm d = switch (Curves.of(ec)) {
          case P384 -> DigestAlgorithm.SHA384;
          case P521 -> DigestAlgorithm.SHA512;
          default -> DigestAlgorithm.SHA256;
        };
        return jca(d.signatureAlgorithm("ECDSA"), key, message);
      }
      if (key instanceof RSAPrivateKey) {
        return jca(DigestAlgorithm.SHA256.signatureAlgorithm("RSA"), key, message);
      }
      if (key instanceof EdECPrivateKey ed) {
        // Ed25519ph: SHA-512 prehash, empty context (spec §2.3)
        Ed25519phSigner s = new Ed25519phSigner(NO_CONTEXT);
        s.init(true, new Ed25519PrivateKeyParameters(PrivateKeys.seed(ed)));
        s.update(message, 0, message.length);
        return s.generateSignature();
      }
    } catch (GeneralSecurityException e) {
      throw new KeyException("signing: " + e.getMessage(), e);
    }
    throw new KeyException("unsupported private key type " + key.getAlgorithm());
  }

  /**
   * Verifies {@code signature} over {@code message}, hashing with {@code digest} for ECDSA and RSA
   * (legacy {@code --signature-digest-algorithm}, default SHA-256 whatever the curve, spec §2.3).
   * Ed25519 keys accept Ed25519ph or pure Ed25519 and ignore {@code digest}. A malformed signature
   * is {@code false}, never an exception; an unsupported key type is a {@link KeyException}.
   */
  public static boolean verify(PublicKey key, byte[] message, byte[] signature, DigestAlgorithm digest) {
    return verify(key, List.of(ByteBuffer.wrap(message)), signature, digest);
  }

  /**
   * As {@link #verify(PublicKey, byte[], byte[], DigestAlgorithm)} for a message given in parts, read
   * in order and never joined (a DSSE PAE around a 20 MB payload, issue 4).
   */
  public static boolean verify(PublicKey key, List<ByteBuffer> message, byte[] signature, DigestAlgorithm digest) {
    if (key instanceof ECPublicKey) {
      return ecdsaVerify(key, message, signature, digest);
    }
    if (key instanceof RSAPublicKey) {
      return jcaVerify(digest.signatureAlgorithm("RSA"), key, message, signature);
    }
    if (key instanceof EdECPublicKey) {
      Ed25519PublicKeyParameters pub;
      try {
        pub = new Ed25519PublicKeyParameters(SubjectPublicKeyInfo.getInstance(key.getEncoded()).getPublicKeyData().getBytes());
      } catch (RuntimeException e) {
        throw new KeyException("unusable ed25519 public key", e);
      }
      return edVerify(new Ed25519phSigner(NO_CONTEXT), pub, message, signature)
          || edVerify(new Ed25519Signer(), pub, message, signature);
    }
    throw new KeyException("unsupported public key type " + key.getAlgorithm());
  }

  private static byte[] jca(String algorithm, PrivateKey key, byte[] message) throws GeneralSecurityException {
    Signature s = Signature.getInstance(algorithm);
    s.initSign(key);
    s.update(message);
    return s.sign();
  }

  private static boolean jcaVerify(String algorithm, PublicKey key, List<ByteBuffer> message, byte[] signature) {
    try {
      Signature s = Signature.getInstance(algorithm);
      s.initVerify(key);
      for (ByteBuffer part : message) {
        s.update(part.duplicate());
      }
      return s.verify(signature);
    } catch (java.security.InvalidKeyException | java.security.NoSuchAlgorithmException e) {
      throw new KeyException("cannot verify with " + key.getAlgorithm() + " key: " + e.getMessage(), e);
    } catch (GeneralSecurityException | RuntimeException e) {
      // SignatureException for bad DER and friends: a malformed signature simply does not verify
      return false;
    }
  }

  /**
   * ECDSA through Bouncy Castle's lightweight API rather than the JDK's SunEC: same answers (strict DER
   * as Go's {@code ecdsa.VerifyASN1} and the JDK demand, r and s in [1, n-1]), but on Java 25 SunEC
   * builds its P-256 generator table in a class initialiser, ~40 ms of interpreted code in every cold
   * {@code verify} (issue 12), while Bouncy Castle's costs ~20 ms.
   */
  private static boolean ecdsaVerify(PublicKey key, List<ByteBuffer> message, byte[] signature, DigestAlgorithm digest) {
    ECPublicKeyParameters pub;
    try {
      pub = (ECPublicKeyParameters) PublicKeyFactory.createKey(key.getEncoded());
    } catch (java.io.IOException | RuntimeException e) {
      throw new KeyException("cannot verify with " + key.getAlgorithm() + " key: " + e.getMessage(), e);
    }
    BigInteger[] rs = derSignature(signature);
    if (rs == null) {
      return false;
    }
    MessageDigest md;
    try {
      md = MessageDigest.getInstance(digest.jdkName());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new KeyException("cannot verify with " + digest.flagName() + ": " + e.getMessage(), e);
    }
    for (ByteBuffer part : message) {
      md.update(part.duplicate());
    }
    ECDSASigner verifier = new ECDSASigner();
    verifier.init(false, pub);
    return verifier.verifySignature(md.digest(), rs[0], rs[1]);
  }

  /** r and s of a DER ECDSA-Sig-Value; null unless it is exactly that, in canonical DER, and nothing more. */
  private static BigInteger[] derSignature(byte[] signature) {
    try {
      if (signature.length == 0 || !(ASN1Primitive.fromByteArray(signature) instanceof ASN1Sequence seq)
          || seq.size() != 2
          || !(seq.getObjectAt(0) instanceof ASN1Integer r)
          || !(seq.getObjectAt(1) instanceof ASN1Integer s)
          || !Arrays.equals(seq.getEncoded(ASN1Encoding.DER), signature)) {
        return null;
      }
      return new BigInteger[] {r.getValue(), s.getValue()};
    } catch (java.io.IOException | RuntimeException e) {
      return null;
    }
  }

  private static boolean edVerify(Signer s, Ed25519PublicKeyParameters pub, List<ByteBuffer> message, byte[] signature) {
    try {
      s.init(false, pub);
      byte[] chunk = new byte[8192];
      for (ByteBuffer part : message) {
        ByteBuffer b = part.duplicate();
        if (b.hasArray()) {
          s.update(b.array(), b.arrayOffset() + b.position(), b.remaining());
          continue;
        }
        while (b.hasRemaining()) {
          int n = Math.min(chunk.length, b.remaining());
          b.get(chunk, 0, n);
          s.update(chunk, 0, n);
        }
      }
      return s.verifySignature(signature);
    } catch (RuntimeException e) {
      return false;
    }
  }
}
