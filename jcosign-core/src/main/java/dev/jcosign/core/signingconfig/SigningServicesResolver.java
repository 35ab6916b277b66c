package dev.jcosign.core.signingconfig;

import dev.jcosign.core.io.SmallFiles;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Turns a {@link ServiceChoice} into the {@link SigningServices} of one signing run (spec §6.7): the
 * URL flags are taken as they are; a signing config is read (from its file or the TUF cache), checked
 * and narrowed to one Rekor v1 log and one timestamp authority ({@link ServiceSelection}). Everything
 * is read and checked before the command signs anything, so a bad config leaves nothing behind.
 */
public final class SigningServicesResolver {
  private static final long MAX_BYTES = 1L << 20;

  private final Supplier<Path> tufSigningConfig;
  private final Clock clock;

  /**
   * @param tufSigningConfig the TUF cache's {@code signing_config.v0.2.json} (refreshed first where the
   *     cache does that); throws a {@code CosignException} naming what is missing when there is none.
   *     Called only for {@link ServiceChoice.TufConfig}.
   * @param clock "now" for the services' validity windows
   */
  public SigningServicesResolver(Supplier<Path> tufSigningConfig, Clock clock) {
    this.tufSigningConfig = tufSigningConfig;
    this.clock = clock;
  }

  public SigningServices resolve(ServiceChoice choice) {
    return resolve(choice, false);
  }

  /**
   * As above; {@code bundleOutput}: the run writes Sigstore bundles, which can carry a Rekor v2 entry, so a
   * v2 log of the config is preferred (cosign v3); the legacy outputs need a v1 log's SET.
   */
  public SigningServices resolve(ServiceChoice choice, boolean bundleOutput) {
    if (choice instanceof ServiceChoice.Urls u) {
      return new SigningServices(u.tlogUpload() ? Optional.of(u.rekorUrl()) : Optional.empty(), u.tsaUrl(), Optional.empty());
    }
    Path file;
    String what;
    if (choice instanceof ServiceChoice.ConfigFile f) {
      file = f.file();
      what = "signing config " + file;
    } else {
      file = tufSigningConfig.get();
      what = "signing config " + file + " (TUF cache)";
    }
    SigningConfig config = SigningConfig.parse(SmallFiles.read(file, MAX_BYTES, what), what);
    Instant now = clock.instant();
    Optional<String> tsa = ServiceSelection.tsa(config, now, what);
    Optional<String> ca = ServiceSelection.ca(config, now, what);
    Optional<String> oidc = ServiceSelection.oidc(config, now, what);
    if (bundleOutput) {
      Optional<SigningConfig.Service> rekor = ServiceSelection.rekorForBundles(config, now, what);
      int version = rekor.map(r -> (int) r.majorApiVersion()).orElse(1);
      if (version == 2 && tsa.isEmpty()) {
        // a v2 entry has no integrated time: a timestamp is what verifiers check the signature's time against
        throw new dev.jcosign.core.error.InvalidInputException(what + ": a timestamp authority must be provided to request "
            + "a short-lived certificate that will be logged to Rekor (the config's Rekor v2 log gives no integrated time; add tsaUrls)");
      }
      return new SigningServices(rekor.map(SigningConfig.Service::url), tsa, Optional.of(what), ca, oidc, version);
    }
    return new SigningServices(ServiceSelection.rekor(config, now, what), tsa, Optional.of(what), ca, oidc, 1);
  }
}
