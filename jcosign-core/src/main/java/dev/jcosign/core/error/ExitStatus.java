package dev.jcosign.core.error;

/**
 * The exit code cosign gives a failure (spec §4.5): 10-13 for the legacy verify families, 1 for
 * everything else. One mapping for the CLI's exit codes and the Java API's {@code exitCode()} (issue 13).
 */
public final class ExitStatus {
  public static final int OK = 0;
  public static final int ERROR = 1;
  public static final int NO_SIGNATURES = 10;
  public static final int IMAGE_NOT_FOUND = 11;
  public static final int NO_MATCHING_SIGNATURE = 12;
  public static final int NO_CERTIFICATE = 13;

  private ExitStatus() {}

  /** The code for {@code t}: its family's code, else {@link #ERROR}. */
  public static int of(Throwable t) {
    if (t instanceof NoSignaturesException) {
      return NO_SIGNATURES;
    }
    if (t instanceof ImageNotFoundException) {
      return IMAGE_NOT_FOUND;
    }
    if (t instanceof NoMatchingSignatureException) {
      return NO_MATCHING_SIGNATURE;
    }
    if (t instanceof NoCertificateException) {
      return NO_CERTIFICATE;
    }
    return ERROR;
  }
}
