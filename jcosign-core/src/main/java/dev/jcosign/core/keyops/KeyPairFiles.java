package dev.jcosign.core.keyops;

import dev.jcosign.core.keys.KeyFiles;

import dev.jcosign.core.spi.Progress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code <prefix>.key} / {@code <prefix>.pub} pair that {@code generate-key-pair} and
 * {@code import-key-pair} write (spec §2.4, §2.5). Names are shown to the user as built from the
 * prefix, like cosign does.
 */
public record KeyPairFiles(String prefix) {
  public KeyPairFiles {
    if (prefix == null || prefix.isEmpty()) {
      throw new dev.jcosign.core.error.InvalidInputException("output key prefix must not be empty");
    }
  }

  public String privateKeyName() {
    return prefix + ".key";
  }

  public String publicKeyName() {
    return prefix + ".pub";
  }

  public Path privateKey() {
    return Path.of(privateKeyName());
  }

  public Path publicKey() {
    return Path.of(publicKeyName());
  }

  /** Warns and asks before an existing private key is replaced (spec §2.4); declining throws. */
  void confirmOverwrite(Progress progress, boolean skipConfirmation) {
    if (Files.exists(privateKey())) {
      progress.warn("File " + privateKeyName() + " already exists. Overwrite?");
      if (!skipConfirmation) {
        progress.confirm("");
      }
    }
  }

  /** Writes the encrypted key (0600) then the public key (0644), announcing each (spec §2.4). */
  void write(byte[] encryptedKeyPem, byte[] publicKeyPem, Progress progress) {
    KeyFiles.write(privateKey(), encryptedKeyPem, KeyFiles.OWNER_ONLY);
    progress.info("Private key written to " + privateKeyName());
    KeyFiles.write(publicKey(), publicKeyPem, KeyFiles.PUBLIC);
    progress.info("Public key written to " + publicKeyName());
  }
}
