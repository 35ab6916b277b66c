package dev.jcosign.cli.options;

import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.spi.KeyRef;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --key}: a key file, {@code env://VAR} or a KMS URI (spec §1.3); shared by the commands that
 * sign with or verify against a key. Also read from {@code COSIGN_KEY}.
 */
public final class KeyOptions {
  @Option(names = "--key", paramLabel = "KEY",
      description = "path to the private key file (signing) or public key file (verification), env://VAR, or a KMS URI")
  String key;

  /** True when {@code --key} (or {@code COSIGN_KEY}) was given. */
  public boolean isSet() {
    return key != null && !key.isEmpty();
  }

  /** The parsed reference, when given. */
  public Optional<KeyRef> optionalKeyRef() {
    return isSet() ? Optional.of(KeyRef.parse(key)) : Optional.empty();
  }

  /** The parsed reference; {@link InvalidInputException} when {@code --key} was not given. */
  public KeyRef keyRef() {
    return optionalKeyRef().orElseThrow(() -> new InvalidInputException("required flag \"--key\" not set"));
  }
}
