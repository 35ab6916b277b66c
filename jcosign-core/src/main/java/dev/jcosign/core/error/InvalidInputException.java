package dev.jcosign.core.error;

/** The user gave something jcosign cannot use: a bad reference, flag value, file or key. */
public final class InvalidInputException extends CosignException {
  private static final long serialVersionUID = 1L;

  public InvalidInputException(String message) {
    super(message);
  }

  public InvalidInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
