package dev.jcosign.cli.options;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The transparency-log part of cosign's VCOMMON flags (spec §1.3) shared by {@code verify},
 * {@code verify-attestation} and {@code verify-blob}. Log entries are checked offline against the
 * trusted root (spec §4.1); online search is not implemented, so {@code --rekor-url} is accepted only.
 */
public final class TlogVerifyOptions {
  @Option(names = "--insecure-ignore-tlog", arity = "0..1", fallbackValue = "true", defaultValue = "false",
      description = "accept signatures without checking the transparency log (insecure)")
  boolean ignoreTlog;

  @Option(names = "--trusted-root", paramLabel = "FILE",
      description = "trusted_root.json with the transparency log keys (default: TUF cache or the embedded public-good root)")
  Path trustedRoot;

  @Option(names = "--offline", arity = "0..1", fallbackValue = "true", defaultValue = "false", hidden = true,
      description = "only verify offline; jcosign never searches a transparency log online anyway")
  boolean offline;

  @Option(names = "--rekor-url", paramLabel = "URL", defaultValue = "https://rekor.sigstore.dev", hidden = true,
      description = "accepted for cosign compatibility: online log search is not implemented")
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

  public boolean offline() {
    return offline;
  }

  public Optional<Path> trustedRoot() {
    return Optional.ofNullable(trustedRoot);
  }
}
