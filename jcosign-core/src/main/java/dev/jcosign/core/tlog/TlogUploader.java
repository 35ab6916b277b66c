package dev.jcosign.core.tlog;

import dev.jcosign.core.rekor.LoggedEntry;
import dev.jcosign.core.rekor.ProposedEntry;
import dev.jcosign.core.rekor.TlogEntry;

import dev.jcosign.core.error.TransparencyLogException;
import dev.jcosign.core.error.VerificationException;
import dev.jcosign.core.json.Json;
import dev.jcosign.core.keys.PublicKeys;
import dev.jcosign.core.spi.Progress;
import dev.jcosign.core.spi.TransparencyLog;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Uploads a signature to the transparency log before anything is pushed or written (spec §6.3), and
 * only trusts the answer once its SET verifies. Signing use cases call {@link #upload} once per
 * signature; the log client is created on first use.
 */
public final class TlogUploader {
  /** cosign's default {@code --rekor-url} (spec §1.3). */
  public static final String PUBLIC_REKOR = "https://rekor.sigstore.dev";

  private final Supplier<TransparencyLog> logs;
  private final String url;
  private final boolean skipConfirmation;
  private final TrustMaterial trust;
  private final Progress progress;
  private final int apiVersion;
  private TransparencyLog log;
  private TrustedRoot logRoot;
  private boolean confirmed;

  /**
   * @param logs creates the log client (lazily: no network before the first upload)
   * @param url the {@code --rekor-url}, for the public-instance prompt
   * @param skipConfirmation {@code -y/--yes} or {@code COSIGN_YES}
   * @param trust the verifiers' trust material (spec §4.1): SETs of logs it knows are checked with its keys
   *     (see {@link #rootFor})
   */
  public TlogUploader(Supplier<TransparencyLog> logs, String url, boolean skipConfirmation,
      TrustMaterial trust, Progress progress) {
    this(logs, url, skipConfirmation, trust, progress, 1);
  }

  /** As above for a log of Rekor API major version {@code apiVersion} (1, or 2 for a tile-backed log). */
  public TlogUploader(Supplier<TransparencyLog> logs, String url, boolean skipConfirmation,
      TrustMaterial trust, Progress progress, int apiVersion) {
    this.apiVersion = apiVersion;
    this.logs = logs;
    this.url = url;
    this.skipConfirmation = skipConfirmation;
    this.trust = trust;
    this.progress = progress;
  }

  /** An uploader for callers wired without a log: refuses, naming the way out. */
  public static TlogUploader unavailable() {
    return new TlogUploader(() -> {
      throw new TransparencyLogException("no transparency log configured; pass --tlog-upload=false to sign without it");
    }, "", true, new TrustMaterial(TrustMaterial.Sources.embeddedOnly()), Progress.SILENT);
  }

  /**
   * True for a Rekor v2 log: callers propose {@code hashedrekord} v0.0.2 entries, which only Sigstore
   * bundles can carry (the legacy formats hold a SET, which v2 logs do not give).
   */
  public boolean v2() {
    return apiVersion == 2;
  }

  /**
   * Uploads {@code entry} and returns the logged entry once its SET verifies and, for
   * {@code hashedrekord}, its body is the one proposed (Rekor stores that kind as sent).
   */
  public LoggedEntry upload(ProposedEntry entry) {
    confirmPublic();
    // the trust material first: an unreadable SIGSTORE_REKOR_PUBLIC_KEY or TUF cache is reported before
    // anything is logged, not after (the answer is checked with it, see rootFor)
    TrustedRoot trusted = trust.trustedRoot();
    if (log == null) {
      log = logs.get();
    }
    LoggedEntry logged = log.create(entry);
    if (!logged.kind().equals(entry.kind()) || !logged.apiVersion().equals(entry.apiVersion())) {
      throw new TransparencyLogException("transparency log at " + log.url() + " logged a " + logged.kind() + " "
          + logged.apiVersion() + " entry for a " + entry.kind() + " " + entry.apiVersion() + " proposal");
    }
    if (entry.apiVersion().equals("0.0.2")) {
      return checkedV2(logged, trusted);
    }
    if (entry.kind().equals("hashedrekord")
        && !Json.parse(entry.json(), "proposed entry").equals(Json.parse(logged.entry().canonicalBody(), "entry body"))) {
      throw new TransparencyLogException("transparency log at " + log.url() + " logged a different body than proposed");
    }
    try {
      SignedEntryTimestamp.verify(logged.entry(), rootFor(logged.entry(), trusted));
    } catch (VerificationException e) {
      throw new TransparencyLogException("transparency log response from " + log.url() + " rejected: " + e.getMessage(), e);
    }
    progress.info("tlog entry created with index: " + logged.entry().logIndex());
    return logged;
  }

  /**
   * A Rekor v2 answer has no SET: its inclusion proof and checkpoint are checked with the trusted root's
   * key for the log, which must therefore be there (a v2 log publishes no key to fall back on).
   */
  private LoggedEntry checkedV2(LoggedEntry logged, TrustedRoot trusted) {
    TransparencyLogInstance known = trusted.tlog(logged.entry().logId()).orElseThrow(() -> new TransparencyLogException(
        "transparency log " + log.url() + " (Rekor v2, log ID " + logged.entry().logIdHex() + ") is not in the trusted root ("
            + trust.origin() + "): its answers can only be checked with that root's key; give --trusted-root"));
    try {
      TlogEntryVerifier.verifyProof(logged.entry(), known);
    } catch (VerificationException e) {
      throw new TransparencyLogException("transparency log response from " + log.url() + " rejected: " + e.getMessage(), e);
    }
    progress.info("tlog entry created with index: " + logged.entry().logIndex());
    return logged;
  }

  /**
   * [v2] key-based signing to the PUBLIC Rekor asks first unless {@code -y} (spec §1.2); without a
   * terminal the answer is read from stdin, and none means "user declined the prompt", as cosign.
   */
  private void confirmPublic() {
    if (confirmed || skipConfirmation || !isPublic(url)) {
      return;
    }
    progress.confirm("The signature (and the public key) will be uploaded to the public transparency log at " + url
        + ".\nEntries there are public and permanent: they cannot be removed later.");
    confirmed = true;
  }

  static boolean isPublic(String url) {
    try {
      String host = URI.create(url).getHost();
      return host != null && host.toLowerCase(Locale.ROOT).equals(URI.create(PUBLIC_REKOR).getHost());
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * The trust for a response's SET. A log the verifiers' trusted root knows (by log ID) is checked with
   * that root's key, so a signature that would later fail verification fails now, before anything is
   * pushed. Any other log (a private {@code --rekor-url}) is checked with the key it publishes
   * ({@code GET /api/v1/log/publicKey}) — proof that the answer is intact and signed by that log — and
   * a warning says verifiers will need that key, as they do not trust the log by default.
   */
  private TrustedRoot rootFor(TlogEntry entry, TrustedRoot trusted) {
    if (trusted.tlog(entry.logId()).isPresent()) {
      return trusted;
    }
    if (logRoot == null) {
      PublicKey key;
      try {
        key = PublicKeys.fromPem(log.publicKeyPem());
      } catch (RuntimeException e) {
        throw new TransparencyLogException("transparency log at " + log.url() + " published an unreadable public key: "
            + e.getMessage(), e);
      }
      byte[] spki = key.getEncoded();
      TransparencyLogInstance one = new TransparencyLogInstance(log.url(), "SHA2_256", sha256(spki), spki,
          "PKIX_" + key.getAlgorithm(), ValidityPeriod.ALWAYS);
      logRoot = new TrustedRoot(TrustedRoot.MEDIA_TYPES.iterator().next(), List.of(one), List.of(), List.of(), List.of());
      progress.warn("transparency log " + log.url() + " (log ID " + entry.logIdHex() + ") is not in the trusted root ("
          + trust.origin() + "); verifiers need its key: --trusted-root or SIGSTORE_REKOR_PUBLIC_KEY");
    }
    return logRoot;
  }

  private static byte[] sha256(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(b);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
