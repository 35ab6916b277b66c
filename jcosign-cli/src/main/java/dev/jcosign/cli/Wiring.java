package dev.jcosign.cli;

import dev.jcosign.adapters.rekor.RekorHttpTransparencyLog;
import dev.jcosign.adapters.tsa.HttpTimestampAuthority;
import dev.jcosign.adapters.registry.HttpRegistry;
import dev.jcosign.adapters.registry.OciLayoutRegistry;
import dev.jcosign.adapters.registry.RegistryConfig;
import dev.jcosign.cli.options.RegistryOptions;
import dev.jcosign.cli.options.RekorOptions;
import dev.jcosign.core.spi.ImageLayout;
import dev.jcosign.core.spi.PasswordSource;
import dev.jcosign.core.spi.Progress;
import dev.jcosign.core.spi.Registry;
import dev.jcosign.core.signingconfig.SigningServices;
import dev.jcosign.core.signingconfig.SigningServicesResolver;
import dev.jcosign.core.spi.TufRepository;
import dev.jcosign.core.tuf.InitializeTrust;
import dev.jcosign.core.tuf.TufSettings;
import dev.jcosign.core.tuf.TufTrustedRootCache;
import dev.jcosign.cli.options.TlogVerifyOptions;
import dev.jcosign.core.timestamp.Timestamper;
import dev.jcosign.core.tlog.TlogPolicy;
import dev.jcosign.core.tlog.TlogSearch;
import dev.jcosign.core.tlog.TrustMaterial;
import dev.jcosign.core.tlog.TlogUploader;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The composition root (style §8): the only place that constructs adapters. Commands receive it in
 * their constructor and ask it for the ports a use case needs. Everything is created lazily so a
 * command never loads what it does not use (startup budget, issue 2 benchmarks).
 */
public final class Wiring implements AutoCloseable {
  private final Env env;
  private final Console console;
  private final boolean verbose;
  private dev.jcosign.adapters.SignerProviders signers;
  private PasswordSource passwords;
  private final List<AutoCloseable> opened = new java.util.ArrayList<>();
  private java.time.Duration timeout = java.time.Duration.ofMinutes(3);

  Wiring(Env env, Console console, boolean verbose) {
    this.env = env;
    this.console = console;
    this.verbose = verbose;
  }

  public Env env() {
    return env;
  }

  public Console console() {
    return console;
  }

  public Progress progress() {
    return console;
  }

  public boolean verbose() {
    return verbose;
  }

  /** {@code -t/--timeout}: applied to each registry and transparency-log request (spec §1.1, default 3m0s). */
  public void timeout(String goDuration) {
    java.time.Duration d = GoDuration.parse(goDuration);
    timeout = d.isZero() ? java.time.Duration.ofDays(1) : d;
  }

  /** Key backends by {@code --key} scheme: key files and {@code env://} now; KMS providers join here. */
  public dev.jcosign.adapters.SignerProviders signers() {
    if (signers == null) {
      signers = dev.jcosign.adapters.KeyBackends.all(env::get, this::closeLater);
    }
    return signers;
  }

  /** Registers a client whose threads must stop when the command ends. */
  private <T extends AutoCloseable> T closeLater(T c) {
    opened.add(c);
    return c;
  }

  /** Key passwords: {@code COSIGN_PASSWORD}, a prompt, or stdin (spec §1.2). */
  public PasswordSource passwords() {
    if (passwords == null) {
      passwords = new Passwords(env, console);
    }
    return passwords;
  }

  /**
   * A registry client configured from the REG flags and the environment (DOCKER_CONFIG, HOME, PATH,
   * COSIGN_MAX_ATTACHMENT_SIZE); HTTP exchanges are logged to stderr with --verbose.
   */
  public Registry registry(RegistryOptions opts) {
    RegistryConfig config = opts.toConfig(env).toBuilder()
        .userAgent("jcosign/" + jcosignVersion())
        .debug(verbose ? console::info : null)
        .requestTimeout(timeout)
        .connectTimeout(timeout.compareTo(java.time.Duration.ofSeconds(30)) < 0 ? timeout : java.time.Duration.ofSeconds(30))
        .build();
    HttpRegistry registry = new HttpRegistry(config);
    opened.add(registry);
    return registry;
  }

