package dev.jcosign.adapters.azurekms;

import dev.jcosign.core.error.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * TLS trust for Key Vault and the identity endpoint: the JDK's default CAs, plus (only when
 * {@code JCOSIGN_AZURE_CA_FILE} names a PEM file) the CAs in that file, for vaults behind a private
 * CA and for loopback fakes. Never trust-all.
 */
final class AzureTrust {
  private AzureTrust() {}

  static SSLContext sslContext(Optional<String> caFile) {
    try {
      if (caFile.isEmpty()) {
        return SSLContext.getDefault();
      }
      X509TrustManager system = trustManager(null);
      X509TrustManager extra = trustManager(load(caFile.get()));
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {new Either(system, extra)}, null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("tls setup: " + e.getMessage(), e);
    }
  }

  private static KeyStore load(String file) throws GeneralSecurityException {
    try (InputStream in = Files.newInputStream(Path.of(file))) {
      KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
      ks.load(null, null);
      int i = 0;
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        ks.setCertificateEntry("extra-" + i++, c);
      }
      if (i == 0) {
        throw new InvalidInputException("no certificates in " + AzureKeyVaultClients.CA_FILE + " file " + file);
      }
      return ks;
    } catch (IOException | CertificateException e) {
      throw new InvalidInputException("reading " + AzureKeyVaultClients.CA_FILE + " file " + file + ": " + e.getMessage(), e);
    }
  }

  private static X509TrustManager trustManager(KeyStore ks) throws GeneralSecurityException {
    TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    f.init(ks);
    for (TrustManager t : f.getTrustManagers()) {
      if (t instanceof X509TrustManager x) {
        return x;
      }
    }
    throw new IllegalStateException("no X509TrustManager");
  }

  /** Accepts a server chain either trust manager accepts. */
  private record Either(X509TrustManager a, X509TrustManager b) implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      a.checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      try {
        a.checkServerTrusted(chain, authType);
      } catch (CertificateException e) {
        b.checkServerTrusted(chain, authType);
      }
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      X509Certificate[] x = a.getAcceptedIssuers();
      X509Certificate[] y = b.getAcceptedIssuers();
      X509Certificate[] all = java.util.Arrays.copyOf(x, x.length + y.length);
      System.arraycopy(y, 0, all, x.length, y.length);
      return all;
    }
  }
}
