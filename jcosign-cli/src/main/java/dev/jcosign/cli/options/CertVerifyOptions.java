package dev.jcosign.cli.options;

import dev.jcosign.core.keyless.CertificatePolicy;
import dev.jcosign.core.keyless.FulcioCertificate;
import dev.jcosign.core.keyless.IdentityPolicy;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * cosign's CERTVERIFY flags (keyless spec §1.7): the identity a keyless signature's certificate must
 * carry, and the SCT switch. Shared by {@code verify}, {@code verify-attestation} and {@code verify-blob}.
 */
public final class CertVerifyOptions {
  @Option(names = {"--certificate", "--cert"}, paramLabel = "FILE",
      description = "the signing certificate (PEM, or base64 of PEM as sign-blob --output-certificate writes it), "
          + "used instead of the signature's own")
  java.nio.file.Path certificate;

  @Option(names = {"--certificate-chain", "--cert-chain"}, paramLabel = "FILE",
      description = "PEM chain (intermediates, then the root) to verify the certificate against instead of the trusted root's CAs")
  java.nio.file.Path certificateChain;

  @Option(names = "--ca-roots", paramLabel = "FILE", description = "PEM root certificates to verify the certificate against")
  java.nio.file.Path caRoots;

  @Option(names = "--ca-intermediates", paramLabel = "FILE", description = "PEM intermediate certificates, with --ca-roots")
  java.nio.file.Path caIntermediates;

  @Option(names = {"--certificate-identity", "--cert-identity"}, paramLabel = "ID",
      description = "the identity expected in a valid Fulcio certificate (an e-mail or URI SAN); keyless only")
  String identity;

  @Option(names = "--certificate-identity-regexp", paramLabel = "RE",
      description = "a Go (RE2) regular expression the certificate's identity must match, unanchored; keyless only")
  String identityRegexp;

  @Option(names = {"--certificate-oidc-issuer", "--cert-oidc-issuer"}, paramLabel = "URL",
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
    if (certificateChain != null && (caRoots != null || caIntermediates != null)) {
      throw new dev.jcosign.core.error.InvalidInputException("give either --certificate-chain or --ca-roots/--ca-intermediates, not both");
    }
    if (caIntermediates != null && caRoots == null) {
      throw new dev.jcosign.core.error.InvalidInputException("--ca-intermediates needs --ca-roots");
    }
    java.util.List<java.security.cert.X509Certificate> chain = new java.util.ArrayList<>();
    if (certificateChain != null) {
      chain.addAll(pemCertificates(certificateChain, "--certificate-chain"));
    }
    if (caIntermediates != null) {
      chain.addAll(pemCertificates(caIntermediates, "--ca-intermediates"));
    }
    if (caRoots != null) {
      chain.addAll(pemCertificates(caRoots, "--ca-roots"));
    }
    Optional<FulcioCertificate> cert = Optional.ofNullable(certificate).map(CertVerifyOptions::readCertificate);
    return new CertificatePolicy(id, ignoreSct, allowChain, cert, chain);
  }

  /** True when {@code --certificate} was given (so the key-less path is taken even without a signature certificate). */
  public boolean hasCertificate() {
    return certificate != null;
  }

  /** A certificate file: PEM, or base64 of PEM (what {@code sign-blob --output-certificate} writes by default). */
  static FulcioCertificate readCertificate(java.nio.file.Path file) {
    byte[] b = dev.jcosign.core.io.SmallFiles.read(file, 1 << 20, "--certificate " + file);
    String text = new String(b, java.nio.charset.StandardCharsets.ISO_8859_1).strip();
    if (!text.contains("-----BEGIN") && !text.isEmpty()) {
      try {
        b = java.util.Base64.getMimeDecoder().decode(text);
      } catch (IllegalArgumentException e) {
        // DER, or garbage: the parser says which
      }
    }
    return FulcioCertificate.parse(b, "--certificate " + file);
  }

  private static java.util.List<java.security.cert.X509Certificate> pemCertificates(java.nio.file.Path file, String flag) {
    java.util.List<java.security.cert.X509Certificate> out = FulcioCertificate.parsePemChain(
        dev.jcosign.core.io.SmallFiles.read(file, 1 << 20, flag + " " + file), flag + " " + file);
    if (out.isEmpty()) {
      throw new dev.jcosign.core.error.InvalidInputException(flag + " " + file + ": no PEM certificate in it");
    }
    return out;
  }
}
