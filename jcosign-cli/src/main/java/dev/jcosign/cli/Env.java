package dev.jcosign.cli;

import java.util.Map;
import java.util.Optional;

/**
 * The only class that reads the process environment (style R6). Every variable jcosign honours is
 * named here; flags are also read from {@code COSIGN_<FLAG>} through {@link EnvDefaults}.
 */
public final class Env {
  /** Key password; set-but-empty is a valid (empty) password (spec §1.2). Sensitive. */
  public static final String COSIGN_PASSWORD = "COSIGN_PASSWORD";
  /** Repository that stores signatures instead of the image's own (spec §3.1). */
  public static final String COSIGN_REPOSITORY = "COSIGN_REPOSITORY";
  /** {@code 1}/{@code true}: write Docker media types for signature manifests (spec §3.2). */
  public static final String COSIGN_DOCKER_MEDIA_TYPES = "COSIGN_DOCKER_MEDIA_TYPES";
  /** {@code 1}/{@code true}: allows {@code --registry-referrers-mode=oci-1-1} (spec §1.3 sign, §3.7). */
  public static final String COSIGN_EXPERIMENTAL = "COSIGN_EXPERIMENTAL";
  /** Size cap for attachments read from a registry, e.g. {@code 128MiB} (spec §1.3). */
  public static final String COSIGN_MAX_ATTACHMENT_SIZE = "COSIGN_MAX_ATTACHMENT_SIZE";
  /** podman/skopeo credentials file, read when there is no docker config (containers-auth.json(5)). */
  public static final String REGISTRY_AUTH_FILE = "REGISTRY_AUTH_FILE";
  /** Where podman keeps {@code containers/auth.json} by default. */
  public static final String XDG_RUNTIME_DIR = "XDG_RUNTIME_DIR";
  /** Base of {@code containers/auth.json} when the runtime directory has none (default {@code ~/.config}). */
  public static final String XDG_CONFIG_HOME = "XDG_CONFIG_HOME";
  /** Directory holding {@code config.json} for registry credentials. */
  public static final String DOCKER_CONFIG = "DOCKER_CONFIG";
  /**
   * {@code HOST:PORT} of the Cloud KMS gRPC endpoint for {@code gcpkms://} keys (default Google's,
   * TLS with Application Default Credentials; spec §5 extension for private endpoints and emulators).
   */
  public static final String JCOSIGN_GCPKMS_ENDPOINT = "JCOSIGN_GCPKMS_ENDPOINT";
  /**
   * {@code 1}/{@code true}: talk to {@link #JCOSIGN_GCPKMS_ENDPOINT} in plaintext gRPC without
   * credentials (emulators, tests). An error without an endpoint; never the default.
   */
  public static final String JCOSIGN_GCPKMS_INSECURE = "JCOSIGN_GCPKMS_INSECURE";
  /**
   * PEM file of extra CA certificates trusted (besides the JDK's) for Azure Key Vault and the
   * Microsoft identity endpoint of {@code azurekms://} keys: private CAs, loopback fakes in tests.
   */
  public static final String JCOSIGN_AZURE_CA_FILE = "JCOSIGN_AZURE_CA_FILE";
  /**
   * {@code azurekms://} credentials for {@code DefaultAzureCredential} (spec §5): {@code AZURE_TENANT_ID},
   * {@code AZURE_CLIENT_ID}, {@code AZURE_CLIENT_SECRET}, {@code AZURE_CLIENT_CERTIFICATE_PATH},
   * {@code AZURE_FEDERATED_TOKEN_FILE}, {@code AZURE_AUTHORITY_HOST}, {@code AZURE_ENVIRONMENT}
   * ({@code AZUREUSGOVERNMENT}, {@code AZURECHINACLOUD}, {@code AZUREPUBLICCLOUD}), managed identity's
   * {@code IDENTITY_ENDPOINT}/{@code MSI_ENDPOINT}. Sensitive: the client secret.
   */
  public static final String AZURE_TENANT_ID = "AZURE_TENANT_ID";
  /**
   * PEM file of a Rekor public key: verification trusts only that log (log ID = SHA-256 of the PKIX
   * DER) instead of the trusted root's (spec §1.3, §4.1); {@code --trusted-root} still wins.
   */
  public static final String SIGSTORE_REKOR_PUBLIC_KEY = "SIGSTORE_REKOR_PUBLIC_KEY";
  /** PEM file of Fulcio root certificates (spec §1.3); kept for keyless verification, not implemented yet. */
  public static final String SIGSTORE_ROOT_FILE = "SIGSTORE_ROOT_FILE";
  /**
   * TUF cache directory (default {@code $HOME/.sigstore/root}); a {@code trusted_root.json} cached
   * there by {@code initialize} is preferred over the embedded one (see {@code TrustMaterial.tufCachedRoot}).
   */
  public static final String TUF_ROOT = "TUF_ROOT";
  /**
   * TUF mirror URL whose {@code trusted_root.json} the verify and sign commands use instead of the one
   * {@code remote.json} names, fetched into {@link #TUF_ROOT} through TUF when missing or expired
   * (spec §1.3, §4.1; {@code core.tuf.TufTrustedRootCache}). An empty value counts as unset.
   */
  public static final String TUF_MIRROR = "TUF_MIRROR";
  /**
   * File holding the initial {@code root.json} for a refresh from a mirror other than the default
   * ({@link #TUF_MIRROR} or the one {@code remote.json} names); ignored for the default mirror, whose
   * initial root is embedded (spec §1.3; {@code core.tuf.TufSettings}).
   */
  public static final String TUF_ROOT_JSON = "TUF_ROOT_JSON";
  /** Keyless (keyless spec §1.2): an ID token given by the CI system (GitLab {@code id_tokens}, any CI). */
  public static final String SIGSTORE_ID_TOKEN = "SIGSTORE_ID_TOKEN";
  /** GitHub Actions' OIDC token endpoint and its bearer token (provider {@code github-actions}). */
  public static final String ACTIONS_ID_TOKEN_REQUEST_URL = "ACTIONS_ID_TOKEN_REQUEST_URL";
  public static final String ACTIONS_ID_TOKEN_REQUEST_TOKEN = "ACTIONS_ID_TOKEN_REQUEST_TOKEN";
  /** Buildkite agents (provider {@code buildkite-agent}): the agent's token, its API endpoint and the job. */
  public static final String BUILDKITE_AGENT_ACCESS_TOKEN = "BUILDKITE_AGENT_ACCESS_TOKEN";
  public static final String BUILDKITE_AGENT_ENDPOINT = "BUILDKITE_AGENT_ENDPOINT";
  public static final String BUILDKITE_JOB_ID = "BUILDKITE_JOB_ID";
  /** Google providers and SPIFFE (not supported: named in the error so the user can switch). */
  public static final String GOOGLE_SERVICE_ACCOUNT_NAME = "GOOGLE_SERVICE_ACCOUNT_NAME";
  public static final String SPIFFE_ENDPOINT_SOCKET = "SPIFFE_ENDPOINT_SOCKET";
  /** A command run with the browser flow's URL (default: xdg-open, open); lets tests and odd desktops play the browser. */
  public static final String JCOSIGN_BROWSER = "JCOSIGN_BROWSER";
  /** How long the browser flow waits for its callback before falling back to a pasted code (Go duration, default 120s). */
  public static final String JCOSIGN_OIDC_CALLBACK_TIMEOUT = "JCOSIGN_OIDC_CALLBACK_TIMEOUT";
  public static final String HOME = "HOME";
  public static final String PATH = "PATH";

  private final Map<String, String> vars;

  public Env(Map<String, String> vars) {
    this.vars = Map.copyOf(vars);
  }

  /** The real process environment. */
  public static Env system() {
    return new Env(System.getenv());
  }

  public Optional<String> get(String name) {
    return Optional.ofNullable(vars.get(name));
  }

  /** True when set to a value Go's {@code strconv.ParseBool} reads as true. */
  public boolean isTrue(String name) {
    return get(name).map(v -> v.equals("1") || v.equalsIgnoreCase("true") || v.equals("t") || v.equals("T")).orElse(false);
  }

  /** A copy of all variables, for child processes (credential helpers). */
  public Map<String, String> all() {
    return vars;
  }
}