  /**
   * The transparency-log policy of a verify command (spec §4.1): {@code --trusted-root}, else
   * {@code SIGSTORE_REKOR_PUBLIC_KEY}, else a TUF-cached root under {@code TUF_ROOT} (default
   * {@code $HOME/.sigstore/root}; refreshed first when {@code TUF_MIRROR}/{@code TUF_ROOT_JSON} ask and
   * not {@code --offline}), else the embedded public-good root. Nothing is read until a log entry is
   * checked; the {@code --rekor-url} log is contacted only to search for a signature without a bundle.
   */
  public TlogPolicy tlogPolicy(TlogVerifyOptions opts) {
    String url = opts.rekorUrl();
    TlogSearch search = new TlogSearch(() -> transparencyLog(url));
    if (!opts.ignoreTlog()) {
      // read lazily, but a path that is not there is the user's mistake now, not after a log search (issue 11);
      // with --insecure-ignore-tlog the root may never be read, as in cosign
      opts.trustedRoot().filter(p -> !java.nio.file.Files.exists(p)).ifPresent(p -> {
        throw new dev.jcosign.core.error.InvalidInputException("--trusted-root " + p + ": no such file");
      });
    }
    return new TlogPolicy(TlogPolicy.mode(opts.ignoreTlog(), opts.offline()), trustMaterial(opts.trustedRoot(), opts.offline()),
        opts.useSignedTimestamps() ? TlogPolicy.Timestamps.REQUIRED : TlogPolicy.Timestamps.OPTIONAL, search);
  }

  /** A Rekor v1 client for {@code url}, bounded by {@code -t}, closed with the command (searches, uploads, policy test). */
  public dev.jcosign.core.spi.TransparencyLog transparencyLog(String url) {
    return closeLater(new RekorHttpTransparencyLog(url, timeout, RekorHttpTransparencyLog.DEFAULT_MAX_RESPONSE_BYTES,
        "jcosign/" + jcosignVersion(), verbose ? console::info : null));
  }

  /**
   * Trust material in cosign's order of precedence (spec §4.1): {@code --trusted-root}, else
   * {@code SIGSTORE_REKOR_PUBLIC_KEY}, else the TUF cache (see {@link #tufCache}), else the embedded
   * public-good root; read on first use.
   */
  private TrustMaterial trustMaterial(Optional<Path> trustedRoot, boolean offline) {
    return new TrustMaterial(new TrustMaterial.Sources(trustedRoot,
        env.get(Env.SIGSTORE_REKOR_PUBLIC_KEY).filter(s -> !s.isEmpty()).map(Path::of),
        env.get(Env.SIGSTORE_ROOT_FILE).filter(s -> !s.isEmpty()).map(Path::of), tufCache(offline)));
  }

  /**
   * The TUF cache under {@code TUF_ROOT}: read as {@code initialize} left it, or, when {@code TUF_MIRROR}
   * or {@code TUF_ROOT_JSON} ask for it, refreshed through sigstore-java's TUF client when missing or
   * expired (never with {@code --offline}). The client is created only for a refresh.
   */
  private Optional<TrustMaterial.TufCache> tufCache(boolean offline) {
    Optional<String> mirror = env.get(Env.TUF_MIRROR).filter(s -> !s.isEmpty());
    Optional<Path> dir = tufRootIfKnown();
    if (dir.isEmpty()) {
      return mirror.map(m -> () -> {
        throw new dev.jcosign.core.error.InvalidInputException("TUF_MIRROR " + m + " needs a TUF cache directory: set TUF_ROOT or HOME");
      });
    }
    return Optional.of(new TufTrustedRootCache(tufSettings(dir.get()), offline, this::tufClient, java.time.Clock.systemUTC(), console));
  }

