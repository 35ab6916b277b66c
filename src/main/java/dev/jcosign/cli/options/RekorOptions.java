package dev.jcosign.cli.options;

import dev.jcosign.core.tlog.TlogUploader;
import picocli.CommandLine.Option;

/**
 * The Rekor flags of the signing commands (spec §1.3 "Rekor/TSA (signing)"): {@code --rekor-url}
 * and {@code --tlog-upload}; also read from {@code COSIGN_REKOR_URL} / {@code COSIGN_TLOG_UPLOAD}.
 * {@code --timestamp-server-url} (spec §6.4) lives here too: it is the other signing-time witness.
 */
public final class RekorOptions {
  @Option(names = "--rekor-url", paramLabel = "URL", defaultValue = TlogUploader.PUBLIC_REKOR,
      description = "address of the Rekor transparency log (default: ${DEFAULT-VALUE})")
  String rekorUrl;

  @Option(names = "--tlog-upload", arity = "0..1", fallbackValue = "true", defaultValue = "true",
      description = "log the signature in the transparency log before storing it (default: ${DEFAULT-VALUE})")
  boolean tlogUpload;

  @Option(names = "--timestamp-server-url", paramLabel = "URL",
      description = "RFC 3161 timestamp authority to timestamp the signature with, e.g. https://timestamp.sigstore.dev/api/v1/timestamp")
  String timestampServerUrl;

  public java.util.Optional<String> timestampServerUrl() {
    return java.util.Optional.ofNullable(timestampServerUrl).filter(s -> !s.isBlank());
  }

  public String rekorUrl() {
    return rekorUrl;
  }

  public boolean tlogUpload() {
    return tlogUpload;
  }
}
