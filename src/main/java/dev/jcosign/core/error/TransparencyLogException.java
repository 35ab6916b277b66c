package dev.jcosign.core.error;

/** The transparency log is needed but unavailable, unreachable, or not yet supported. */
public final class TransparencyLogException extends CosignException {
  private static final long serialVersionUID = 1L;

  public TransparencyLogException(String message) {
    super(message);
  }
}
