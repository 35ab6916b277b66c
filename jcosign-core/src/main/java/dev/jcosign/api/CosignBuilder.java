package dev.jcosign.api;

import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.spi.KeyRef;
import dev.jcosign.core.spi.Progress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Configures a {@link Cosign}, with the command line's flags as methods and its defaults (Rekor upload
 * on, the public-good Rekor and Fulcio, HTTPS registries, credentials from the docker config).
 *
 * <pre>{@code
 * Cosign cosign = Cosign.builder()
 *     .key("awskms:///alias/release")          // or key(Path, char[]) for cosign.key, or keyless(token)
 *     .registryCredentials("ci", token)         // else the docker config and its credential helpers
 *     .allowHttpRegistry(true)                  // for a local registry
 *     .build();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class CosignBuilder {
  private static final long DEFAULT_MAX_ATTACHMENT = 128L << 20; // COSIGN_MAX_ATTACHMENT_SIZE's default
  /** The identity token placeholder of {@link #keylessFromEnvironment()}, resolved when signing. */
  static final String FROM_ENVIRONMENT = "";

  private KeyRef key;
  private char[] password;
  private String identityToken;
  private String fulcioUrl = Cosign.PUBLIC_FULCIO;
  private String rekorUrl = Cosign.PUBLIC_REKOR;
  private boolean tlogUpload = true;
  private boolean ignoreTlog;
  private boolean offline;
  private Path trustedRoot;
  private String identity;
  private String identityRegexp;
  private String issuer;
  private String issuerRegexp;
  private String registryUsername;
  private char[] registryPassword;
  private Path dockerConfig;
  private boolean allowHttpRegistry;
  private boolean allowInsecureRegistry;
  private Duration timeout = Duration.ofMinutes(3);
  private Map<String, String> environment;
  private Consumer<String> info = line -> {};
  private Consumer<String> warn = line -> {};

  CosignBuilder() {}

  /**
   * A key reference as {@code --key} takes it: a key file ({@code cosign.key} to sign, {@code cosign.pub} to
   * verify), {@code env://VAR}, or a KMS URI ({@code awskms://}, {@code gcpkms://}, {@code azurekms://},
   * {@code hashivault://}) whose credentials come from {@link #environment}.
   */
  public CosignBuilder key(String keyRef) {
    this.key = KeyRef.parse(Objects.requireNonNull(keyRef, "keyRef"));
    return this;
  }

  /** An encrypted cosign key file and its password (copied; {@code COSIGN_PASSWORD} is not read). */
  public CosignBuilder key(Path keyFile, char[] password) {
    this.key = KeyRef.parse(keyFile.toString());
    this.password = password == null ? null : password.clone();
    return this;
  }

  /**
   * Keyless signing (keyless spec §1.1): an ephemeral key certified by Fulcio for this OIDC identity token
   * (e.g. {@code SIGSTORE_ID_TOKEN}, or GitHub Actions' token); the signature goes to Rekor.
   */
  public CosignBuilder keyless(String identityToken) {
    this.identityToken = Objects.requireNonNull(identityToken, "identityToken");
    return this;
  }

  /**
   * Keyless signing with the identity token of the environment, as the command line finds it without
   * {@code --identity-token} (keyless spec §1.2): {@code SIGSTORE_ID_TOKEN}, else GitHub Actions' token
   * endpoint ({@code ACTIONS_ID_TOKEN_REQUEST_URL} and {@code ..._TOKEN}, job permission {@code id-token: write}).
   */
  public CosignBuilder keylessFromEnvironment() {
    this.identityToken = FROM_ENVIRONMENT;
    return this;
  }

  /** {@code --fulcio-url}. */
  public CosignBuilder fulcioUrl(String url) {
    this.fulcioUrl = Objects.requireNonNull(url, "url");
    return this;
  }

  /** {@code --rekor-url}: the log signing uploads to and verification searches. */
  public CosignBuilder rekorUrl(String url) {
    this.rekorUrl = Objects.requireNonNull(url, "url");
    return this;
  }

  /** {@code --tlog-upload}: whether signing writes a Rekor entry (default true). */
  public CosignBuilder tlogUpload(boolean upload) {
    this.tlogUpload = upload;
    return this;
  }

  /** {@code --insecure-ignore-tlog}: verification without transparency-log checks (not for production). */
  public CosignBuilder ignoreTlog(boolean ignore) {
    this.ignoreTlog = ignore;
    return this;
  }

  /** {@code --offline}: log entries are checked from the bundle only, the log is never searched. */
  public CosignBuilder offline(boolean offline) {
    this.offline = offline;
    return this;
  }

  /** {@code --trusted-root}: a Sigstore trusted root (JSON) instead of the embedded public-good one. */
  public CosignBuilder trustedRoot(Path file) {
    this.trustedRoot = file;
    return this;
  }

  /** {@code --certificate-identity} and {@code --certificate-oidc-issuer} of a keyless verification. */
  public CosignBuilder certificateIdentity(String identity, String oidcIssuer) {
    this.identity = identity;
    this.issuer = oidcIssuer;
    return this;
  }

  /** The {@code ...-regexp} forms (Go regular expressions, as cosign). */
  public CosignBuilder certificateIdentityRegexp(String identityRegexp, String oidcIssuerRegexp) {
    this.identityRegexp = identityRegexp;
    this.issuerRegexp = oidcIssuerRegexp;
    return this;
  }

  /** {@code --registry-username}/{@code --registry-password} for every registry (copied). */
  public CosignBuilder registryCredentials(String username, char[] password) {
    this.registryUsername = Objects.requireNonNull(username, "username");
    this.registryPassword = password == null ? new char[0] : password.clone();
    return this;
  }

  /** The docker config directory ({@code DOCKER_CONFIG}; default {@code ~/.docker}). */
  public CosignBuilder dockerConfig(Path dir) {
    this.dockerConfig = dir;
    return this;
  }

  /** {@code --allow-http-registry}. */
  public CosignBuilder allowHttpRegistry(boolean allow) {
    this.allowHttpRegistry = allow;
    return this;
  }

  /** {@code --allow-insecure-registry}: TLS without certificate checks (testing only). */
  public CosignBuilder allowInsecureRegistry(boolean allow) {
    this.allowInsecureRegistry = allow;
    return this;
  }

  /** {@code -t}: the deadline of each whole exchange with a registry or Sigstore service (default 3 minutes). */
  public CosignBuilder timeout(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new InvalidInputException("the timeout must be positive, got " + timeout);
    }
    this.timeout = timeout;
    return this;
  }

  /**
   * The environment variables the backends read, as the command line reads them from its process: docker
   * config location and credential helpers' {@code PATH}, KMS credentials ({@code AWS_*}, {@code VAULT_*},
   * {@code GOOGLE_APPLICATION_CREDENTIALS}, {@code AZURE_*}). Default: this process's environment.
   */
  public CosignBuilder environment(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
    return this;
  }

  /** Where the lines the command line prints on stderr go (progress, then warnings); default: nowhere. */
  public CosignBuilder log(Consumer<String> info, Consumer<String> warn) {
    this.info = Objects.requireNonNull(info, "info");
    this.warn = Objects.requireNonNull(warn, "warn");
    return this;
  }

  /** A {@link Cosign} with these settings; the builder may be reused. */
  public Cosign build() {
    if (key != null && identityToken != null) {
      throw new InvalidInputException("give either a key or an identity token, not both");
    }
    Consumer<String> i = info;
    Consumer<String> w = warn;
    Progress progress = new Progress() {
      @Override
      public void info(String line) {
        i.accept(line);
      }

      @Override
      public void warn(String line) {
        w.accept(line);
      }

      @Override
      public void confirm(String question) {
        // a library has no user to ask: the builder's settings are the answer (cosign's --yes)
      }
    };
    return new Cosign(new Cosign.Settings(Optional.ofNullable(key), Optional.ofNullable(password).map(char[]::clone),
        Optional.ofNullable(identityToken), fulcioUrl, rekorUrl, tlogUpload, ignoreTlog, offline, Optional.ofNullable(trustedRoot),
        Optional.ofNullable(identity), Optional.ofNullable(identityRegexp), Optional.ofNullable(issuer),
        Optional.ofNullable(issuerRegexp), Optional.ofNullable(registryUsername),
        Optional.ofNullable(registryPassword).map(char[]::clone), Optional.ofNullable(dockerConfig), allowHttpRegistry,
        allowInsecureRegistry, timeout, environment != null ? environment : ProcessEnvironment.get(), progress,
        DEFAULT_MAX_ATTACHMENT));
  }
}
