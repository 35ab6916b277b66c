package dev.jcosign.core.error;

/**
 * A registry request failed. Carries the HTTP status (0 when no response arrived) and the
 * distribution-spec error code when the registry sent one, so callers can tell "not found"
 * from "denied" without parsing the message.
 */
public final class RegistryException extends CosignException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String code;

  public RegistryException(String message, int status, String code) {
    super(message);
    this.status = status;
    this.code = code == null ? "" : code;
  }

  public RegistryException(String message, int status, String code, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.code = code == null ? "" : code;
  }

  /** HTTP status code, or 0 for transport failures (connection refused, timeout, TLS). */
  public int status() {
    return status;
  }

  /** Distribution error code such as {@code MANIFEST_UNKNOWN}, or empty. */
  public String code() {
    return code;
  }

  public boolean isNotFound() {
    return status == 404;
  }
}