  private TufSettings tufSettings(Path dir) {
    return new TufSettings(dir, env.get(Env.TUF_MIRROR).filter(s -> !s.isEmpty()),
        env.get(Env.TUF_ROOT_JSON).filter(s -> !s.isEmpty()).map(Path::of));
  }

  private Optional<Path> tufRootIfKnown() {
    return env.get(Env.TUF_ROOT).filter(s -> !s.isEmpty()).map(Path::of)
        .or(() -> env.get(Env.HOME).filter(s -> !s.isEmpty()).map(h -> Path.of(h, ".sigstore", "root")));
  }

  /** The TUF cache directory: {@code TUF_ROOT}, else {@code $HOME/.sigstore/root} (spec §1.3 {@code initialize}). */
  public Path tufRoot() {
    return tufRootIfKnown().orElseThrow(() -> new dev.jcosign.core.error.InvalidInputException(
        "no TUF cache directory: set TUF_ROOT or HOME"));
  }

  /**
   * {@code initialize} (spec §1.3) on sigstore-java's TUF client, requests bounded by {@code -t};
   * HTTP exchanges are logged to stderr with --verbose.
   */
  public InitializeTrust initializeTrust() {
    return new InitializeTrust(tufClient(), console);
  }

  /**
   * sigstore-java's TUF client, bounded by {@code -t}, logging exchanges with --verbose. sigstore-java is
   * loaded only here: by {@code initialize}, and by a TUF_MIRROR refresh when one is due.
   */
  private TufRepository tufClient() {
    return closeLater(new dev.jcosign.adapters.tuf.SigstoreJavaTufClient(timeout, "jcosign/" + jcosignVersion(),
        verbose ? console::info : null));
  }

  /**
   * The Rekor log and timestamp authority of a signing command (spec §6.3, §6.4, §6.7): from the URL
   * flags, or chosen from {@code --signing-config FILE} / the TUF cache's signing config
   * ({@code --use-signing-config}, the trusted root's mirror: TUF_MIRROR, else remote.json, else the
   * default) as of now. Read and checked here, before anything is signed.
   */
  public SigningServices signingServices(RekorOptions opts) {
    return signingServices(opts, false);
  }

  /** As above for a run writing Sigstore bundles (which may go to a signing config's Rekor v2 log). */
  public SigningServices signingServices(RekorOptions opts, boolean bundleOutput) {
    return new SigningServicesResolver(this::tufSigningConfig, java.time.Clock.systemUTC()).resolve(opts.toChoice(), bundleOutput);
  }

  private Path tufSigningConfig() {
    return new TufTrustedRootCache(tufSettings(tufRoot()), false, this::tufClient, java.time.Clock.systemUTC(), console).signingConfigFile();
  }

  /**
   * The transparency-log step of a signing command (spec §6.3): a Rekor v1 client for the chosen log,
   * created on first upload and closed with the command. SETs are checked with the verifiers' trust
   * material when it knows the log, else with the key the log publishes. The public-log prompt of
   * cosign v2 (spec §1.2) is asked only when the log came from {@code --rekor-url}: cosign v3 asks
   * nothing when a signing config chose it.
   */
  public TlogUploader tlogUploader(SigningServices services, boolean yes) {
    return tlogUploader(services, yes, Optional.empty());
  }

