package dev.jcosign.cli.options;

import dev.jcosign.core.tlog.TrustMaterial;
import dev.jcosign.core.tuf.InitializeTrust;
import dev.jcosign.core.tuf.RootChecksum;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The flags of {@code initialize} (spec §1.3); also read from {@code COSIGN_MIRROR} etc. */
public final class InitializeOptions {
  @Option(names = "--mirror", paramLabel = "URL", defaultValue = TrustMaterial.DEFAULT_MIRROR,
      description = "base URL of a Sigstore TUF repository, http(s):// or file:/// for a local copy (default: ${DEFAULT-VALUE})")
  String mirror;

  @Option(names = "--root", paramLabel = "FILE|URL",
      description = "path or http(s) URL of the trusted initial root.json (default: the root embedded for the mirror)")
  String root;

  @Option(names = "--root-checksum", paramLabel = "[sha256:|sha512:]HEX",
      description = "checksum of the initial root, recommended when --root is a URL (sha256 unless prefixed)")
  String rootChecksum;

  @Option(names = "--staging", arity = "0..1", fallbackValue = "true", defaultValue = "false",
      description = "use the staging TUF repository and its embedded root")
  boolean staging;

  /** The use-case request for the cache at {@code tufRoot}; a malformed checksum is an error here. */
  public InitializeTrust.Request toRequest(Path tufRoot) {
    Optional<String> r = Optional.ofNullable(root).filter(s -> !s.isEmpty());
    Optional<RootChecksum> sum = Optional.ofNullable(rootChecksum).filter(s -> !s.isEmpty()).map(RootChecksum::parse);
    return new InitializeTrust.Request(tufRoot, mirror, r, sum, staging);
  }
}
