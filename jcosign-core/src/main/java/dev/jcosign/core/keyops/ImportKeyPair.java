package dev.jcosign.core.keyops;

import dev.jcosign.core.keys.ImportableKeys;
import dev.jcosign.core.keys.PrivateKeys;
import dev.jcosign.core.keys.KeyFiles;
import dev.jcosign.core.keys.PublicKeys;

import dev.jcosign.core.spi.PasswordSource;
import dev.jcosign.core.spi.Progress;
import java.security.PrivateKey;

/**
 * {@code import-key-pair}: reads an unencrypted PEM private key, validates it (spec §2.5), and
 * writes it in cosign's encrypted format plus its public key, like {@link GenerateKeyPair}.
 */
public final class ImportKeyPair {
  private final PasswordSource passwords;
  private final Progress progress;

  public ImportKeyPair(PasswordSource passwords, Progress progress) {
    this.passwords = passwords;
    this.progress = progress;
  }

  public KeyPairFiles run(ImportKeyPairRequest request) {
    // parse and validate first: a refused key must not cost a prompt
    PrivateKey key = ImportableKeys.parse(KeyFiles.read(request.keyFile(), "key file"));
    byte[] publicPem = PublicKeys.toPem(PrivateKeys.publicKeyOf(key));
    KeyPairFiles out = request.output();
    out.confirmOverwrite(progress, request.skipConfirmation());
    byte[] pem = GenerateKeyPair.encrypt(PrivateKeys.toPkcs8(key), passwords);
    out.write(pem, publicPem, progress);
    return out;
  }
}
