package dev.jcosign.adapters.keyfile;

import dev.jcosign.core.error.KeyException;
import dev.jcosign.core.keys.CosignEncryptedPrivateKey;
import dev.jcosign.core.keys.KeyFiles;
import dev.jcosign.core.keys.PemBlock;
import dev.jcosign.core.keys.PublicKeys;
import dev.jcosign.core.spi.KeyRef;
import dev.jcosign.core.spi.PasswordSource;
import dev.jcosign.core.spi.Signer;
import dev.jcosign.core.spi.SignerProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Keys held as PEM: a file path ({@code file}) or the content of an environment variable
 * ({@code env://VAR}) (spec §1.3). Signing needs a cosign encrypted private key (spec §2.1);
 * verification needs a PKIX {@code PUBLIC KEY} (spec §2.2).
 */
public final class KeyFileSignerProvider implements SignerProvider {
  private static final String ENV_PREFIX = "env://";
  private static final String FILE_PREFIX = "file://";
  private final Function<String, Optional<String>> environment;

  /** {@code environment} looks up a variable by name; the CLI backs it with its {@code Env}. */
  public KeyFileSignerProvider(Function<String, Optional<String>> environment) {
    this.environment = Objects.requireNonNull(environment, "environment");
  }

  @Override
  public Set<String> schemes() {
    return Set.of("file", "env");
  }

  @Override
  public Signer signer(KeyRef ref, PasswordSource passwords) {
    String what = "loading private key " + ref;
    byte[] pem = read(ref, "key file");
    PemBlock block;
    try {
      block = PemBlock.decode(pem);
    } catch (KeyException e) {
      throw new KeyException(what + ": " + e.getMessage(), e);
    }
    if (!CosignEncryptedPrivateKey.isEncryptedKeyLabel(block.label())) {
      String hint = PublicKeys.PEM_LABEL.equals(block.label()) ? " (this is a public key; signing needs the encrypted .key file)" : "";
      throw new KeyException(what + ": unsupported pem type: " + block.label() + hint);
    }
    // the password is asked only now that we know a private key is really being loaded
    char[] password = passwords.password(false);
    try {
      PrivateKey key = CosignEncryptedPrivateKey.decrypt(pem, password);
      return new KeyFileSigner(key);
    } catch (KeyException e) {
      throw new KeyException(what + ": " + e.getMessage(), e);
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  @Override
  public PublicKey publicKey(KeyRef ref) {
    String what = "loading public key " + ref;
    byte[] pem = read(ref, "public key");
    PemBlock block;
    try {
      block = PemBlock.decode(pem);
    } catch (KeyException e) {
      throw new KeyException(what + ": " + e.getMessage(), e);
    }
    if (!PublicKeys.PEM_LABEL.equals(block.label())) {
      String hint = CosignEncryptedPrivateKey.isEncryptedKeyLabel(block.label())
          ? " (this is a private key; verification needs the .pub file)" : "";
      throw new KeyException(what + ": expected a \"" + PublicKeys.PEM_LABEL + "\" PEM block, found \"" + block.label() + "\"" + hint);
    }
    try {
      return PublicKeys.fromDer(block.bytes());
    } catch (KeyException e) {
      throw new KeyException(what + ": " + e.getMessage(), e);
    }
  }

  private byte[] read(KeyRef ref, String what) {
    String value = ref.value();
    switch (ref.scheme()) {
      case "env": {
        String name = value.substring(ENV_PREFIX.length());
        if (name.isEmpty()) {
          throw new KeyException("invalid key reference " + value + ": no environment variable named");
        }
        String content = environment.apply(name)
            .orElseThrow(() -> new KeyException("key reference " + value + ": environment variable " + name + " is not set"));
        return content.getBytes(StandardCharsets.UTF_8);
      }
      case "file":
        return KeyFiles.read(Path.of(value.startsWith(FILE_PREFIX) ? value.substring(FILE_PREFIX.length()) : value), what);
      default:
        throw new KeyException("key reference scheme \"" + ref.scheme() + "\" is not handled by key files");
    }
  }
}
