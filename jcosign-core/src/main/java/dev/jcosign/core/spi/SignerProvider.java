package dev.jcosign.core.spi;

import java.security.PublicKey;
import java.util.Set;

/** Loads signers and public keys for the {@link KeyRef} schemes it owns (style R4). */
public interface SignerProvider {

  /** URI schemes handled, e.g. {@code file}, {@code env}, {@code awskms}. */
  Set<String> schemes();

  /** A signer for the private key at {@code ref}; asks {@code passwords} only if the key is encrypted. */
  Signer signer(KeyRef ref, PasswordSource passwords);

  /** The public key at {@code ref} (a public-key PEM for files; the KMS public key for KMS URIs). */
  PublicKey publicKey(KeyRef ref);

  /**
   * Creates the key named by {@code ref} in its backend, or reuses it when it exists, and returns its
   * public key ({@code generate-key-pair --kms}, spec §2.4). Providers without a backend to create
   * keys in keep this default.
   */
  default PublicKey createKey(KeyRef ref) {
    throw new dev.jcosign.core.error.InvalidInputException(
        "creating keys is not supported for key references like " + ref.scheme() + "://");
  }
}
