package dev.jcosign.core.error;

/** The certificate authority (Fulcio) could not be reached or refused to issue a certificate (keyless spec §1.3). */
public final class CertificateAuthorityException extends CosignException {
  private static final long serialVersionUID = 1L;

  public CertificateAuthorityException(String message) {
    super(message);
  }

  public CertificateAuthorityException(String message, Throwable cause) {
    super(message, cause);
  }
}
