package dev.jcosign.core.error;

/** A timestamp authority could not be reached or answered something unusable (spec §6.4). */
public final class TimestampException extends CosignException {
  private static final long serialVersionUID = 1L;

  public TimestampException(String message) {
    super(message);
  }

  public TimestampException(String message, Throwable cause) {
    super(message, cause);
  }
}
