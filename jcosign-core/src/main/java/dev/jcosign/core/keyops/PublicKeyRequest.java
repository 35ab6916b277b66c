package dev.jcosign.core.keyops;

import dev.jcosign.core.spi.KeyRef;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** What {@code public-key} needs: the key to read and, optionally, a file to write instead of stdout. */
public record PublicKeyRequest(KeyRef key, Optional<Path> outFile) {
  public PublicKeyRequest {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(outFile, "outFile");
  }
}
