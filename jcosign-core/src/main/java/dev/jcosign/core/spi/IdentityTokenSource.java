package dev.jcosign.core.spi;

/**
 * An ambient OIDC token provider (keyless spec §1.2 step 2): a CI system's token endpoint or file.
 * Implementations are told their settings by the composition root; they never read the environment.
 */
public interface IdentityTokenSource {

  /** cosign's provider name, e.g. {@code github-actions}. */
  String name();

  /** Fetches a token for the audience {@code sigstore}; a one-line exception when it cannot. */
  String token();
}
