package dev.jcosign.core.error;

/**
 * A TUF repository could not be reached, or what it served failed the TUF client checks (signature
 * threshold, version, expiry, length, hash), so the trusted root was not refreshed (spec §1.3
 * {@code initialize}). The message names the mirror and the metadata file or target at fault.
 */
public final class TufRepositoryException extends CosignException {
  private static final long serialVersionUID = 1L;

  public TufRepositoryException(String message) {
    super(message);
  }

  public TufRepositoryException(String message, Throwable cause) {
    super(message, cause);
  }
}
