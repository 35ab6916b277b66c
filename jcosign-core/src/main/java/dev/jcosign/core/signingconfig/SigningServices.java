package dev.jcosign.core.signingconfig;

import java.util.Objects;
import java.util.Optional;

/**
 * The services one signing run uses, once chosen ({@link SigningServicesResolver}): at most one Rekor
 * log (spec §6.3) and one timestamp authority (spec §6.4).
 *
 * @param rekorUrl the log to upload to; empty = no transparency log upload
 * @param tsaUrl the RFC 3161 authority to ask; empty = no timestamp
 * @param signingConfig the signing config they were chosen from, for messages; empty when they came
 *     from the URL flags
 * @param caUrl the Fulcio a signing config names (keyless spec §1.1 step 4); empty = {@code --fulcio-url}
 * @param oidcUrl the OIDC issuer a signing config names; empty = {@code --oidc-issuer}
 * @param rekorVersion the Rekor API major version of {@code rekorUrl}: 1, or 2 (tile-backed logs, bundle outputs only)
 */
public record SigningServices(Optional<String> rekorUrl, Optional<String> tsaUrl, Optional<String> signingConfig,
    Optional<String> caUrl, Optional<String> oidcUrl, int rekorVersion) {
  /** Services without a certificate authority or OIDC issuer of their own. */
  public SigningServices(Optional<String> rekorUrl, Optional<String> tsaUrl, Optional<String> signingConfig) {
    this(rekorUrl, tsaUrl, signingConfig, Optional.empty(), Optional.empty(), 1);
  }

  public SigningServices {
    Objects.requireNonNull(caUrl, "caUrl");
    Objects.requireNonNull(oidcUrl, "oidcUrl");
    Objects.requireNonNull(rekorUrl, "rekorUrl");
    Objects.requireNonNull(tsaUrl, "tsaUrl");
    Objects.requireNonNull(signingConfig, "signingConfig");
  }

  public boolean tlogUpload() {
    return rekorUrl.isPresent();
  }

  /**
   * Whether a signing config chose them. cosign v3 then asks nothing before uploading to the public
   * log (spec §1.2): the prompt belongs to the URL-flag path.
   */
  public boolean fromSigningConfig() {
    return signingConfig.isPresent();
  }
}
