package dev.jcosign.core.keyops;

import dev.jcosign.core.keys.KeyFiles;
import dev.jcosign.core.keys.PublicKeys;

import dev.jcosign.core.spi.KeyRef;
import dev.jcosign.core.spi.Progress;
import dev.jcosign.core.spi.SignerProvider;
import java.nio.file.Path;
import java.security.PublicKey;

/**
 * {@code generate-key-pair --kms URI}: create (or reuse) the key in its backend and write only
 * {@code <prefix>.pub}, mode 0600 as cosign writes it for KMS keys (spec §2.2, §2.4).
 */
public final class CreateProviderKey {
  private final SignerProvider provider;
  private final Progress progress;

  public CreateProviderKey(SignerProvider provider, Progress progress) {
    this.provider = provider;
    this.progress = progress;
  }

  public void run(KeyRef ref, KeyPairFiles files) {
    PublicKey key = provider.createKey(ref);
    Path pub = files.publicKey();
    KeyFiles.write(pub, PublicKeys.toPem(key), KeyFiles.OWNER_ONLY);
    progress.info("Public key written to " + pub);
  }
}
