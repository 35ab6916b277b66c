package dev.jcosign.core.keyless;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.error.VerificationException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who must have signed (keyless spec §1.7, §1.8): {@code --certificate-identity[-regexp]},
 * {@code --certificate-oidc-issuer[-regexp]} and the {@code --certificate-github-workflow-*} claims.
 * Regular expressions are Go's RE2 dialect, matched unanchored as Go's {@code MatchString} does, so
 * {@code example.com} also matches {@code user@example.com.evil} exactly as it does in cosign.
 * The bundle path and the legacy {@code .sig} path read the certificate differently; both are here.
 */
public record IdentityPolicy(
    Optional<String> identity,
    Optional<String> identityRegexp,
    Optional<String> issuer,
    Optional<String> issuerRegexp,
    GithubClaims github) {

  /** The GitHub workflow claims of Fulcio's deprecated extensions {@code .1.2}-{@code .1.6}; "" = not checked. */
  public record GithubClaims(String trigger, String sha, String name, String repository, String ref) {
    public static final GithubClaims NONE = new GithubClaims("", "", "", "", "");

    public GithubClaims {
      trigger = Objects.requireNonNullElse(trigger, "");
      sha = Objects.requireNonNullElse(sha, "");
      name = Objects.requireNonNullElse(name, "");
      repository = Objects.requireNonNullElse(repository, "");
      ref = Objects.requireNonNullElse(ref, "");
    }

    List<String[]> expectations() {
      // {oid suffix, cosign's legacy label, value}
      return List.of(new String[] {"2", "Workflow Trigger", trigger}, new String[] {"3", "Workflow SHA", sha},
          new String[] {"4", "Workflow Name", name}, new String[] {"5", "Workflow Repository", repository},
          new String[] {"6", "Workflow Ref", ref});
    }
  }

  public IdentityPolicy {
    identity = identity.filter(s -> !s.isEmpty());
    identityRegexp = identityRegexp.filter(s -> !s.isEmpty());
    issuer = issuer.filter(s -> !s.isEmpty());
    issuerRegexp = issuerRegexp.filter(s -> !s.isEmpty());
    Objects.requireNonNull(github, "github");
    identityRegexp.ifPresent(r -> compile(r, "subject"));
    issuerRegexp.ifPresent(r -> compile(r, "issuer"));
  }

  /**
   * cosign refuses keyless verification without both an identity and an issuer constraint (keyless
   * spec §1.7); the messages are cosign's.
   */
  public IdentityPolicy requireComplete() {
    if (identity.isEmpty() && identityRegexp.isEmpty()) {
      throw new InvalidInputException(
          "--certificate-identity or --certificate-identity-regexp is required for verification in keyless mode");
    }
    if (issuer.isEmpty() && issuerRegexp.isEmpty()) {
      throw new InvalidInputException(
          "--certificate-oidc-issuer or --certificate-oidc-issuer-regexp is required for verification in keyless mode");
    }
    return this;
  }

  /**
   * The bundle path (sigstore-go): one SAN (URI, else e-mail, else OtherName), exact and regexp both
   * enforced when both are given; the issuer from {@code .1.1}/{@code .1.8}; GitHub claims exact.
   */
  public void checkBundlePath(FulcioCertificate cert) {
    String san = cert.summarySan()
        .orElseThrow(() -> new VerificationException("failed to verify certificate identity: no Subject Alternative Name found"));
    String iss = cert.issuer().orElse("");
    if (identity.isPresent() && !identity.get().equals(san)) {
      throw failed("expected SAN value \"" + identity.get() + "\", got \"" + san + "\"", "issuer " + iss);
    }
    if (identityRegexp.isPresent() && !compile(identityRegexp.get(), "subject").matcher(san).find()) {
      throw failed("expected SAN value to match regex \"" + identityRegexp.get() + "\", got \"" + san + "\"", "issuer " + iss);
    }
    if (issuer.isPresent() && !issuer.get().equals(iss)) {
      throw failed("expected issuer value \"" + issuer.get() + "\", got \"" + iss + "\"", "identity " + san);
    }
    if (issuerRegexp.isPresent() && !compile(issuerRegexp.get(), "issuer").matcher(iss).find()) {
      throw failed("expected issuer value to match regex \"" + issuerRegexp.get() + "\", got \"" + iss + "\"", "identity " + san);
    }
    for (String[] g : github.expectations()) {
      String got = cert.raw(FulcioCertificate.ARC + g[0]).orElse("");
      if (!g[2].isEmpty() && !g[2].equals(got)) {
        throw failed("expected GitHub " + g[1] + " to be \"" + g[2] + "\", got \"" + got + "\"", "identity " + san);
      }
    }
  }

  /**
   * The legacy path (cosign's {@code CheckCertificatePolicy}): GitHub claims first, issuer from
   * {@code .1.1} only, any SAN may match, and a regexp takes precedence over an exact value.
   */
  public void checkLegacyPath(FulcioCertificate cert) {
    for (String[] g : github.expectations()) {
      if (!g[2].isEmpty() && !g[2].equals(cert.raw(FulcioCertificate.ARC + g[0]).orElse(""))) {
        throw new VerificationException("expected GitHub " + g[1] + " not found in certificate");
      }
    }
    String iss = cert.legacyIssuer();
    List<String> sans = cert.allSans();
    boolean issuerOk = issuerRegexp.map(r -> compile(r, "issuer").matcher(iss).find())
        .orElseGet(() -> issuer.map(iss::equals).orElse(true));
    boolean subjectOk = identityRegexp.map(r -> sans.stream().anyMatch(s -> compile(r, "subject").matcher(s).find()))
        .orElseGet(() -> identity.map(sans::contains).orElse(true));
    if (!issuerOk || !subjectOk) {
      throw new VerificationException("none of the expected identities matched what was in the certificate, got subjects ["
          + String.join(", ", sans) + "] with issuer " + iss);
    }
  }

  private static VerificationException failed(String what, String alsoFound) {
    return new VerificationException("failed to verify certificate identity: " + what + " (certificate " + alsoFound + ")");
  }

  private static Pattern compile(String regexp, String what) {
    try {
      return Pattern.compile(regexp);
    } catch (PatternSyntaxException e) {
      throw new InvalidInputException("malformed " + what + " in identity: " + regexp + " : " + e.getMessage());
    }
  }
}
