package dev.jcosign.adapters.azurekms;

import com.azure.core.exception.ResourceNotFoundException;
import com.azure.security.keyvault.keys.KeyClient;
import com.azure.security.keyvault.keys.models.CreateEcKeyOptions;
import com.azure.security.keyvault.keys.models.JsonWebKey;
import com.azure.security.keyvault.keys.models.KeyCurveName;
import com.azure.security.keyvault.keys.models.KeyOperation;
import com.azure.security.keyvault.keys.models.KeyType;
import com.azure.security.keyvault.keys.models.KeyVaultKey;
import com.azure.security.keyvault.keys.cryptography.models.SignatureAlgorithm;
import dev.jcosign.core.error.KmsException;
import dev.jcosign.core.keys.DigestAlgorithm;
import dev.jcosign.core.spi.KeyRef;
import dev.jcosign.core.spi.PasswordSource;
import dev.jcosign.core.spi.Signer;
import dev.jcosign.core.spi.SignerProvider;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** {@code azurekms://} keys in Azure Key Vault (spec §5), through {@code DefaultAzureCredential}. */
public final class AzureKeyVaultSignerProvider implements SignerProvider {
  private final AzureKeyVaultClients clients;

  /** {@code environment} is cli.Env's lookup: the AZURE_* variables and {@code JCOSIGN_AZURE_CA_FILE}. */
  public AzureKeyVaultSignerProvider(Function<String, Optional<String>> environment) {
    this.clients = new AzureKeyVaultClients(environment);
  }

  @Override
  public Set<String> schemes() {
    return Set.of(AzureKmsKeyUri.SCHEME);
  }

  @Override
  public Signer signer(KeyRef ref, PasswordSource passwords) {
    String uri = ref.value();
    AzureKmsKeyUri key = AzureKmsKeyUri.parse(uri);
    KeyVaultKey k;
    try {
      KeyClient kc = clients.keys(key);
      k = key.version().isPresent() ? kc.getKey(key.keyName(), key.version().get()) : kc.getKey(key.keyName());
    } catch (RuntimeException e) {
      throw AzureKeyVaultErrors.of(uri, "loading key", e);
    }
    return signer(uri, k);
  }

  @Override
  public PublicKey publicKey(KeyRef ref) {
    return signer(ref, null).publicKey();
  }

  /** An EC P-256 key tagged {@code use=sigstore}, unless the key already exists (spec §5). */
  @Override
  public PublicKey createKey(KeyRef ref) {
    String uri = ref.value();
    AzureKmsKeyUri key = AzureKmsKeyUri.parse(uri);
    try {
      KeyClient kc = clients.keys(key);
      KeyVaultKey k;
      try {
        k = kc.getKey(key.keyName());
      } catch (ResourceNotFoundException e) {
        k = kc.createEcKey(new CreateEcKeyOptions(key.keyName()).setCurveName(KeyCurveName.P_256)
            .setKeyOperations(KeyOperation.SIGN, KeyOperation.VERIFY).setTags(Map.of("use", "sigstore")));
      }
      return signer(uri, k).publicKey();
    } catch (KmsException e) {
      throw e;
    } catch (RuntimeException e) {
      throw AzureKeyVaultErrors.of(uri, "creating key", e);
    }
  }

  private AzureKeyVaultSigner signer(String uri, KeyVaultKey k) {
    JsonWebKey jwk = k.getKey();
    if (k.getProperties() != null && Boolean.FALSE.equals(k.getProperties().isEnabled())) {
      throw new KmsException(uri + " is disabled in key vault");
    }
    List<KeyOperation> ops = jwk.getKeyOps();
    KeyType type = jwk.getKeyType();
    boolean asymmetric = KeyType.EC.equals(type) || KeyType.EC_HSM.equals(type) || KeyType.RSA.equals(type) || KeyType.RSA_HSM.equals(type);
    if (!asymmetric || ops == null || !ops.contains(KeyOperation.SIGN)) {
      throw new KmsException(uri + " is not an asymmetric signing key (type " + type + ", operations " + ops + ")");
    }
    PublicKey pub;
    SignatureAlgorithm alg;
    try {
      if (KeyType.EC.equals(type) || KeyType.EC_HSM.equals(type)) {
        KeyCurveName crv = jwk.getCurveName();
        alg = KeyCurveName.P_256.equals(crv) ? SignatureAlgorithm.ES256
            : KeyCurveName.P_384.equals(crv) ? SignatureAlgorithm.ES384
            : KeyCurveName.P_521.equals(crv) ? SignatureAlgorithm.ES512 : null;
        if (alg == null) {
          throw unsupported(uri, "curve " + crv);
        }
        pub = jwk.toEc(false).getPublic();
      } else {
        pub = jwk.toRsa(false).getPublic();
        int bits = ((RSAPublicKey) pub).getModulus().bitLength();
        alg = bits == 2048 ? SignatureAlgorithm.RS256 : bits == 3072 ? SignatureAlgorithm.RS384
            : bits == 4096 ? SignatureAlgorithm.RS512 : null;
        if (alg == null) {
          throw unsupported(uri, "rsa-" + bits);
        }
      }
    } catch (KmsException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new KmsException("public key of " + uri + ": invalid json web key", e);
    }
    String a = alg.toString();
    DigestAlgorithm digest = a.endsWith("384") ? DigestAlgorithm.SHA384 : a.endsWith("512") ? DigestAlgorithm.SHA512 : DigestAlgorithm.SHA256;
    String kid = jwk.getId();
    return new AzureKeyVaultSigner(() -> clients.crypto(kid), uri, alg, digest, pub);
  }

  private static KmsException unsupported(String uri, String what) {
    return new KmsException("unsupported key spec " + what + " for " + uri
        + ": use an ec key on P-256, P-384 or P-521 or an rsa key of 2048, 3072 or 4096 bits");
  }
}
