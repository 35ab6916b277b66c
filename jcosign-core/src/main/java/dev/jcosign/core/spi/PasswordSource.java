package dev.jcosign.core.spi;

/**
 * Supplies a key password on demand: {@code COSIGN_PASSWORD}, all of stdin, or a terminal prompt
 * (spec §1.2). Implemented by the CLI; core never reads the environment.
 */
@FunctionalInterface
public interface PasswordSource {

  /**
   * Returns the password; when {@code confirm} is true and the source is interactive, asks twice and
   * fails on mismatch. The caller wipes the array when done.
   */
  char[] password(boolean confirm);
}
