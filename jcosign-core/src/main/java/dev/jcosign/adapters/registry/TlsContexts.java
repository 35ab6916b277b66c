package dev.jcosign.adapters.registry;

import dev.jcosign.adapters.http.DeferredSslContext;
import dev.jcosign.core.error.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.InetAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Builds the {@link SSLContext} for registry connections from {@link RegistryConfig}: JDK trust plus
 * {@code --registry-cacert}, optional client certificate, {@code --registry-server-name}, or trust-all
 * for {@code --allow-insecure-registry} (spec §1.3 REG). Verification stays on unless asked otherwise.
 */
final class TlsContexts {
  private TlsContexts() {}

  static SSLContext create(RegistryConfig config) {
    try {
      TrustManager tm = config.allowInsecure() ? new TrustAll() : new Verifying(lazyTrustManagers(config), config.serverName());
      KeyManager[] kms = config.clientCertFile() == null ? null : keyManagers(config.clientCertFile(), config.clientKeyFile());
      // files are read and checked now; JSSE itself starts at the first TLS connection (plain-HTTP
      // registries never start it, DeferredSslContext says what that saves)
      return DeferredSslContext.of(kms, new TrustManager[] {tm});
    } catch (GeneralSecurityException e) {
      throw new InvalidInputException("setting up TLS for registries: " + e.getMessage(), e);
    }
  }

  /**
   * SSL parameters carrying {@code serverName} as SNI. The JDK client replaces it with the host name
   * when connecting by name, so it only reaches the server for IP-literal registries; the certificate
   * is checked against {@code serverName} either way (see {@link Verifying}).
   */
  static SSLParameters parameters(RegistryConfig config) {
    SSLParameters p = new SSLParameters();
    String name = config.serverName();
    if (name != null && !name.isBlank() && !name.matches("[0-9.]+") && !name.contains(":")) {
      p.setServerNames(List.of(new SNIHostName(name)));
    }
    return p;
  }

