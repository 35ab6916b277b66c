package dev.jcosign.adapters;

import dev.jcosign.adapters.awskms.AwsKmsSignerProvider;
import dev.jcosign.adapters.azurekms.AzureKeyVaultSignerProvider;
import dev.jcosign.adapters.gcpkms.GcpKmsSignerProvider;
import dev.jcosign.adapters.keyfile.KeyFileSignerProvider;
import dev.jcosign.adapters.vault.VaultTransitSignerProvider;
import dev.jcosign.core.spi.SignerProvider;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Every key backend jcosign has, by {@code --key} scheme (spec §5): key files and {@code env://} ready,
 * each KMS created only when its scheme is used, so its SDK is never loaded otherwise (issue 5). The CLI
 * and the Java API take their signers from here, so both know the same schemes (issue 13).
 */
public final class KeyBackends {
  private KeyBackends() {}

  /**
   * @param env the variables the backends read (credentials, addresses; spec §5)
   * @param closeLater receives clients whose threads must be stopped when the caller is done
   */
  public static SignerProviders all(Function<String, Optional<String>> env, Consumer<AutoCloseable> closeLater) {
    Map<String, Supplier<SignerProvider>> kms = new HashMap<>();
    kms.put("awskms", () -> new AwsKmsSignerProvider(env::apply));
    kms.put("hashivault", () -> new VaultTransitSignerProvider(env::apply));
    kms.put("openbao", () -> new VaultTransitSignerProvider(env::apply));
    kms.put("azurekms", () -> new AzureKeyVaultSignerProvider(env::apply));
    kms.put("gcpkms", () -> {
      GcpKmsSignerProvider p = new GcpKmsSignerProvider(env::apply);
      closeLater.accept(p);
      return p;
    });
    return new SignerProviders(List.of(new KeyFileSignerProvider(env::apply)), kms);
  }
}
