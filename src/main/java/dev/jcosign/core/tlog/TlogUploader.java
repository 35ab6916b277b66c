package dev.jcosign.core.tlog;

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
import java.util.Optional;
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
  private final Optional<TrustedRoot> trustedRoot;
  private final Progress progress;
  private TransparencyLog log;
  private TrustedRoot logRoot;
  private boolean confirmed;

  /**
   * @param logs creates the log client (lazily: no network before the first upload)
   * @param url the {@code --rekor-url}, for the public-instance prompt
   * @param skipConfirmation {@code -y/--yes} or {@code COSIGN_YES}
   * @param trustedRoot the log keys to check SETs with; empty = ask the log for its key (see {@link #root})
   */
  public TlogUploader(Supplier<TransparencyLog> logs, String url, boolean skipConfirmation,
      Optional<TrustedRoot> trustedRoot, Progress progress) {
    this.logs = logs;
    this.url = url;
    this.skipConfirmation = skipConfirmation;
    this.trustedRoot = trustedRoot;
    this.progress = progress;
  }

  /** An uploader for callers wired without a log: refuses, naming the way out. */
  public static TlogUploader unavailable() {
    return new TlogUploader(() -> {
      throw new TransparencyLogException("no transparency log configured; pass --tlog-upload=false to sign without it");
    }, "", true, Optional.empty(), Progress.SILENT);
  }

  /**
   * Uploads {@code entry} and returns the logged entry once its SET verifies and, for
   * {@code hashedrekord}, its body is the one proposed (Rekor stores that kind as sent).
   */
  public LoggedEntry upload(ProposedEntry entry) {
    confirmPublic();
    if (log == null) {
      log = logs.get();
    }
    LoggedEntry logged = log.create(entry);
    if (!logged.kind().equals(entry.kind()) || !logged.apiVersion().equals(entry.apiVersion())) {
      throw new TransparencyLogException("transparency log at " + log.url() + " logged a " + logged.kind() + " "
          + logged.apiVersion() + " entry for a " + entry.kind() + " " + entry.apiVersion() + " proposal");
    }
    if (entry.kind().equals("hashedrekord")
        && !Json.parse(entry.json(), "proposed entry").equals(Json.parse(logged.entry().canonicalBody(), "entry body"))) {
      throw new TransparencyLogException("transparency log at " + log.url() + " logged a different body than proposed");
    }
    try {
      SignedEntryTimestamp.verify(logged.entry(), root());
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
   * The trust for SETs. cosign checks them with the log key of its trusted root; until trusted-root
   * selection reaches signing, a caller without one gets the key the log itself publishes
   * ({@code GET /api/v1/log/publicKey}): this proves the answer is intact and signed by that log, not
   * that the log is one the verifier will trust.
   */
  private TrustedRoot root() {
    if (trustedRoot.isPresent()) {
      return trustedRoot.get();
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
