package dev.jcosign.core.keys;

import dev.jcosign.core.error.KeyException;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAKey;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Signing and verifying a digest the caller already computed, so a blob of any size is hashed while
 * streamed and never held in memory (issue 3 benchmark: 1 GiB {@code sign-blob}). The signatures are
 * byte-for-byte those of {@link Signatures} over the whole message: ECDSA over the digest (ASN.1
 * DER), RSASSA-PKCS1-v1_5 over the DigestInfo of the digest (spec §2.3). Ed25519 has no such form.
 */
public final class DigestSignatures {
  private DigestSignatures() {}

  /** Signs {@code digest}, computed with {@code algorithm}, with an ECDSA or RSA key. */
  public static byte[] sign(PrivateKey key, byte[] digest, DigestAlgorithm algorithm) {
    checkLength(digest, algorithm);
    try {
      Signature s = Signature.getInstance(noneAlgorithm(key));
      s.initSign(key);
      s.update(input(key, digest, algorithm));
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new KeyException("signing: " + e.getMessage(), e);
    }
  }

  /**
   * Verifies {@code signature} over a message whose {@code algorithm} digest is {@code digest}
   * (ECDSA or RSA keys). A malformed signature or a digest of the wrong length is {@code false}.
   */
  public static boolean verify(PublicKey key, byte[] digest, byte[] signature, DigestAlgorithm algorithm) {
    if (digest.length != length(algorithm)) {
      return false;
    }
    Signature s;
    try {
      s = Signature.getInstance(noneAlgorithm(key));
      s.initVerify(key);
    } catch (GeneralSecurityException e) {
      throw new KeyException("cannot verify with " + key.getAlgorithm() + " key: " + e.getMessage(), e);
    }
    try {
      s.update(input(key, digest, algorithm));
      return s.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false; // bad DER, wrong length: the signature simply does not verify
    }
  }

  /**
   * Pure Ed25519 (RFC 8032, no prehash) over the whole message: what {@code sign-blob} uses for
   * Ed25519 keys when nothing goes to a transparency log (spec §2.3). The message must be in memory.
   */
  public static byte[] signPureEd25519(PrivateKey key, byte[] message) {
    if (!(key instanceof EdECPrivateKey ed)) {
      throw new KeyException("pure ed25519 signing needs an ed25519 key, not " + key.getAlgorithm());
    }
    Ed25519Signer s = new Ed25519Signer();
    s.init(true, new Ed25519PrivateKeyParameters(PrivateKeys.seed(ed)));
    s.update(message, 0, message.length);
    return s.generateSignature();
  }

  /** The digest length in bytes of {@code algorithm}. */
  public static int length(DigestAlgorithm algorithm) {
    return switch (algorithm) {
      case SHA224 -> 28;
      case SHA256 -> 32;
      case SHA384 -> 48;
      case SHA512 -> 64;
    };
  }

  private static void checkLength(byte[] digest, DigestAlgorithm algorithm) {
    if (digest.length != length(algorithm)) {
      throw new KeyException("a " + algorithm + " digest has " + length(algorithm) + " bytes, got " + digest.length);
    }
  }

  private static String noneAlgorithm(java.security.Key key) {
    if (key instanceof ECKey) {
      return "NONEwithECDSA";
    }
    if (key instanceof RSAKey) {
      return "NONEwithRSA";
    }
    throw new KeyException("signing a precomputed digest is not possible with " + key.getAlgorithm() + " keys");
  }

  private static byte[] input(java.security.Key key, byte[] digest, DigestAlgorithm algorithm) {
    if (!(key instanceof RSAKey)) {
      return digest;
    }
    // PKCS#1 v1.5 signs DigestInfo{algorithm, digest}; NONEwithRSA only pads what it is given
    try {
      return new DigestInfo(new AlgorithmIdentifier(oid(algorithm), DERNull.INSTANCE), digest).getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new IllegalStateException("encoding DigestInfo", e);
    }
  }

  private static ASN1ObjectIdentifier oid(DigestAlgorithm algorithm) {
    return switch (algorithm) {
      case SHA224 -> NISTObjectIdentifiers.id_sha224;
      case SHA256 -> NISTObjectIdentifiers.id_sha256;
      case SHA384 -> NISTObjectIdentifiers.id_sha384;
      case SHA512 -> NISTObjectIdentifiers.id_sha512;
    };
  }
}
