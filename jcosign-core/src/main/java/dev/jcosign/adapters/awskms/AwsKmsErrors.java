package dev.jcosign.adapters.awskms;

import dev.jcosign.core.error.KeyException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns AWS SDK failures into one-line {@link KeyException}s a user can act on (issue 5): which
 * reference, what went wrong, and never a credential. AWS error codes are matched by name because
 * KMS reports some (AccessDeniedException, credential errors) without a modelled exception class.
 */
final class AwsKmsErrors {
  private AwsKmsErrors() {}

  static KeyException map(String what, AwsKmsKeyUri ref, SdkException e) {
    String prefix = what + " " + ref + ": ";
    if (e instanceof AwsServiceException s && s.awsErrorDetails() != null) {
      String code = String.valueOf(s.awsErrorDetails().errorCode());
      String detail = oneLine(s.awsErrorDetails().errorMessage());
      String why = switch (code) {
        case "AccessDeniedException" -> "permission denied";
        case "NotFoundException" -> "key not found";
        case "UnrecognizedClientException", "InvalidClientTokenId", "InvalidSignatureException",
            "IncompleteSignature", "MissingAuthenticationToken" -> "invalid AWS credentials";
        case "ExpiredTokenException", "ExpiredToken", "RequestExpired" -> "expired AWS credentials";
        case "InvalidKeyUsageException", "UnsupportedOperationException" -> "key is not an asymmetric signing key";
        case "DisabledException", "KMSInvalidStateException" -> "key is disabled or not in a usable state";
        case "AlreadyExistsException" -> "alias already exists";
        default -> "AWS KMS error " + code;
      };
      return new KeyException(prefix + why + (detail.isEmpty() ? "" : " (" + detail + ")"), e);
    }
    if (e instanceof SdkClientException) {
      String where = ref.endpoint().map(h -> "https://" + h).orElse("the AWS KMS endpoint");
      for (Throwable c = e; c != null; c = c.getCause()) {
        if (c instanceof ConnectException) {
          return new KeyException(prefix + "cannot reach " + where + ": connection refused", e);
        }
        if (c instanceof UnknownHostException) {
          return new KeyException(prefix + "cannot reach " + where + ": unknown host", e);
        }
        if (c instanceof SocketTimeoutException) {
          return new KeyException(prefix + "cannot reach " + where + ": timed out", e);
        }
        if (c instanceof SSLException) {
          return new KeyException(prefix + "TLS failure talking to " + where
              + " (for a test endpoint set AWS_TLS_INSECURE_SKIP_VERIFY=1)", e);
        }
      }
      String m = oneLine(e.getMessage());
      if (m.contains("Unable to load credentials")) {
        return new KeyException(prefix + "no AWS credentials found (set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE)", e);
      }
      if (m.contains("Unable to load region")) {
        return new KeyException(prefix + "no AWS region (set AWS_REGION or use a key ARN)", e);
      }
      return new KeyException(prefix + m, e);
    }
    return new KeyException(prefix + oneLine(e.getMessage()), e);
  }

  /** First line of an SDK message, lower-cased start, bounded. */
  static String oneLine(String s) {
    if (s == null) {
      return "";
    }
    String line = s.lines().findFirst().orElse("").strip();
    // the SDK appends "(Service: Kms, Status Code: 400, Request ID: ...)"; the request id is noise here
    int svc = line.indexOf(" (Service:");
    if (svc > 0) {
      line = line.substring(0, svc);
    }
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }
}
