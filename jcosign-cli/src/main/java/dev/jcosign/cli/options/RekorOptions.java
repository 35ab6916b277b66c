package dev.jcosign.cli.options;

import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.signingconfig.ServiceChoice;
import dev.jcosign.core.tlog.TlogUploader;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The service flags of the signing commands: cosign's "Rekor/TSA (signing)" group (spec §1.3):
 * {@code --rekor-url}, {@code --tlog-upload}, {@code --timestamp-server-url} (spec §6.4); and its "SC"
 * group (spec §6.7): {@code --signing-config FILE} and {@code --use-signing-config}, which take the
 * Rekor log and the timestamp authority from a signing config instead. Each is also read from
 * {@code COSIGN_<FLAG>}. {@code --use-signing-config} defaults to false, as in cosign v2.
 */
public final class RekorOptions {
  @Spec(Spec.Target.MIXEE) CommandSpec mixee;

  @Option(names = "--rekor-url", paramLabel = "URL", defaultValue = TlogUploader.PUBLIC_REKOR,
      description = "address of the Rekor transparency log (default: ${DEFAULT-VALUE})")
  String rekorUrl;

  @Option(names = "--tlog-upload", arity = "0..1", fallbackValue = "true", defaultValue = "true",
      description = "log the signature in the transparency log before storing it (default: ${DEFAULT-VALUE})")
  boolean tlogUpload;

  @Option(names = "--timestamp-server-url", paramLabel = "URL",
      description = "RFC 3161 timestamp authority to timestamp the signature with, e.g. https://timestamp.sigstore.dev/api/v1/timestamp")
  String timestampServerUrl;

  @Option(names = "--signing-config", paramLabel = "FILE",
      description = "signing config (signing_config.v0.2.json) naming the Rekor log and timestamp authority to use, "
          + "instead of --rekor-url and --timestamp-server-url")
  String signingConfig;

  @Option(names = "--use-signing-config", arity = "0..1", fallbackValue = "true", defaultValue = "false",
      description = "use the signing config of the TUF cache (jcosign initialize) for the Rekor log and timestamp authority "
          + "(default: ${DEFAULT-VALUE})")
  boolean useSigningConfig;

  public Optional<String> timestampServerUrl() {
    return Optional.ofNullable(timestampServerUrl).filter(s -> !s.isBlank());
  }

  public String rekorUrl() {
    return rekorUrl;
  }

  public boolean tlogUpload() {
    return tlogUpload;
  }

  /**
   * Where the services come from, with cosign v3's rules (spec §6.7): the two signing-config flags
   * exclude each other when both are on the command line (from the environment, the file wins, as
   * cosign's {@code --signing-config} wins over its default {@code --use-signing-config=true}); a signing
   * config excludes service URLs other than the defaults and {@code --tlog-upload=false}.
   */
  public ServiceChoice toChoice() {
    Optional<Path> file = Optional.ofNullable(signingConfig).filter(s -> !s.isEmpty()).map(Path::of);
    if (given("--signing-config") && given("--use-signing-config")) {
      throw new InvalidInputException("--signing-config and --use-signing-config cannot be used together: "
          + "give --signing-config FILE, or --use-signing-config for the signing config of the TUF cache");
    }
    if (file.isEmpty() && !useSigningConfig) {
      return new ServiceChoice.Urls(rekorUrl, tlogUpload, timestampServerUrl());
    }
    if (rekorUrl != null && !rekorUrl.isEmpty() && !rekorUrl.equals(TlogUploader.PUBLIC_REKOR) || timestampServerUrl().isPresent()) {
      throw new InvalidInputException("cannot specify service URLs and use signing config: "
          + "drop --rekor-url and --timestamp-server-url, the signing config names the services");
    }
    if (!tlogUpload) {
      throw new InvalidInputException("--tlog-upload=false is not supported with --signing-config or --use-signing-config: "
          + "to sign without the transparency log, pass --signing-config with a signing config that has no rekorTlogUrls");
    }
    return file.<ServiceChoice>map(ServiceChoice.ConfigFile::new).orElseGet(ServiceChoice.TufConfig::new);
  }

  /** Whether {@code option} is on the command line itself (not from {@code COSIGN_<FLAG>}). */
  private boolean given(String option) {
    return mixee != null && mixee.commandLine() != null && mixee.commandLine().getParseResult() != null
        && mixee.commandLine().getParseResult().hasMatchedOption(option);
  }
}
