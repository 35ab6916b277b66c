package dev.jcosign.adapters.registry;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Settings of an {@link HttpRegistry}: transport security, credentials and limits. The adapter never
 * reads the process environment; the CLI fills this from flags and {@code cli.Env} (spec §1.3 REG).
 * Nullable fields mean "not given". {@link #toString()} never shows secrets.
 *
 * @param allowInsecure trust every TLS certificate and skip hostname checks ({@code --allow-insecure-registry})
 * @param allowHttp fall back to plain HTTP for any registry, not only local ones ({@code --allow-http-registry})
 * @param username basic-auth user for every registry ({@code --registry-username})
 * @param password basic-auth password ({@code --registry-password}); sensitive
 * @param bearerToken sent as {@code Authorization: Bearer} to every registry ({@code --registry-token}); sensitive
 * @param caCertFile PEM bundle trusted in addition to the JDK defaults ({@code --registry-cacert})
 * @param clientCertFile PEM client certificate for mutual TLS ({@code --registry-client-cert})
 * @param clientKeyFile PEM private key of the client certificate ({@code --registry-client-key})
 * @param serverName name the server certificate must match instead of the host ({@code --registry-server-name})
 * @param dockerConfigDir directory holding {@code config.json} (DOCKER_CONFIG, else ~/.docker), or a podman
 *     {@code auth.json} file; null = none
 * @param environment environment for credential helpers (PATH is searched for {@code docker-credential-*})
 * @param userAgent User-Agent header, {@code jcosign/<version>}
 * @param connectTimeout TCP/TLS connect timeout
 * @param requestTimeout time allowed until response headers arrive, per request
 * @param maxManifestBytes largest manifest or index read (4 MiB default)
 * @param maxBlobBytes largest blob read (COSIGN_MAX_ATTACHMENT_SIZE semantics, 128 MiB default)
 * @param tagPageSize {@code n=} sent when listing tags
 * @param maxAttempts attempts for idempotent requests on 429/5xx/connection reset (1 = no retry)
 * @param retryBaseDelay first back-off delay; doubled per attempt, capped with Retry-After at {@link #MAX_RETRY_DELAY}
 * @param debug receives one line per HTTP exchange (verbose mode); null = silent
 */
public record RegistryConfig(
    boolean allowInsecure,
    boolean allowHttp,
    String username,
    String password,
    String bearerToken,
    Path caCertFile,
    Path clientCertFile,
    Path clientKeyFile,
    String serverName,
    Path dockerConfigDir,
    Map<String, String> environment,
    String userAgent,
    Duration connectTimeout,
    Duration requestTimeout,
    long maxManifestBytes,
    long maxBlobBytes,
    int tagPageSize,
    int maxAttempts,
    Duration retryBaseDelay,
    Consumer<String> debug) {

  public static final long DEFAULT_MAX_MANIFEST_BYTES = 4L * 1024 * 1024;
  /** cosign's default attachment limit (spec §1.3: 128 MiB). */
  public static final long DEFAULT_MAX_BLOB_BYTES = 128L * 1024 * 1024;
  public static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(5);

  public RegistryConfig {
    environment = environment == null ? Map.of() : Map.copyOf(environment);
    userAgent = userAgent == null || userAgent.isBlank() ? "jcosign/devel" : userAgent;
    connectTimeout = Objects.requireNonNullElse(connectTimeout, Duration.ofSeconds(30));
    requestTimeout = Objects.requireNonNullElse(requestTimeout, Duration.ofMinutes(3));
    retryBaseDelay = Objects.requireNonNullElse(retryBaseDelay, Duration.ofMillis(200));
    if (maxManifestBytes <= 0) {
      maxManifestBytes = DEFAULT_MAX_MANIFEST_BYTES;
    }
    if (maxBlobBytes <= 0) {
      maxBlobBytes = DEFAULT_MAX_BLOB_BYTES;
    }
    if (tagPageSize <= 0) {
      tagPageSize = 1000;
    }
    if (maxAttempts <= 0) {
      maxAttempts = 3;
    }
    // cosign builds basic auth as soon as either flag is set; the other one is then empty
    if (username != null || password != null) {
      username = Objects.requireNonNullElse(username, "");
      password = Objects.requireNonNullElse(password, "");
    }
    if ((clientCertFile == null) != (clientKeyFile == null)) {
      throw new dev.jcosign.core.error.InvalidInputException("registry client certificate and key must be given together");
    }
  }

  /** Everything at its default: verified HTTPS (HTTP only for local registries), docker config off. */
  public static RegistryConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder pre-filled with this config's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.allowInsecure = allowInsecure;
    b.allowHttp = allowHttp;
    b.username = username;
    b.password = password;
    b.bearerToken = bearerToken;
    b.caCertFile = caCertFile;
    b.clientCertFile = clientCertFile;
    b.clientKeyFile = clientKeyFile;
    b.serverName = serverName;
    b.dockerConfigDir = dockerConfigDir;
    b.environment = environment;
    b.userAgent = userAgent;
    b.connectTimeout = connectTimeout;
    b.requestTimeout = requestTimeout;
    b.maxManifestBytes = maxManifestBytes;
    b.maxBlobBytes = maxBlobBytes;
    b.tagPageSize = tagPageSize;
    b.maxAttempts = maxAttempts;
    b.retryBaseDelay = retryBaseDelay;
    b.debug = debug;
    return b;
  }

  @Override
  public String toString() {
    return "RegistryConfig[allowInsecure=" + allowInsecure + ", allowHttp=" + allowHttp
        + ", username=" + username + ", password=" + (password == null ? "null" : "******")
        + ", bearerToken=" + (bearerToken == null ? "null" : "******") + ", caCertFile=" + caCertFile
        + ", clientCertFile=" + clientCertFile + ", serverName=" + serverName
        + ", dockerConfigDir=" + dockerConfigDir + ", userAgent=" + userAgent
        + ", maxManifestBytes=" + maxManifestBytes + ", maxBlobBytes=" + maxBlobBytes + "]";
  }

  /** Mutable builder; every setter returns {@code this}. */
  public static final class Builder {
    private boolean allowInsecure;
    private boolean allowHttp;
    private String username;
    private String password;
    private String bearerToken;
    private Path caCertFile;
    private Path clientCertFile;
    private Path clientKeyFile;
    private String serverName;
    private Path dockerConfigDir;
    private Map<String, String> environment = Map.of();
    private String userAgent;
    private Duration connectTimeout;
    private Duration requestTimeout;
    private long maxManifestBytes;
    private long maxBlobBytes;
    private int tagPageSize;
    private int maxAttempts;
    private Duration retryBaseDelay;
    private Consumer<String> debug;

    private Builder() {}

    public Builder allowInsecure(boolean v) {
      allowInsecure = v;
      return this;
    }

    public Builder allowHttp(boolean v) {
      allowHttp = v;
      return this;
    }

    /** Basic credentials for every registry; both null clears them. */
    public Builder basicAuth(String user, String pass) {
      username = user;
      password = pass;
      return this;
    }

    public Builder bearerToken(String v) {
      bearerToken = v;
      return this;
    }

    public Builder caCertFile(Path v) {
      caCertFile = v;
      return this;
    }

    public Builder clientCertificate(Path cert, Path key) {
      clientCertFile = cert;
      clientKeyFile = key;
      return this;
    }

    public Builder serverName(String v) {
      serverName = v;
      return this;
    }

    public Builder dockerConfigDir(Path v) {
      dockerConfigDir = v;
      return this;
    }

    public Builder environment(Map<String, String> v) {
      environment = v;
      return this;
    }

    public Builder userAgent(String v) {
      userAgent = v;
      return this;
    }

    public Builder connectTimeout(Duration v) {
      connectTimeout = v;
      return this;
    }

    public Builder requestTimeout(Duration v) {
      requestTimeout = v;
      return this;
    }

    public Builder maxManifestBytes(long v) {
      maxManifestBytes = v;
      return this;
    }

    public Builder maxBlobBytes(long v) {
      maxBlobBytes = v;
      return this;
    }

    public Builder tagPageSize(int v) {
      tagPageSize = v;
      return this;
    }

    public Builder maxAttempts(int v) {
      maxAttempts = v;
      return this;
    }

    public Builder retryBaseDelay(Duration v) {
      retryBaseDelay = v;
      return this;
    }

    public Builder debug(Consumer<String> v) {
      debug = v;
      return this;
    }

    public RegistryConfig build() {
      return new RegistryConfig(allowInsecure, allowHttp, username, password, bearerToken, caCertFile,
          clientCertFile, clientKeyFile, serverName, dockerConfigDir, environment, userAgent, connectTimeout,
          requestTimeout, maxManifestBytes, maxBlobBytes, tagPageSize, maxAttempts, retryBaseDelay, debug);
    }
  }
}
