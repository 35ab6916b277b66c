package dev.jcosign.core.error;

/**
 * Base of every failure jcosign reports to a user.
 *
 * <p>Each subtype is one category; the CLI maps categories to exit codes in one place
 * ({@code cli.ExitCodes}). Messages are one line, lower-case, with context prefixed by each layer
 * ("fetching signatures for x: ..."), and never contain secrets (passwords, tokens).
 */
public abstract class CosignException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  protected CosignException(String message) {
    super(message);
  }

  protected CosignException(String message, Throwable cause) {
    super(message, cause);
  }
}
