package dev.jcosign.cli.options;

import dev.jcosign.core.tlog.TlogUploader;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The transparency-log part of cosign's VCOMMON flags (spec §1.3) shared by {@code verify},
 * {@code verify-attestation} and {@code verify-blob}. Log entries are checked offline against the
 * trusted root (spec §4.1); a signature without a bundle is looked up in the {@code --rekor-url} log
 * unless {@code --offline} (spec §4.4 step 3).
 */
public final class TlogVerifyOptions {
  @Option(names = "--insecure-ignore-tlog", arity = "0..1", fallbackValue = "true", defaultValue = "false",
      description = "accept signatures without checking the transparency log (insecure)")
  boolean ignoreTlog;

  @Option(names = "--trusted-root", paramLabel = "FILE",
      description = "trusted_root.json with the transparency log keys (default: TUF cache or the embedded public-good root)")
  Path trustedRoot;

  @Option(names = "--offline", arity = "0..1", fallbackValue = "true", defaultValue = "false",
      description = "only verify offline: never search the transparency log for signatures without a bundle")
  boolean offline;

  @Option(names = "--rekor-url", paramLabel = "URL", defaultValue = TlogUploader.PUBLIC_REKOR,
      description = "transparency log searched for signatures that carry no bundle (default: ${DEFAULT-VALUE})")
  String rekorUrl;

  @Option(names = "--use-signed-timestamps", arity = "0..1", fallbackValue = "true", defaultValue = "false",
      description = "require an RFC 3161 timestamp from a timestamp authority of the trusted root")
  boolean useSignedTimestamps;

  public boolean useSignedTimestamps() {
    return useSignedTimestamps;
  }

  public boolean ignoreTlog() {
    return ignoreTlog;
  }

  public String rekorUrl() {
    return rekorUrl;
  }

  public boolean offline() {
    return offline;
  }

  public Optional<Path> trustedRoot() {
    return Optional.ofNullable(trustedRoot);
  }
}