  /** As above, the SET checked against {@code --trusted-root} when the signing command has one. */
  public TlogUploader tlogUploader(SigningServices services, boolean yes, Optional<Path> trustedRoot) {
    if (services.rekorUrl().isEmpty()) {
      return TlogUploader.unavailable();
    }
    String url = services.rekorUrl().get();
    if (services.rekorVersion() == 2) {
      return new TlogUploader(() -> closeLater(new dev.jcosign.adapters.rekor.RekorV2HttpTransparencyLog(url, timeout,
          RekorHttpTransparencyLog.DEFAULT_MAX_RESPONSE_BYTES, "jcosign/" + jcosignVersion(), verbose ? console::info : null)),
          url, true, trustMaterial(trustedRoot, false), console, 2);
    }
    return new TlogUploader(() -> transparencyLog(url), url, yes || services.fromSigningConfig(),
        trustMaterial(trustedRoot, false), console);
  }

  /**
   * The RFC 3161 step of a signing command (spec §6.4): the chosen timestamp authority, contacted
   * after signing and before anything is pushed or written; off when there is none.
   */
  public Timestamper timestamper(SigningServices services) {
    return services.tsaUrl().map(url -> Timestamper.of(() -> closeLater(new HttpTimestampAuthority(url, timeout,
        HttpTimestampAuthority.DEFAULT_MAX_RESPONSE_BYTES, "jcosign/" + jcosignVersion(), verbose ? console::info : null))))
        .orElse(Timestamper.none());
  }

  /**
   * The identity token of a keyless run (keyless spec §1.2): flag, ambient providers (GitHub Actions'
   * endpoint is contacted only when its variables are set), else a one-line error.
   */
  public dev.jcosign.core.keyless.IdentityToken identityToken(dev.jcosign.cli.options.OidcOptions opts, SigningServices services,
      boolean yes) {
    String issuer = opts.oidcIssuer(services);
    return new IdentityTokens(env, () -> closeLater(new dev.jcosign.adapters.oidc.GithubActionsTokenSource(
        env.get(Env.ACTIONS_ID_TOKEN_REQUEST_URL).orElseThrow(), env.get(Env.ACTIONS_ID_TOKEN_REQUEST_TOKEN).orElseThrow(),
        timeout, "jcosign/" + jcosignVersion(), verbose ? console::info : null, console::warn)),
        () -> closeLater(new dev.jcosign.adapters.oidc.BuildkiteTokenSource(
            env.get(Env.BUILDKITE_AGENT_ENDPOINT).filter(v -> !v.isEmpty()).orElse(dev.jcosign.adapters.oidc.BuildkiteTokenSource.DEFAULT_ENDPOINT),
            env.get(Env.BUILDKITE_JOB_ID).orElseThrow(), env.get(Env.BUILDKITE_AGENT_ACCESS_TOKEN).orElseThrow(), timeout,
            "jcosign/" + jcosignVersion(), verbose ? console::info : null)),
        flow -> interactiveFlow(flow, issuer, opts), console).resolve(opts, issuer, yes);
  }

