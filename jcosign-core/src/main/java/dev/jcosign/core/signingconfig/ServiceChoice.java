package dev.jcosign.core.signingconfig;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a signing command takes its Rekor log and timestamp authority from (spec §1.3 "Rekor/TSA" and
 * "SC" flag groups, §6.7): the service URL flags (cosign v2's way, jcosign's default), a signing config
 * file ({@code --signing-config}), or the signing config in the TUF cache ({@code --use-signing-config}).
 */
public sealed interface ServiceChoice {
  /**
   * {@code --rekor-url}, {@code --tlog-upload}, {@code --timestamp-server-url}.
   *
   * @param tsaUrl empty when no timestamp is wanted
   */
  record Urls(String rekorUrl, boolean tlogUpload, Optional<String> tsaUrl) implements ServiceChoice {
    public Urls {
      Objects.requireNonNull(rekorUrl, "rekorUrl");
      Objects.requireNonNull(tsaUrl, "tsaUrl");
    }
  }

  /** {@code --signing-config FILE}. */
  record ConfigFile(Path file) implements ServiceChoice {
    public ConfigFile {
      Objects.requireNonNull(file, "file");
    }
  }

  /** {@code --use-signing-config}: {@code signing_config.v0.2.json} of the TUF cache's mirror. */
  record TufConfig() implements ServiceChoice {}
}
