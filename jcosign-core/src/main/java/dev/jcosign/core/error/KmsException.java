package dev.jcosign.core.error;

/**
 * A KMS (or Vault) refused or failed an operation on a key: permission denied, key not found, not a
 * signing key, unsupported algorithm, endpoint unreachable, credentials missing or expired (spec §5).
 * The message names the key URI and never a token.
 */
public final class KmsException extends CosignException {
  private static final long serialVersionUID = 1L;

  public KmsException(String message) {
    super(message);
  }

  public KmsException(String message, Throwable cause) {
    super(message, cause);
  }
}
