package dev.jcosign.core.error;

/** A signature has no certificate but keyless verification needs one (cosign exit code 13, spec §4.5). */
public final class NoCertificateException extends CosignException {
  private static final long serialVersionUID = 1L;

  public NoCertificateException(String message) {
    super(message);
  }
}
