package dev.jcosign.adapters.http;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * An {@link SSLContext} that sets up JSSE only when the first TLS connection needs it.
 *
 * <p>Why: {@code HttpClient.Builder} wants its context up front, and initialising one (the SunJSSE provider,
 * its cipher tables and the JCE policy) cost ~25 ms of a ~230 ms one-image {@code verify} on a plain-HTTP
 * loopback registry, which never makes a TLS connection (issue 12). The real context is built exactly as
 * before, with the same key and trust managers, so certificate checks are unchanged; a failure to build it
 * fails the connection that needed it. The client must be given explicit {@link SSLParameters}, or it asks
 * for the defaults at build time and so initialises the context anyway.
 */
public final class DeferredSslContext extends SSLContext {

  /** Builds the real context on first use. */
  @FunctionalInterface
  public interface Factory {
    SSLContext create() throws GeneralSecurityException;
  }

  public DeferredSslContext(Factory factory) {
    super(new Spi(factory), null, "TLS");
  }

  /** A context initialised with these managers when first used ({@code null}s mean the JDK's defaults). */
  public static SSLContext of(KeyManager[] keyManagers, TrustManager[] trustManagers) {
    return new DeferredSslContext(() -> {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(keyManagers, trustManagers, null);
      return ctx;
    });
  }

  /** The JDK's default context (javax.net.ssl.* properties honoured), set up when first used. */
  public static SSLContext jdkDefault() {
    return new DeferredSslContext(SSLContext::getDefault);
  }

  private static final class Spi extends SSLContextSpi {
    private final Factory factory;
    private SSLContext real;

    Spi(Factory factory) {
      this.factory = factory;
    }

    private synchronized SSLContext real() {
      if (real == null) {
        try {
          real = factory.create();
        } catch (GeneralSecurityException e) {
          throw new IllegalStateException("setting up TLS: " + e.getMessage(), e);
        }
      }
      return real;
    }

    @Override
    protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr) {
      throw new UnsupportedOperationException("a deferred context is initialised by its factory");
    }

    @Override
    protected SSLSocketFactory engineGetSocketFactory() {
      return real().getSocketFactory();
    }

    @Override
    protected SSLServerSocketFactory engineGetServerSocketFactory() {
      return real().getServerSocketFactory();
    }

    @Override
    protected SSLEngine engineCreateSSLEngine() {
      return real().createSSLEngine();
    }

    @Override
    protected SSLEngine engineCreateSSLEngine(String host, int port) {
      return real().createSSLEngine(host, port);
    }

    @Override
    protected SSLSessionContext engineGetServerSessionContext() {
      return real().getServerSessionContext();
    }

    @Override
    protected SSLSessionContext engineGetClientSessionContext() {
      return real().getClientSessionContext();
    }

    @Override
    protected SSLParameters engineGetDefaultSSLParameters() {
      return real().getDefaultSSLParameters();
    }

    @Override
    protected SSLParameters engineGetSupportedSSLParameters() {
      return real().getSupportedSSLParameters();
    }
  }
}
