package dev.jcosign.cli.options;

import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * cosign's OIDC and Fulcio flags (keyless spec §1.2, §1.3), shared by the signing commands: where the
 * identity token comes from and which Fulcio issues the certificate.
 */
public final class OidcOptions {
  public static final String PUBLIC_FULCIO = "https://fulcio.sigstore.dev";
  public static final String PUBLIC_OIDC = "https://oauth2.sigstore.dev/auth";

  @Option(names = "--identity-token", paramLabel = "TOKEN|FILE",
      description = "identity token for keyless signing: a JWT, or a file holding one (never printed)")
  String identityToken;

  @Option(names = "--fulcio-url", paramLabel = "URL", defaultValue = PUBLIC_FULCIO,
      description = "Fulcio certificate authority for keyless signing (default: ${DEFAULT-VALUE})")
  String fulcioUrl;

  @Option(names = "--oidc-issuer", paramLabel = "URL", defaultValue = PUBLIC_OIDC,
      description = "OIDC provider for the interactive flows (default: ${DEFAULT-VALUE})")
  String oidcIssuer;

  @Option(names = "--oidc-client-id", paramLabel = "ID", defaultValue = "sigstore",
      description = "OIDC client ID for the interactive flows (default: ${DEFAULT-VALUE})")
  String oidcClientId;

  @Option(names = "--oidc-provider", paramLabel = "NAME",
      description = "use only this ambient token provider: envvar, filesystem, github-actions, buildkite-agent, "
          + "google-workload-identity, google-impersonate, spiffe")
  String oidcProvider;

  @Option(names = "--oidc-disable-ambient-providers", arity = "0..1", fallbackValue = "true", defaultValue = "false",
      description = "ignore tokens from the environment (SIGSTORE_ID_TOKEN, CI providers)")
  boolean disableAmbient;

  @Option(names = "--oidc-client-secret-file", paramLabel = "FILE",
      description = "file holding the OIDC client secret for the interactive flows (never printed)")
  java.nio.file.Path oidcClientSecretFile;

  @Option(names = "--oidc-redirect-url", paramLabel = "URL",
      description = "redirect URL of the browser flow (default: http://localhost:<free port>/auth/callback)")
  String oidcRedirectUrl;

  @Option(names = "--signing-algorithm", paramLabel = "ALG", defaultValue = "ecdsa-sha2-256-nistp256",
      description = "keyless: the ephemeral key: ecdsa-sha2-256-nistp256, ecdsa-sha2-384-nistp384, ecdsa-sha2-512-nistp521, "
          + "rsa-sign-pkcs1-{2048,3072,4096}-sha256 (default: ${DEFAULT-VALUE})")
  String signingAlgorithm;

  @Option(names = "--issue-certificate", arity = "0..1", fallbackValue = "true", defaultValue = "false",
      description = "with --key: also get a Fulcio certificate for the key, so signatures carry an identity")
  boolean issueCertificate;

  @Option(names = "--fulcio-auth-flow", paramLabel = "FLOW",
      description = "how to get a token when none is at hand: normal, device, token, client_credentials")
  String authFlow;

  public Optional<String> identityToken() {
    return Optional.ofNullable(identityToken).filter(s -> !s.isEmpty());
  }

  public String fulcioUrl() {
    return fulcioUrl;
  }

  /**
   * The Fulcio of a keyless run: the signing config's {@code caUrls} when one is in use (then
   * {@code --fulcio-url} and {@code --oidc-issuer} must keep their defaults, cosign's rule), else
   * {@code --fulcio-url} (keyless spec §1.1 step 4).
   */
  public String fulcioUrl(dev.jcosign.core.signingconfig.SigningServices services) {
    if (!services.fromSigningConfig()) {
      return fulcioUrl;
    }
    if (!PUBLIC_FULCIO.equals(fulcioUrl) || !PUBLIC_OIDC.equals(oidcIssuer)) {
      throw new dev.jcosign.core.error.InvalidInputException("cannot specify service URLs and use signing config");
    }
    return services.caUrl().orElseThrow(() -> new dev.jcosign.core.error.InvalidInputException(
        services.signingConfig().orElse("the signing config") + " names no certificate authority (caUrls) for keyless signing"));
  }

  public String oidcIssuer() {
    return oidcIssuer;
  }

  public Optional<String> oidcProvider() {
    return Optional.ofNullable(oidcProvider).filter(s -> !s.isEmpty());
  }

  public boolean disableAmbient() {
    return disableAmbient;
  }

  public boolean issueCertificate() {
    return issueCertificate;
  }

  public String signingAlgorithm() {
    return signingAlgorithm;
  }

  public String oidcClientId() {
    return oidcClientId;
  }

  public Optional<java.nio.file.Path> oidcClientSecretFile() {
    return Optional.ofNullable(oidcClientSecretFile);
  }

  public Optional<String> oidcRedirectUrl() {
    return Optional.ofNullable(oidcRedirectUrl).filter(s -> !s.isEmpty());
  }

  /** The issuer of the interactive flows: the signing config's {@code oidcUrls} when one is in use, else {@code --oidc-issuer}. */
  public String oidcIssuer(dev.jcosign.core.signingconfig.SigningServices services) {
    return services.fromSigningConfig() ? services.oidcUrl().orElse(oidcIssuer) : oidcIssuer;
  }

  public Optional<String> authFlow() {
    return Optional.ofNullable(authFlow).filter(s -> !s.isEmpty());
  }
}
