package dev.jcosign.cli.options;

import dev.jcosign.core.tlog.TlogUploader;
import picocli.CommandLine.Option;

/**
 * The Rekor flags of the signing commands (spec §1.3 "Rekor/TSA (signing)"): {@code --rekor-url}
 * and {@code --tlog-upload}; also read from {@code COSIGN_REKOR_URL} / {@code COSIGN_TLOG_UPLOAD}.
 */
public final class RekorOptions {
  @Option(names = "--rekor-url", paramLabel = "URL", defaultValue = TlogUploader.PUBLIC_REKOR,
      description = "address of the Rekor transparency log (default: ${DEFAULT-VALUE})")
  String rekorUrl;

  @Option(names = "--tlog-upload", arity = "0..1", fallbackValue = "true", defaultValue = "true",
      description = "log the signature in the transparency log before storing it (default: ${DEFAULT-VALUE})")
  boolean tlogUpload;

  public String rekorUrl() {
    return rekorUrl;
  }

  public boolean tlogUpload() {
    return tlogUpload;
  }
}
