package dev.jcosign.adapters.gcpkms;

import com.google.api.gax.rpc.ApiException;
import dev.jcosign.core.error.KmsException;

/**
 * Turns Cloud KMS gRPC failures into one-line messages a user can act on, naming the key URI (issue
 * 5). Server descriptions are kept only for codes where they say what to fix; no credential is ever
 * part of a gRPC status.
 */
final class GcpKmsErrors {
  private GcpKmsErrors() {}

  static KmsException of(String uri, String action, ApiException e) {
    String why = switch (e.getStatusCode().getCode()) {
      case PERMISSION_DENIED -> "permission denied by cloud kms (the caller needs cloudkms.signerVerifier on the key)";
      case NOT_FOUND -> "key not found in cloud kms";
      case UNAUTHENTICATED -> "cloud kms rejected the credentials (expired or invalid; refresh application default credentials)";
      case UNAVAILABLE -> "cloud kms endpoint unreachable";
      case DEADLINE_EXCEEDED -> "cloud kms did not answer in time";
      default -> "cloud kms error " + e.getStatusCode().getCode() + firstLine(e.getMessage());
    };
    return new KmsException(action + " " + uri + ": " + why, e);
  }

  private static String firstLine(String s) {
    if (s == null || s.isBlank()) {
      return "";
    }
    int nl = s.indexOf('\n');
    return ": " + (nl < 0 ? s : s.substring(0, nl)).strip();
  }
}
