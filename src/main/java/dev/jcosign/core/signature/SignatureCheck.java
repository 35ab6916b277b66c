package dev.jcosign.core.signature;

import java.security.PublicKey;

/**
 * Verifies a raw signature over a message with a public key and a digest algorithm name
 * ({@code sha256} by default for legacy verification, spec §2.3). Returns false, never throws, for
 * a signature that does not verify or is malformed.
 */
@FunctionalInterface
public interface SignatureCheck {
  boolean verifies(PublicKey key, byte[] message, byte[] signature, String digestAlgorithm);
}
