package dev.jcosign.core.error;

/**
 * No attestation of an image passed every check, or none matched {@code --type}. Unlike
 * {@link NoMatchingSignatureException} this has no exit code of its own: cosign's 10-13 belong to
 * {@code verify} only (spec §4.5).
 */
public final class NoMatchingAttestationsException extends CosignException {
  private static final long serialVersionUID = 1L;

  public NoMatchingAttestationsException(String message) {
    super(message);
  }
}
