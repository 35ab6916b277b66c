package dev.jcosign.core.error;

/** The transparency log is needed but unavailable, unreachable, refused the entry, or answered wrongly. */
public final class TransparencyLogException extends CosignException {
  private static final long serialVersionUID = 1L;

  public TransparencyLogException(String message) {
    super(message);
  }

  public TransparencyLogException(String message, Throwable cause) {
    super(message, cause);
  }
}
