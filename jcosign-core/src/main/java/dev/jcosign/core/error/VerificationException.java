package dev.jcosign.core.error;

/** One verification check failed; used for a single signature (aggregated into {@link NoMatchingSignatureException}). */
public final class VerificationException extends CosignException {
  private static final long serialVersionUID = 1L;

  public VerificationException(String message) {
    super(message);
  }

  public VerificationException(String message, Throwable cause) {
    super(message, cause);
  }
}
