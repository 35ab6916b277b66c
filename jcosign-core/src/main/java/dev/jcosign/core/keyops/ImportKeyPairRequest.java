package dev.jcosign.core.keyops;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@code import-key-pair} needs (spec §2.5): the PEM private key to import, where to write,
 * and whether {@code --yes} skips the overwrite question.
 */
public record ImportKeyPairRequest(Path keyFile, KeyPairFiles output, boolean skipConfirmation) {
  public ImportKeyPairRequest {
    Objects.requireNonNull(keyFile, "keyFile");
    Objects.requireNonNull(output, "output");
  }
}
