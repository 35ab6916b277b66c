package dev.jcosign.adapters.tuf;

import dev.jcosign.core.error.TufRepositoryException;
import dev.sigstore.tuf.InvalidHashesException;
import dev.sigstore.tuf.RoleExpiredException;
import dev.sigstore.tuf.SignatureVerificationException;
import dev.sigstore.tuf.TufException;
import java.io.IOException;
import java.util.Locale;

/**
 * sigstore-java's TUF failures as one-line messages naming the mirror and the metadata file at fault
 * (style: errors name the bad value). sigstore-java's own messages name neither the role that failed a
 * signature check nor the file that expired, so the last metadata file fetched stands in: the updater
 * checks each file right after fetching it.
 */
final class TufErrors {
  private TufErrors() {}

  static TufRepositoryException describe(Exception e, String mirror, String lastMeta) {
    String file = lastMeta == null ? "initial TUF root" : "TUF metadata " + lastMeta + " from " + mirror;
    String msg;
    if (e instanceof SignatureVerificationException s) {
      msg = file + ": not signed by enough trusted keys (threshold " + s.getRequiredSignatures() + ", valid signatures "
          + s.getVerifiedSignatures() + ")";
    } else if (e instanceof RoleExpiredException x) {
      msg = file + ": expired at " + x.getRoleExpirationTime().toInstant() + " (update started " + x.getUpdateTime().toInstant() + ")";
    } else if (e instanceof InvalidHashesException || e instanceof dev.sigstore.tuf.FileNotFoundException) {
      msg = "TUF mirror " + mirror + ": " + lowerFirst(oneLine(e.getMessage()));
    } else if (e instanceof TufException) {
      msg = file + ": " + lowerFirst(oneLine(e.getMessage()));
    } else if (e instanceof IOException) {
      msg = "writing TUF cache: " + oneLine(e.getMessage());
    } else {
      msg = file + ": malformed or unusable: " + lowerFirst(innermost(e));
    }
    return new TufRepositoryException(msg, e);
  }

  /**
   * The deepest message in the cause chain without the class names gson wraps it in; the immutables
   * attribute {@code rawSignedMeta} is the {@code signed} field of the document.
   */
  private static String innermost(Throwable e) {
    String m = e.getClass().getSimpleName();
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        m = t.getMessage();
      }
    }
    return oneLine(m).replaceAll("(?:[a-z]\\w*\\.)+[A-Z]\\w*(?:Exception|Error): ", "").replace("rawSignedMeta", "signed");
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.strip().replaceAll(":?\\s*\\R\\s*", ": ");
  }

  private static String lowerFirst(String s) {
    return s.isEmpty() ? s : s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
  }
}
