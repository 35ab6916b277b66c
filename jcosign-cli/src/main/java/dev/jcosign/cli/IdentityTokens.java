package dev.jcosign.cli;

import dev.jcosign.cli.options.OidcOptions;
import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.keyless.IdentityToken;
import dev.jcosign.core.spi.IdentityTokenSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where a keyless run's identity token comes from, in cosign's order (keyless spec §1.2): the
 * {@code --identity-token} flag (a JWT, else a file), then the ambient providers (their effective order
 * in cosign: buildkite-agent, envvar, filesystem, github-actions, google-*, spiffe), then the interactive
 * flows. Tokens are never printed; errors name the source, not the token.
 */
final class IdentityTokens {
  static final Path SIGSTORE_TOKEN_FILE = Path.of("/var/run/sigstore/cosign/oidc-token");
  private static final long MAX_TOKEN_BYTES = 64L << 10;
  private static final List<String> PROVIDERS = List.of("buildkite-agent", "envvar", "filesystem", "github-actions",
      "google-workload-identity", "google-impersonate", "spiffe");

  /** cosign's privacy statement, shown before the browser flow unless {@code -y} (keyless spec §1.2 step 3). */
  static final String PRIVACY_STATEMENT = "The sigstore service, hosted by sigstore a Series of LF Projects, LLC, is provided pursuant to the "
      + "Hosted Project Tools Terms of Use, available at https://lfprojects.org/policies/hosted-project-tools-terms-of-use/.\n"
      + "Note that if your submission includes personal data associated with this signed artifact, it will be part of an "
      + "immutable record.\nThis may include the email address associated with the account with which you authenticate "
      + "your contractual Agreement.\nThis information will be used for signing this artifact and will be stored in public "
      + "transparency logs and cannot be removed later, and is subject to the Immutable Record notice at "
      + "https://lfprojects.org/policies/hosted-project-tools-immutable-records/.\n\n"
      + "By typing 'y', you attest that (1) you are not submitting the personal data of any other person; and (2) you "
      + "understand and agree to the statement and the Agreement terms at the URLs listed above.";
  private static final List<String> FLOWS = List.of("normal", "device", "token", "client_credentials");

  private final Env env;
  private final Supplier<IdentityTokenSource> github;
  private final Supplier<IdentityTokenSource> buildkite;
  private final java.util.function.Function<String, IdentityTokenSource> interactive;
  private final Console console;

  /**
   * @param interactive makes the source of an interactive flow ({@code normal}, {@code device},
   *     {@code client_credentials}) for the issuer and client of the options
   */
  IdentityTokens(Env env, Supplier<IdentityTokenSource> github, Supplier<IdentityTokenSource> buildkite,
      java.util.function.Function<String, IdentityTokenSource> interactive, Console console) {
    this.env = env;
    this.github = github;
    this.buildkite = buildkite;
    this.interactive = interactive;
    this.console = console;
  }

  IdentityToken resolve(OidcOptions opts, String issuer, boolean yes) {
    Optional<String> flag = opts.identityToken();
    if (flag.isPresent()) {
      String v = flag.get().strip();
      // cosign takes an inline RS256 JWS, else reads a file; we take any inline JWT that is not a file (a superset)
      if (IdentityToken.looksLikeJwt(v) && !Files.isRegularFile(safePath(v))) {
        return IdentityToken.parse(v, "--identity-token");
      }
      // the value may be a mistyped token: never echo it
      return IdentityToken.parse(readFile(safePath(v), "the --identity-token file"), "the --identity-token file");
    }
    if (!opts.disableAmbient()) {
      Optional<String> only = opts.oidcProvider();
      if (only.isPresent() && !PROVIDERS.contains(only.get())) {
        throw new InvalidInputException(only.get() + " is not a valid provider");
      }
      for (String p : PROVIDERS) {
        if (only.isPresent() && !only.get().equals(p)) {
          continue;
        }
        Optional<IdentityToken> t = ambient(p, only.isPresent());
        if (t.isPresent()) {
          return t.get();
        }
      }
      if (only.isPresent()) {
        throw new InvalidInputException("fetching ambient OIDC credentials: provider " + only.get() + " is not enabled here");
      }
    }
    String flow = opts.authFlow().orElse("");
    if (!flow.isEmpty() && !FLOWS.contains(flow)) {
      throw new InvalidInputException("unsupported --fulcio-auth-flow \"" + flow + "\": use normal, device, token or client_credentials");
    }
    if (flow.equals("token")) {
      throw new InvalidInputException("no identity token for keyless signing: --fulcio-auth-flow token needs --identity-token "
          + "or SIGSTORE_ID_TOKEN");
    }
    if (flow.isEmpty()) {
      if (console.interactive()) {
        flow = "normal";
      } else {
        console.info("Non-interactive mode detected, using device flow.");
        flow = "device";
      }
    }
    if (flow.equals("normal") && !yes) {
      console.confirm(PRIVACY_STATEMENT);
    }
    String token;
    try {
      token = interactive.apply(flow).token();
    } catch (dev.jcosign.core.error.CertificateAuthorityException e) {
      throw new dev.jcosign.core.error.CertificateAuthorityException("no identity token for keyless signing (give --identity-token "
          + "or SIGSTORE_ID_TOKEN, or sign with --key); the " + flow + " flow at " + issuer + " failed: " + e.getMessage(), e);
    }
    return IdentityToken.parse(token, "the " + flow + " flow of " + issuer);
  }

