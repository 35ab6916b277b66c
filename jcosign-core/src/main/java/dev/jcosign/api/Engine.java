package dev.jcosign.api;

import dev.jcosign.adapters.KeyBackends;
import dev.jcosign.adapters.SignerProviders;
import dev.jcosign.adapters.fulcio.FulcioHttpCertificateAuthority;
import dev.jcosign.adapters.oidc.GithubActionsTokenSource;
import dev.jcosign.adapters.registry.CredentialFiles;
import dev.jcosign.adapters.registry.HttpRegistry;
import dev.jcosign.adapters.registry.RegistryConfig;
import dev.jcosign.adapters.rekor.RekorHttpTransparencyLog;
import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.keyless.CertificatePolicy;
import dev.jcosign.core.keyless.IdentityPolicy;
import dev.jcosign.core.keyless.IdentityToken;
import dev.jcosign.core.keyless.KeylessIdentity;
import dev.jcosign.core.spi.KeyRef;
import dev.jcosign.core.spi.Progress;
import dev.jcosign.core.spi.Registry;
import dev.jcosign.core.spi.Signer;
import dev.jcosign.core.tlog.TlogPolicy;
import dev.jcosign.core.tlog.TlogSearch;
import dev.jcosign.core.tlog.TlogUploader;
import dev.jcosign.core.tlog.TrustMaterial;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The API's composition root (style §8), as {@code cli.Wiring} is the command line's: it builds the same
 * adapters from a {@link CosignBuilder}'s settings instead of flags. Clients are created on first use
 * and closed with the {@link Cosign}.
 */
final class Engine implements AutoCloseable {
  private final Cosign.Settings s;
  private final List<AutoCloseable> opened = new ArrayList<>();
  private SignerProviders signers;
  private HttpRegistry registry;

  Engine(Cosign.Settings settings) {
    this.s = settings;
  }

  Progress progress() {
    return s.progress();
  }

  synchronized Registry registry() {
    if (registry == null) {
      RegistryConfig.Builder b = RegistryConfig.builder()
          .allowHttp(s.allowHttpRegistry())
          .allowInsecure(s.allowInsecureRegistry())
          .dockerConfigDir(s.dockerConfig().orElseGet(() -> CredentialFiles.dockerConfigDir(name -> Optional.ofNullable(s.environment().get(name)))))
          .environment(s.environment())
          .userAgent(s.userAgent())
          .requestTimeout(s.timeout())
          .connectTimeout(s.timeout().compareTo(java.time.Duration.ofSeconds(30)) < 0 ? s.timeout() : java.time.Duration.ofSeconds(30));
      s.registryUsername().ifPresent(u -> b.basicAuth(u, new String(s.registryPassword().orElse(new char[0]))));
      registry = new HttpRegistry(b.build());
      opened.add(registry);
    }
    return registry;
  }

  private synchronized SignerProviders signers() {
    if (signers == null) {
      signers = KeyBackends.all(name -> Optional.ofNullable(s.environment().get(name)), this::closeLater);
    }
    return signers;
  }

  private synchronized void closeLater(AutoCloseable c) {
    opened.add(c);
  }

  /** The key signer of {@link CosignBuilder#key(String)}; the password, if the key file needs one, from the builder. */
  Signer signer() {
    KeyRef ref = s.key().orElseThrow(() -> new InvalidInputException("no key: call key(...) or keyless(...) on the builder"));
    return signers().signer(ref, confirm -> s.password().map(char[]::clone)
        .orElseThrow(() -> new InvalidInputException("the key " + ref + " is encrypted: give its password to key(path, password)")));
  }

  /** The public key verification uses: the builder's key reference (a public key file or a KMS URI). */
  Optional<PublicKey> publicKey() {
    return s.key().map(ref -> signers().publicKey(ref));
  }

  /** The keyless policy of a verification without a key (keyless spec §1.7-1.8). */
  Optional<CertificatePolicy> certificatePolicy() {
    if (s.key().isPresent()) {
      return Optional.empty();
    }
    IdentityPolicy id = new IdentityPolicy(s.certificateIdentity(), s.certificateIdentityRegexp(), s.certificateOidcIssuer(),
        s.certificateOidcIssuerRegexp(), IdentityPolicy.GithubClaims.NONE).requireComplete();
    return Optional.of(new CertificatePolicy(id, false, false));
  }

  boolean keyless() {
    return s.key().isEmpty() && s.identityToken().isPresent();
  }

  /** An ephemeral key and a Fulcio certificate for the builder's identity token (keyless spec §1.1, §1.3). */
  KeylessIdentity keylessIdentity() {
    IdentityToken token = IdentityToken.parse(identityToken(), "the identity token");
    FulcioHttpCertificateAuthority ca = new FulcioHttpCertificateAuthority(s.fulcioUrl(), s.timeout(), s.userAgent(), null);
    closeLater(ca);
    return KeylessIdentity.obtain(token, ca, s.progress());
  }

  /** The builder's token, or the environment's (keyless spec §1.2: SIGSTORE_ID_TOKEN, then GitHub Actions). */
  private String identityToken() {
    String given = s.identityToken().orElseThrow();
    if (!given.equals(CosignBuilder.FROM_ENVIRONMENT)) {
      return given;
    }
    Map<String, String> env = s.environment();
    String token = env.get("SIGSTORE_ID_TOKEN");
    if (token != null && !token.isBlank()) {
      return token.strip();
    }
    String url = env.get("ACTIONS_ID_TOKEN_REQUEST_URL");
    String bearer = env.get("ACTIONS_ID_TOKEN_REQUEST_TOKEN");
    if (url != null && !url.isEmpty() && bearer != null && !bearer.isEmpty()) {
      GithubActionsTokenSource gh = new GithubActionsTokenSource(url, bearer, s.timeout(), s.userAgent(), null, s.progress()::warn);
      closeLater(gh);
      return gh.token();
    }
    throw new InvalidInputException("no identity token for keyless signing: set SIGSTORE_ID_TOKEN, run in GitHub Actions "
        + "with \"permissions: id-token: write\", or give a key");
  }

  TrustMaterial trust() {
    return new TrustMaterial(new TrustMaterial.Sources(s.trustedRoot(), Optional.empty(), Optional.empty(), Optional.empty()));
  }

  /** Rekor for signing, or none with {@code tlogUpload(false)} (spec §6.3); never prompts. */
  TlogUploader tlogUploader() {
    if (!s.tlogUpload()) {
      return TlogUploader.unavailable();
    }
    return new TlogUploader(this::rekor, s.rekorUrl(), true, trust(), s.progress());
  }

  /** The transparency-log checks of a verification (spec §4.1): the builder's trusted root, or the embedded one. */
  TlogPolicy tlogPolicy() {
    TlogSearch search = new TlogSearch(this::rekor);
    return new TlogPolicy(TlogPolicy.mode(s.ignoreTlog(), s.offline()), trust(), TlogPolicy.Timestamps.OPTIONAL, search);
  }

  /** The builder's Rekor, closed with the {@link Cosign}. */
  private RekorHttpTransparencyLog rekor() {
    RekorHttpTransparencyLog log = new RekorHttpTransparencyLog(s.rekorUrl(), s.timeout(),
        RekorHttpTransparencyLog.DEFAULT_MAX_RESPONSE_BYTES, s.userAgent(), null);
    closeLater(log);
    return log;
  }

  @Override
  public synchronized void close() {
    for (AutoCloseable c : opened) {
      try {
        c.close();
      } catch (Exception e) {
        // only frees threads early
      }
    }
    opened.clear();
  }
}
