package dev.jcosign.core.error;

/** Signatures exist but none passed every check (cosign exit code 12, spec §4.5). */
public final class NoMatchingSignatureException extends CosignException {
  private static final long serialVersionUID = 1L;

  public NoMatchingSignatureException(String message) {
    super(message);
  }
}
