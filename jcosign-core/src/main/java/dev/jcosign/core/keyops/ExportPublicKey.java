package dev.jcosign.core.keyops;

import dev.jcosign.core.keys.KeyFiles;
import dev.jcosign.core.keys.PublicKeys;

import dev.jcosign.core.spi.PasswordSource;
import dev.jcosign.core.spi.Progress;
import dev.jcosign.core.spi.SignerProvider;

/**
 * {@code public-key}: loads the signer behind a key reference (a key file asks for its password, a
 * KMS asks its service) and returns its public key as PKIX PEM, also writing it to the out file
 * when one is given (spec §1.3).
 */
public final class ExportPublicKey {
  private final SignerProvider signers;
  private final PasswordSource passwords;
  private final Progress progress;

  public ExportPublicKey(SignerProvider signers, PasswordSource passwords, Progress progress) {
    this.signers = signers;
    this.passwords = passwords;
    this.progress = progress;
  }

  /** The PEM; when {@code request.outFile()} is set it has been written there (0600) already. */
  public byte[] run(PublicKeyRequest request) {
    byte[] pem = PublicKeys.toPem(signers.signer(request.key(), passwords).publicKey());
    request.outFile().ifPresent(f -> {
      // cosign opens the file 0600 without truncating; we replace it whole so no stale tail remains
      KeyFiles.write(f, pem, KeyFiles.OWNER_ONLY);
      progress.info("Public key written to " + f);
    });
    return pem;
  }
}