  private Optional<IdentityToken> ambient(String provider, boolean forced) {
    switch (provider) {
      case "envvar":
        // set but empty falls through to the next source, as cosign
        return env.get(Env.SIGSTORE_ID_TOKEN).filter(s -> !s.isBlank()).map(t -> IdentityToken.parse(t, "SIGSTORE_ID_TOKEN"));
      case "filesystem":
        if (!Files.isRegularFile(SIGSTORE_TOKEN_FILE)) {
          return Optional.empty();
        }
        return Optional.of(IdentityToken.parse(readFile(SIGSTORE_TOKEN_FILE, SIGSTORE_TOKEN_FILE.toString()),
            SIGSTORE_TOKEN_FILE.toString()));
      case "github-actions":
        if (env.get(Env.ACTIONS_ID_TOKEN_REQUEST_URL).filter(s -> !s.isEmpty()).isEmpty()
            || env.get(Env.ACTIONS_ID_TOKEN_REQUEST_TOKEN).filter(s -> !s.isEmpty()).isEmpty()) {
          return Optional.empty();
        }
        return Optional.of(IdentityToken.parse(github.get().token(), "GitHub Actions"));
      case "buildkite-agent":
        if (env.get(Env.BUILDKITE_AGENT_ACCESS_TOKEN).filter(s -> !s.isEmpty()).isEmpty()) {
          return Optional.empty();
        }
        if (env.get(Env.BUILDKITE_JOB_ID).filter(s -> !s.isEmpty()).isEmpty()) {
          throw new InvalidInputException("fetching ambient OIDC credentials: BUILDKITE_AGENT_ACCESS_TOKEN is set but BUILDKITE_JOB_ID is not");
        }
        return Optional.of(IdentityToken.parse(buildkite.get().token(), "Buildkite"));
      case "google-impersonate":
        return unsupported(env.get(Env.GOOGLE_SERVICE_ACCOUNT_NAME).filter(s -> !s.isEmpty()).isPresent() || forced,
            "google-impersonate", "mint an ID token with audience sigstore (gcloud auth print-identity-token) and pass it as SIGSTORE_ID_TOKEN");
      case "google-workload-identity":
        return unsupported(forced, "google-workload-identity",
            "mint an ID token with audience sigstore from the metadata server and pass it as SIGSTORE_ID_TOKEN");
      case "spiffe":
        return unsupported(forced, "spiffe", "fetch a JWT-SVID with audience sigstore and pass it as SIGSTORE_ID_TOKEN");
      default:
        return Optional.empty();
    }
  }

  private static Optional<IdentityToken> unsupported(boolean enabled, String name, String instead) {
    if (enabled) {
      throw new InvalidInputException("the " + name + " token provider is not supported by jcosign: " + instead);
    }
    return Optional.empty();
  }

  private static Path safePath(String s) {
    try {
      return Path.of(s);
    } catch (RuntimeException e) {
      return Path.of("/nonexistent");
    }
  }

  private static String readFile(Path p, String what) {
    if (!Files.exists(p)) {
      throw new InvalidInputException("reading " + what + ": no such file (and not a JWT)");
    }
    // cosign uses the content verbatim; surrounding whitespace (echo's newline) would break the header
    return new String(dev.jcosign.core.io.SmallFiles.read(p, MAX_TOKEN_BYTES, "reading " + what + " " + p), StandardCharsets.UTF_8).strip();
  }
}
