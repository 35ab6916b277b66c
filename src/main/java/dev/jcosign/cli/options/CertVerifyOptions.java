package dev.jcosign.cli.options;

import dev.jcosign.core.keyless.CertificatePolicy;
import dev.jcosign.core.keyless.IdentityPolicy;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * cosign's CERTVERIFY flags (keyless spec §1.7): the identity a keyless signature's certificate must
 * carry, and the SCT switch. Shared by {@code verify}, {@code verify-attestation} and {@code verify-blob}.
 */
public final class CertVerifyOptions {
  @Option(names = "--certificate-identity", paramLabel = "ID",
      description = "the identity expected in a valid Fulcio certificate (an e-mail or URI SAN); keyless only")
  String identity;

  @Option(names = "--certificate-identity-regexp", paramLabel = "RE",
      description = "a Go (RE2) regular expression the certificate's identity must match, unanchored; keyless only")
  String identityRegexp;

  @Option(names = "--certificate-oidc-issuer", paramLabel = "URL",
      description = "the OIDC issuer expected in a valid Fulcio certificate, e.g. https://token.actions.githubusercontent.com")
  String issuer;

  @Option(names = "--certificate-oidc-issuer-regexp", paramLabel = "RE",
      description = "a Go (RE2) regular expression the certificate's OIDC issuer must match, unanchored")
  String issuerRegexp;

  @Option(names = "--certificate-github-workflow-trigger", paramLabel = "EVENT",
      description = "the event_name claim of the GitHub workflow that must have signed (e.g. push)")
  String ghTrigger;

  @Option(names = "--certificate-github-workflow-sha", paramLabel = "SHA",
      description = "the commit SHA the GitHub workflow must have run on")
  String ghSha;

  @Option(names = "--certificate-github-workflow-name", paramLabel = "NAME",
      description = "the name of the GitHub workflow that must have signed")
  String ghName;

  @Option(names = "--certificate-github-workflow-repository", paramLabel = "OWNER/REPO",
      description = "the repository of the GitHub workflow that must have signed")
  String ghRepository;

  @Option(names = "--certificate-github-workflow-ref", paramLabel = "REF",
      description = "the git ref of the GitHub workflow that must have signed (e.g. refs/heads/main)")
  String ghRef;

  @Option(names = "--insecure-ignore-sct", arity = "0..1", fallbackValue = "true", defaultValue = "false",
      description = "accept certificates without a verifiable embedded SCT (insecure)")
  boolean ignoreSct;

  @Option(names = "--allow-certificate-chain", arity = "0..1", fallbackValue = "true", defaultValue = "false", hidden = true,
      description = "accept v0.3 bundles that carry a certificate chain instead of a single certificate")
  boolean allowChain;

  /** True when any identity flag was given (so a --key run can say they do not apply). */
  public boolean anyIdentity() {
    return identity != null || identityRegexp != null || issuer != null || issuerRegexp != null;
  }

  /** The policy of a keyless run; both an identity and an issuer constraint are required, as in cosign. */
  public CertificatePolicy policy() {
    IdentityPolicy id = new IdentityPolicy(Optional.ofNullable(identity), Optional.ofNullable(identityRegexp),
        Optional.ofNullable(issuer), Optional.ofNullable(issuerRegexp),
        new IdentityPolicy.GithubClaims(ghTrigger, ghSha, ghName, ghRepository, ghRef)).requireComplete();
    return new CertificatePolicy(id, ignoreSct, allowChain);
  }
}
