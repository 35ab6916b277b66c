package dev.jcosign.core.error;

/** The image tag or digest to verify does not exist (cosign exit code 11, spec §4.5). */
public final class ImageNotFoundException extends CosignException {
  private static final long serialVersionUID = 1L;

  public ImageNotFoundException(String message, Throwable cause) {
    super(message, cause);
  }
}
