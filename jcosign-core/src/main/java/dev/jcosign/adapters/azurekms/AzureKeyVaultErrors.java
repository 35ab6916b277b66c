package dev.jcosign.adapters.azurekms;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.exception.HttpResponseException;
import dev.jcosign.core.error.KmsException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * Turns Key Vault and Microsoft identity failures into one-line messages naming the key URI (issue
 * 5). Service messages are dropped for the cases we can explain; tokens and secrets are never in them
 * but an identity error can quote the client id, which is not secret.
 */
final class AzureKeyVaultErrors {
  private AzureKeyVaultErrors() {}

  static KmsException of(String uri, String action, RuntimeException e) {
    return new KmsException(action + " " + uri + ": " + why(e), e);
  }

  private static String why(RuntimeException e) {
    // a response means key vault answered; ClientAuthenticationException without one comes from the credential
    if (e instanceof HttpResponseException h && h.getResponse() != null) {
      return switch (h.getResponse().getStatusCode()) {
        case 401 -> "key vault rejected the token (expired or for another tenant)";
        case 403 -> "permission denied by key vault (the caller needs keys get and sign permissions)";
        case 404 -> "key not found in key vault";
        default -> "key vault error " + h.getResponse().getStatusCode() + firstLine(h.getMessage());
      };
    }
    if (e instanceof ClientAuthenticationException || e.getClass().getSimpleName().equals("CredentialUnavailableException")) {
      return "azure rejected the credentials or none were found (check AZURE_TENANT_ID, AZURE_CLIENT_ID,"
          + " AZURE_CLIENT_SECRET or az login; secrets may have expired)";
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException || t instanceof TimeoutException) {
        return "key vault or identity endpoint unreachable (" + network(t) + ")";
      }
    }
    return "azure error" + firstLine(e.getMessage());
  }

  /** What went wrong on the network, in words rather than an exception's class name. */
  private static String network(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof java.net.UnknownHostException || c instanceof java.nio.channels.UnresolvedAddressException) {
        return "unknown host";
      }
      if (c instanceof java.net.ConnectException) {
        return "connection refused";
      }
      if (c instanceof javax.net.ssl.SSLException) {
        return "TLS failure";
      }
      if (c instanceof TimeoutException || c instanceof java.net.SocketTimeoutException) {
        return "timed out";
      }
    }
    return "connection failed";
  }

  private static String firstLine(String s) {
    if (s == null || s.isBlank()) {
      return "";
    }
    int nl = s.indexOf('\n');
    return ": " + (nl < 0 ? s : s.substring(0, nl)).strip();
  }
}
