package dev.jcosign.core.error;

/** The user answered "no" (or nothing) to a confirmation prompt (spec §1.2). */
public final class UserDeclinedException extends CosignException {
  private static final long serialVersionUID = 1L;

  public UserDeclinedException(String message) {
    super(message);
  }
}