  /** The interactive OIDC flows (keyless spec §1.2 step 3); prompts go to stderr. */
  private dev.jcosign.core.spi.IdentityTokenSource interactiveFlow(String flow, String issuer, dev.jcosign.cli.options.OidcOptions opts) {
    Optional<String> secret = opts.oidcClientSecretFile().map(f -> {
      byte[] b = dev.jcosign.core.io.SmallFiles.read(f, 64 << 10, "--oidc-client-secret-file " + f);
      try {
        return java.nio.charset.StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(b)).toString().strip();
      } catch (java.nio.charset.CharacterCodingException e) {
        throw new dev.jcosign.core.error.InvalidInputException("--oidc-client-secret-file " + f + " is not UTF-8");
      }
    });
    String ua = "jcosign/" + jcosignVersion();
    java.util.function.Consumer<String> debug = verbose ? console::info : null;
    switch (flow) {
      case "device":
        return closeLater(new dev.jcosign.adapters.oidc.OidcDeviceFlow(issuer, opts.oidcClientId(), secret, timeout, ua, debug,
            console::info));
      case "client_credentials":
        return closeLater(new dev.jcosign.adapters.oidc.OidcClientCredentialsFlow(issuer, opts.oidcClientId(),
            secret.orElseThrow(() -> new dev.jcosign.core.error.InvalidInputException(
                "--fulcio-auth-flow client_credentials needs --oidc-client-secret-file")), timeout, ua, debug));
      default:
        java.time.Duration wait = env.get(Env.JCOSIGN_OIDC_CALLBACK_TIMEOUT).filter(v -> !v.isEmpty()).map(GoDuration::parse)
            .orElse(java.time.Duration.ofSeconds(120));
        return closeLater(new dev.jcosign.adapters.oidc.OidcBrowserFlow(issuer, opts.oidcClientId(), secret, opts.oidcRedirectUrl(),
            timeout, wait, ua, debug, console::info, this::openBrowser, console::readLine));
    }
  }

  /**
   * Opens a URL in the user's browser: {@code JCOSIGN_BROWSER} (a command given the URL) when set, else
   * {@code xdg-open} or {@code open}; false when none starts, so the browser flow falls back to pasting the code.
   */
  private boolean openBrowser(String url) {
    List<String> candidates = env.get(Env.JCOSIGN_BROWSER).filter(v -> !v.isBlank()).map(List::of)
        .orElse(List.of("xdg-open", "open"));
    for (String cmd : candidates) {
      try {
        new ProcessBuilder(cmd, url).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        return true;
      } catch (java.io.IOException e) {
        // not installed: try the next one
      }
    }
    return false;
  }

  /**
   * What a keyless signing command signs with (keyless spec §1.1): an ephemeral key of
   * {@code --signing-algorithm}, or with {@code --key ... --issue-certificate} that key, and the Fulcio
   * certificate for the token's identity.
   */
  public dev.jcosign.core.keyless.KeylessIdentity keylessIdentity(Optional<dev.jcosign.core.spi.KeyRef> key,
      dev.jcosign.cli.options.OidcOptions oidc, SigningServices services, boolean yes) {
    java.util.function.Supplier<dev.jcosign.core.keyless.IdentityToken> tokens = () -> identityToken(oidc, services, yes);
    java.util.function.Supplier<dev.jcosign.core.spi.CertificateAuthority> ca = () -> certificateAuthority(oidc.fulcioUrl(services));
    if (key.isPresent()) {
      return dev.jcosign.core.keyless.KeylessIdentity.certify(signers().signer(key.get(), passwords()), tokens, ca, console);
    }
    return dev.jcosign.core.keyless.KeylessIdentity.obtain(tokens, ca, console, oidc.signingAlgorithm());
  }

  /** Fulcio at {@code url} (keyless spec §1.3), requests bounded by {@code -t}. */
  public dev.jcosign.core.spi.CertificateAuthority certificateAuthority(String url) {
    return closeLater(new dev.jcosign.adapters.fulcio.FulcioHttpCertificateAuthority(url, timeout, "jcosign/" + jcosignVersion(),
        verbose ? console::info : null));
  }

  /**
   * The trusted root a signing command checks its own output against (keyless spec §1.1 steps 3, 5e):
   * {@code --trusted-root}, else the verifiers' order (TUF cache, embedded public-good root).
   */
  public dev.jcosign.core.tlog.TrustedRoot signingTrustedRoot(Optional<Path> trustedRoot) {
    return trustMaterial(trustedRoot, false).trustedRoot();
  }

  /** An OCI image layout directory used as a registry (one layout = one repository). */
  public ImageLayout layout(Path dir) {
    return new OciLayoutRegistry(dir, RegistryConfig.DEFAULT_MAX_MANIFEST_BYTES, RegistryOptions.maxAttachmentSize(env));
  }

  private static String jcosignVersion() {
    String v = BuildStamp.VERSION;
    return v.isBlank() || v.startsWith("${") ? "devel" : v;
  }

  @Override
  public void close() {
    for (AutoCloseable c : opened) {
      try {
        c.close();
      } catch (Exception e) {
        // closing only frees threads early; the process is about to end anyway
      }
    }
    console.closeOut();
  }
}
