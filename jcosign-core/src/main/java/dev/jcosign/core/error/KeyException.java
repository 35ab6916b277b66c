package dev.jcosign.core.error;

/** A key could not be read, decrypted, validated or used (wrong password, malformed PEM, unsupported type). */
public final class KeyException extends CosignException {
  private static final long serialVersionUID = 1L;

  public KeyException(String message) {
    super(message);
  }

  public KeyException(String message, Throwable cause) {
    super(message, cause);
  }
}
