package dev.jcosign.core.spi;

import java.security.PublicKey;

/**
 * Something that signs with a private key it may never reveal: a key file, a KMS key, or an
 * ephemeral keyless key. Implementations pick the hash and scheme from the key type (spec §2.3).
 */
public interface Signer {

  /** The public half, used to verify our own output and to fill in bundles. */
  PublicKey publicKey();

  /** Signs {@code message} and returns the raw signature (ASN.1 DER for ECDSA, PKCS#1 block for RSA). */
  byte[] sign(byte[] message);
}
