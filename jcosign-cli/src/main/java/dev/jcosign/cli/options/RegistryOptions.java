package dev.jcosign.cli.options;

import dev.jcosign.adapters.registry.CredentialFiles;
import dev.jcosign.adapters.registry.ByteSizes;
import dev.jcosign.adapters.registry.RegistryConfig;
import dev.jcosign.cli.Env;
import dev.jcosign.core.error.InvalidInputException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * cosign's REG flag group (spec §1.3): how to reach and authenticate to registries. Use as a
 * picocli {@code @Mixin}; {@link #toConfig(Env)} translates it (plus DOCKER_CONFIG, HOME, PATH and
 * COSIGN_MAX_ATTACHMENT_SIZE) into a {@link RegistryConfig}. Every flag can also come from
 * {@code COSIGN_<FLAG>} (spec §1.1).
 */
public final class RegistryOptions {

  @Option(names = "--allow-insecure-registry", arity = "0..1", fallbackValue = "true",
      description = "Accept any TLS certificate from registries (self-signed, expired, wrong host). Testing only.")
  boolean allowInsecureRegistry;

  @Option(names = "--allow-http-registry", arity = "0..1", fallbackValue = "true",
      description = "Allow plain HTTP to any registry, not only to localhost and private addresses. Testing only.")
  boolean allowHttpRegistry;

  @Option(names = "--k8s-keychain", arity = "0..1", fallbackValue = "true",
      description = "Use cloud-provider keychains (not supported by jcosign; use a docker-credential helper).")
  boolean k8sKeychain;

  @Option(names = "--registry-username", paramLabel = "USER", description = "Username for basic auth to the registry.")
  String registryUsername;

  @Option(names = "--registry-password", paramLabel = "PASSWORD", description = "Password for basic auth to the registry.")
  String registryPassword;

  @Option(names = "--registry-token", paramLabel = "TOKEN", description = "Bearer token sent to the registry.")
  String registryToken;

  @Option(names = "--registry-cacert", paramLabel = "FILE",
      description = "PEM file of CA certificates to trust for registries, in addition to the system ones.")
  Path registryCacert;

  @Option(names = "--registry-client-cert", paramLabel = "FILE",
      description = "PEM client certificate for mutual TLS with the registry (needs --registry-client-key).")
  Path registryClientCert;

  @Option(names = "--registry-client-key", paramLabel = "FILE",
      description = "PEM private key of --registry-client-cert.")
  Path registryClientKey;

  @Option(names = "--registry-server-name", paramLabel = "NAME",
      description = "Name the registry's TLS certificate must match, instead of its host.")
  String registryServerName;

  /** The registry settings these flags and the environment ask for. */
  public RegistryConfig toConfig(Env env) {
    if (k8sKeychain) {
      throw new InvalidInputException("--k8s-keychain is not supported by jcosign: "
          + "log in with a docker config (DOCKER_CONFIG) or a docker-credential helper instead");
    }
    if ((registryClientCert == null) != (registryClientKey == null)) {
      throw new InvalidInputException("--registry-client-cert and --registry-client-key must be given together");
    }
    RegistryConfig.Builder b = RegistryConfig.builder()
        .allowInsecure(allowInsecureRegistry)
        .allowHttp(allowHttpRegistry)
        .bearerToken(blankToNull(registryToken))
        .caCertFile(registryCacert)
        .clientCertificate(registryClientCert, registryClientKey)
        .serverName(blankToNull(registryServerName))
        .dockerConfigDir(dockerConfigDir(env))
        .environment(env.all())
        .maxBlobBytes(maxAttachmentSize(env));
    String user = blankToNull(registryUsername);
    String pass = blankToNull(registryPassword);
    if (user != null || pass != null) {
      b.basicAuth(user, pass);
    }
    return b.build();
  }

  /** Where registry credentials come from (docker config, else podman's auth files; {@link CredentialFiles}). */
  static Path dockerConfigDir(Env env) {
    return CredentialFiles.dockerConfigDir(env::get);
  }

  /** COSIGN_MAX_ATTACHMENT_SIZE, or the 128 MiB default (spec §1.3). */
  public static long maxAttachmentSize(Env env) {
    String v = env.get(Env.COSIGN_MAX_ATTACHMENT_SIZE).filter(s -> !s.isBlank()).orElse(null);
    if (v == null) {
      return RegistryConfig.DEFAULT_MAX_BLOB_BYTES;
    }
    long n;
    try {
      n = ByteSizes.parse(v);
    } catch (InvalidInputException e) {
      throw new InvalidInputException(Env.COSIGN_MAX_ATTACHMENT_SIZE + ": " + e.getMessage(), e);
    }
    if (n <= 0) {
      throw new InvalidInputException(Env.COSIGN_MAX_ATTACHMENT_SIZE + ": invalid size \"" + v + "\": must be positive");
    }
    return n;
  }

  private static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
