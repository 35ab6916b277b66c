package dev.jcosign.cli;

import java.util.List;

/**
 * The environment variables jcosign reads, for the {@code env} command (spec §1.3 "env"): what each
 * does, what it expects, and whether its value is a secret that {@code env} masks.
 */
public final class EnvCatalog {
  private EnvCatalog() {}

  /** One variable. */
  public record Variable(String name, String description, String expects, boolean sensitive) {}

  private static Variable v(String name, String description, String expects) {
    return new Variable(name, description, expects, false);
  }

  private static Variable secret(String name, String description, String expects) {
    return new Variable(name, description, expects, true);
  }

  /** In the order {@code env} prints them: cosign's own, then Sigstore's, registries, CI tokens, KMS. */
  public static final List<Variable> ALL = List.of(
      secret(Env.COSIGN_PASSWORD, "overrides the password prompt for the private key",
          "the password (an empty value is an empty password)"),
      v(Env.COSIGN_REPOSITORY, "stores signatures and attestations in this repository instead of the image's",
          "a repository, e.g. registry.example/sigs"),
      v(Env.COSIGN_DOCKER_MEDIA_TYPES, "writes Docker media types for signature manifests (old registries)", "1 or true"),
      v(Env.COSIGN_EXPERIMENTAL, "enables experimental features (--registry-referrers-mode=oci-1-1)", "1 or true"),
      v(Env.COSIGN_MAX_ATTACHMENT_SIZE, "largest attachment read from a registry", "a size such as 5120, 20K, 3M, 45MiB (default 128MiB)"),
      v("COSIGN_YES", "answers yes to every confirmation prompt, as -y", "true or false"),
      v("COSIGN_NEW_BUNDLE_FORMAT", "signs images in cosign v3's layout (a Sigstore bundle as an OCI referrer)", "true or false"),
      secret(Env.SIGSTORE_ID_TOKEN, "OIDC identity token for keyless signing", "a JWT"),
      v(Env.SIGSTORE_REKOR_PUBLIC_KEY, "trusts only this Rekor key instead of the trusted root's logs", "path to a PEM public key"),
      v(Env.SIGSTORE_ROOT_FILE, "Fulcio root certificates to trust for keyless verification", "path to PEM certificates"),
      v(Env.TUF_ROOT, "TUF cache directory", "a directory (default ~/.sigstore/root)"),
      v(Env.TUF_MIRROR, "TUF mirror whose trusted root verify and sign use", "an http(s) URL"),
      v(Env.TUF_ROOT_JSON, "initial root.json for a TUF mirror other than the default", "path to root.json"),
      v(Env.DOCKER_CONFIG, "directory of the docker config.json with registry credentials", "a directory (default ~/.docker)"),
      v(Env.REGISTRY_AUTH_FILE, "podman/skopeo credentials file, read when there is no docker config", "path to auth.json"),
      v(Env.XDG_RUNTIME_DIR, "where podman keeps containers/auth.json", "a directory"),
      v(Env.XDG_CONFIG_HOME, "base of containers/auth.json when the runtime directory has none", "a directory (default ~/.config)"),
      v(Env.ACTIONS_ID_TOKEN_REQUEST_URL, "GitHub Actions OIDC token endpoint (keyless in a workflow)", "set by GitHub Actions"),
      secret(Env.ACTIONS_ID_TOKEN_REQUEST_TOKEN, "bearer token for the GitHub Actions OIDC token endpoint", "set by GitHub Actions"),
      secret(Env.BUILDKITE_AGENT_ACCESS_TOKEN, "Buildkite agent token (keyless in a Buildkite job)", "set by the Buildkite agent"),
      v(Env.BUILDKITE_AGENT_ENDPOINT, "Buildkite agent API endpoint", "set by the Buildkite agent"),
      v(Env.BUILDKITE_JOB_ID, "Buildkite job whose OIDC token is asked for", "set by the Buildkite agent"),
      v("AWS_REGION", "region of awskms:// keys given by alias or id", "e.g. eu-west-1"),
      v("AWS_PROFILE", "profile of the AWS shared config for awskms:// keys", "a profile name"),
      v("AWS_ACCESS_KEY_ID", "AWS access key id for awskms:// keys", "an access key id"),
      secret("AWS_SECRET_ACCESS_KEY", "AWS secret access key for awskms:// keys", "the secret key"),
      secret("AWS_SESSION_TOKEN", "AWS session token for awskms:// keys", "a session token"),
      v("GOOGLE_APPLICATION_CREDENTIALS", "Google credentials file for gcpkms:// keys", "path to a JSON credentials file"),
      v(Env.JCOSIGN_GCPKMS_ENDPOINT, "Cloud KMS endpoint for gcpkms:// keys (private endpoints, emulators)", "HOST:PORT"),
      v(Env.JCOSIGN_GCPKMS_INSECURE, "plaintext gRPC without credentials to JCOSIGN_GCPKMS_ENDPOINT (emulators only)", "1 or true"),
      v(Env.AZURE_TENANT_ID, "Azure tenant for azurekms:// keys", "a tenant id"),
      v("AZURE_CLIENT_ID", "Azure client id for azurekms:// keys", "a client id"),
      secret("AZURE_CLIENT_SECRET", "Azure client secret for azurekms:// keys", "the client secret"),
      v(Env.JCOSIGN_AZURE_CA_FILE, "extra CA certificates for Azure Key Vault and its identity endpoint", "path to PEM certificates"),
      v("VAULT_ADDR", "address of the Vault server for hashivault:// keys", "e.g. https://vault.example:8200"),
      secret("VAULT_TOKEN", "Vault token for hashivault:// keys", "a Vault token"),
      v("VAULT_CACERT", "CA certificate of the Vault server", "path to a PEM certificate"),
      v("VAULT_SKIP_VERIFY", "skips TLS verification of the Vault server (testing only)", "true or false"),
      v(Env.JCOSIGN_BROWSER, "command that opens the browser for interactive keyless signing", "a command (default xdg-open)"),
      v(Env.JCOSIGN_OIDC_CALLBACK_TIMEOUT, "how long interactive keyless signing waits for the browser", "a Go duration (default 120s)"));
}
