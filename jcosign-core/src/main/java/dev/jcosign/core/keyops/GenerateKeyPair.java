package dev.jcosign.core.keyops;

import dev.jcosign.core.keys.KeyGeneration;
import dev.jcosign.core.keys.PrivateKeys;
import dev.jcosign.core.keys.CosignEncryptedPrivateKey;
import dev.jcosign.core.keys.PublicKeys;

import dev.jcosign.core.spi.PasswordSource;
import dev.jcosign.core.spi.Progress;
import java.security.KeyPair;
import java.util.Arrays;

/**
 * {@code generate-key-pair} to files: a new ECDSA P-256 key, encrypted with a password asked twice
 * when interactive, written as {@code <prefix>.key} (0600) and {@code <prefix>.pub} (0644) (spec §2.4).
 */
public final class GenerateKeyPair {
  private final PasswordSource passwords;
  private final Progress progress;

  public GenerateKeyPair(PasswordSource passwords, Progress progress) {
    this.passwords = passwords;
    this.progress = progress;
  }

  public KeyPairFiles run(GenerateKeyPairRequest request) {
    KeyPairFiles out = request.output();
    // ask about overwriting before the password, so a "no" costs the user nothing
    out.confirmOverwrite(progress, false);
    KeyPair pair = KeyGeneration.p256();
    byte[] pem = encrypt(PrivateKeys.toPkcs8(pair.getPrivate()), passwords);
    out.write(pem, PublicKeys.toPem(pair.getPublic()), progress);
    return out;
  }

  /** Encrypts and wipes the plaintext and the password. */
  static byte[] encrypt(byte[] pkcs8, PasswordSource passwords) {
    char[] password = passwords.password(true);
    try {
      return CosignEncryptedPrivateKey.encrypt(pkcs8, password);
    } finally {
      Arrays.fill(password, '\0');
      Arrays.fill(pkcs8, (byte) 0);
    }
  }
}
