package dev.jcosign.core.error;

/** The image has no signatures at all (cosign exit code 10, spec §4.5). */
public final class NoSignaturesException extends CosignException {
  private static final long serialVersionUID = 1L;

  public NoSignaturesException(String message) {
    super(message);
  }
}