  /**
   * The JDK trust store (plus {@code --registry-cacert}) is only loaded on the first TLS handshake:
   * loading cacerts costs tens of milliseconds of startup that plain-HTTP loopback registries never
   * need. A bad {@code --registry-cacert} file is still reported up front.
   */
  private static java.util.function.Supplier<List<X509ExtendedTrustManager>> lazyTrustManagers(RegistryConfig config)
      throws GeneralSecurityException {
    KeyStore extra = null;
    if (config.caCertFile() != null) {
      extra = KeyStore.getInstance(KeyStore.getDefaultType());
      try {
        extra.load(null, null);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      int i = 0;
      for (X509Certificate c : readCertificates(config.caCertFile(), "registry CA certificates")) {
        extra.setCertificateEntry("ca" + i++, c);
      }
    }
    KeyStore ca = extra;
    return new java.util.function.Supplier<>() {
      private List<X509ExtendedTrustManager> loaded;

      @Override
      public synchronized List<X509ExtendedTrustManager> get() {
        if (loaded == null) {
          try {
            List<X509ExtendedTrustManager> out = new ArrayList<>();
            out.add(fromKeyStore(null));
            if (ca != null) {
              out.add(fromKeyStore(ca));
            }
            loaded = List.copyOf(out);
          } catch (GeneralSecurityException e) {
            throw new IllegalStateException("loading trusted certificates: " + e.getMessage(), e);
          }
        }
        return loaded;
      }
    };
  }

  private static X509ExtendedTrustManager fromKeyStore(KeyStore ks) throws GeneralSecurityException {
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    for (TrustManager t : tmf.getTrustManagers()) {
      if (t instanceof X509ExtendedTrustManager x) {
        return x;
      }
    }
    throw new GeneralSecurityException("no X509 trust manager available");
  }

  static List<X509Certificate> readCertificates(Path file, String what) {
    byte[] pem = dev.jcosign.core.io.SmallFiles.read(file, dev.jcosign.core.io.SmallFiles.DOCUMENT, "reading " + what + " from " + file);
    try (InputStream in = new java.io.ByteArrayInputStream(pem)) {
      Collection<? extends java.security.cert.Certificate> certs =
          java.security.cert.CertificateFactory.getInstance("X.509").generateCertificates(in);
      List<X509Certificate> out = new ArrayList<>();
      for (java.security.cert.Certificate c : certs) {
        out.add((X509Certificate) c);
      }
      if (out.isEmpty()) {
        throw new InvalidInputException("reading " + what + " from " + file + ": no PEM certificate found");
      }
      return out;
    } catch (IOException | CertificateException e) {
      throw new InvalidInputException("reading " + what + " from " + file + ": " + e.getMessage(), e);
    }
  }

  private static KeyManager[] keyManagers(Path certFile, Path keyFile) throws GeneralSecurityException {
    List<X509Certificate> chain = readCertificates(certFile, "registry client certificate");
    PrivateKey key = readPrivateKey(keyFile);
    KeyStore ks = KeyStore.getInstance("PKCS12");
    char[] pw = new char[0];
    try {
      ks.load(null, null);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    ks.setKeyEntry("client", key, pw, chain.toArray(new X509Certificate[0]));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, pw);
    return kmf.getKeyManagers();
  }

  /** Unencrypted PEM key: PKCS#8 {@code PRIVATE KEY}, {@code EC PRIVATE KEY} or {@code RSA PRIVATE KEY}. */
  private static PrivateKey readPrivateKey(Path file) {
    byte[] pem = dev.jcosign.core.io.SmallFiles.read(file, dev.jcosign.core.io.SmallFiles.KEY_OR_CERTIFICATE,
        "reading registry client key from " + file);
    try (Reader r = new java.io.StringReader(new String(pem, StandardCharsets.US_ASCII)); PEMParser p = new PEMParser(r)) {
      Object o = p.readObject();
      JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
      if (o instanceof PEMKeyPair kp) {
        return conv.getKeyPair(kp).getPrivate();
      }
      if (o instanceof PrivateKeyInfo pki) {
        return conv.getPrivateKey(pki);
      }
      throw new InvalidInputException("reading registry client key from " + file + ": expected an unencrypted PEM private key");
    } catch (IOException e) {
      throw new InvalidInputException("reading registry client key from " + file + ": " + e.getMessage(), e);
    }
  }

  /** Chain must verify against one of the trust sources; the name checked is the host, or serverName when given. */
  private static final class Verifying extends X509ExtendedTrustManager {
    private final java.util.function.Supplier<List<X509ExtendedTrustManager>> trust;
    private final String serverName;

    Verifying(java.util.function.Supplier<List<X509ExtendedTrustManager>> trust, String serverName) {
      this.trust = trust;
      this.serverName = serverName == null || serverName.isBlank() ? null : serverName;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
      if (serverName != null) {
        checkServerTrusted(chain, authType);
        return;
      }
      CertificateException last = null;
      for (X509ExtendedTrustManager d : trust.get()) {
        try {
          d.checkServerTrusted(chain, authType, engine); // also checks the host name (HTTPS endpoint identification)
          return;
        } catch (CertificateException e) {
          last = e;
        }
      }
      throw last;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
      if (serverName != null) {
        checkServerTrusted(chain, authType);
        return;
      }
      CertificateException last = null;
      for (X509ExtendedTrustManager d : trust.get()) {
        try {
          d.checkServerTrusted(chain, authType, socket);
          return;
        } catch (CertificateException e) {
          last = e;
        }
      }
      throw last;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      CertificateException last = null;
      for (X509TrustManager d : trust.get()) {
        try {
          d.checkServerTrusted(chain, authType);
          last = null;
          break;
        } catch (CertificateException e) {
          last = e;
        }
      }
      if (last != null) {
        throw last;
      }
      if (serverName != null && !matches(chain[0], serverName)) {
        throw new CertificateException("certificate is not valid for server name " + serverName);
      }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
      throw new CertificateException("client certificates are not checked here");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
      throw new CertificateException("client certificates are not checked here");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      throw new CertificateException("client certificates are not checked here");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      List<X509Certificate> all = new ArrayList<>();
      for (X509TrustManager d : trust.get()) {
        all.addAll(List.of(d.getAcceptedIssuers()));
      }
      return all.toArray(new X509Certificate[0]);
    }
  }

  /** Subject alternative names only, as Go's crypto/tls does (no common-name fallback). */
  static boolean matches(X509Certificate cert, String name) throws CertificateParsingException {
    Collection<List<?>> sans = cert.getSubjectAlternativeNames();
    if (sans == null) {
      return false;
    }
    String host = name.toLowerCase(Locale.ROOT);
    boolean ip = host.matches("[0-9.]+") || host.contains(":");
    for (List<?> san : sans) {
      int type = (Integer) san.get(0);
      String value = String.valueOf(san.get(1)).toLowerCase(Locale.ROOT);
      if (ip && type == 7 && sameAddress(value, host)) {
        return true;
      }
      if (!ip && type == 2 && dnsMatch(value, host)) {
        return true;
      }
    }
    return false;
  }

  private static boolean sameAddress(String a, String b) {
    try {
      return InetAddress.getByName(a).equals(InetAddress.getByName(b.replace("[", "").replace("]", "")));
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static boolean dnsMatch(String pattern, String host) {
    if (pattern.startsWith("*.")) {
      int dot = host.indexOf('.');
      return dot > 0 && host.substring(dot).equals(pattern.substring(1));
    }
    return pattern.equals(host);
  }

  /** {@code --allow-insecure-registry}: no chain or host-name verification at all. */
  private static final class TrustAll extends X509ExtendedTrustManager {
    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
