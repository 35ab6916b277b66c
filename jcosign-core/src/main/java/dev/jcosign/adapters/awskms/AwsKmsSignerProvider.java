package dev.jcosign.adapters.awskms;

import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.error.KeyException;
import dev.jcosign.core.keys.PublicKeys;
import dev.jcosign.core.spi.KeyRef;
import dev.jcosign.core.spi.PasswordSource;
import dev.jcosign.core.spi.Signer;
import dev.jcosign.core.spi.SignerProvider;
import java.security.PublicKey;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.GetPublicKeyResponse;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.NotFoundException;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;

/**
 * {@code awskms://} keys (spec §5). The signing algorithm is the first of the key's
 * {@code SigningAlgorithms}, as cosign picks it; {@code generate-key-pair --kms} creates an
 * {@code ECC_NIST_P256} key behind an alias, or reuses the key the alias already names.
 */
public final class AwsKmsSignerProvider implements SignerProvider {
  static final String DESCRIPTION = "Created by Sigstore";
  private static final Set<KeySpec> KEY_SPECS = Set.of(KeySpec.ECC_NIST_P256, KeySpec.ECC_NIST_P384,
      KeySpec.ECC_NIST_P521, KeySpec.RSA_2048, KeySpec.RSA_3072, KeySpec.RSA_4096);
  // jcosign verifies RSA as PKCS#1 v1.5 (spec §2.3), so PSS-first keys are refused rather than
  // producing signatures our own verify would reject
  private static final Set<SigningAlgorithmSpec> ALGORITHMS = Set.of(
      SigningAlgorithmSpec.ECDSA_SHA_256, SigningAlgorithmSpec.ECDSA_SHA_384, SigningAlgorithmSpec.ECDSA_SHA_512,
      SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_256, SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_384,
      SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_512);

  private final AwsKmsClients clients;

  /** {@code environment} looks up a variable by name; the CLI backs it with its {@code Env}. */
  public AwsKmsSignerProvider(Function<String, Optional<String>> environment) {
    this.clients = new AwsKmsClients(environment);
  }

  @Override
  public Set<String> schemes() {
    return Set.of(AwsKmsKeyUri.SCHEME);
  }

  @Override
  public Signer signer(KeyRef ref, PasswordSource passwords) {
    AwsKmsKeyUri uri = AwsKmsKeyUri.parse(ref.value());
    KmsClient kms = clients.create(uri);
    try {
      GetPublicKeyResponse r = fetch(kms, uri, uri.keyId());
      // the client stays open for sign(); it holds no threads (url-connection transport)
      return new AwsKmsSigner(kms, uri, publicKeyOf(uri, r), algorithmOf(uri, r));
    } catch (RuntimeException e) {
      kms.close();
      throw e;
    }
  }

  @Override
  public PublicKey publicKey(KeyRef ref) {
    AwsKmsKeyUri uri = AwsKmsKeyUri.parse(ref.value());
    try (KmsClient kms = clients.create(uri)) {
      GetPublicKeyResponse r = fetch(kms, uri, uri.keyId());
      algorithmOf(uri, r);
      return publicKeyOf(uri, r);
    }
  }

  @Override
  public PublicKey createKey(KeyRef ref) {
    AwsKmsKeyUri uri = AwsKmsKeyUri.parse(ref.value());
    if (!uri.isAlias()) {
      throw new InvalidInputException("creating AWS KMS key " + uri + ": use an alias (awskms:///alias/NAME) so the new key can be found again");
    }
    try (KmsClient kms = clients.create(uri)) {
      String keyId;
      try {
        keyId = kms.describeKey(b -> b.keyId(uri.keyId())).keyMetadata().keyId();
      } catch (NotFoundException e) {
        keyId = kms.createKey(b -> b.keySpec(KeySpec.ECC_NIST_P256).keyUsage(KeyUsageType.SIGN_VERIFY)
            .description(DESCRIPTION)).keyMetadata().keyId();
        String target = keyId;
        kms.createAlias(b -> b.aliasName(uri.aliasName()).targetKeyId(target));
      }
      GetPublicKeyResponse r = fetch(kms, uri, keyId);
      algorithmOf(uri, r);
      return publicKeyOf(uri, r);
    } catch (SdkException e) {
      throw AwsKmsErrors.map("creating key", uri, e);
    }
  }

  private static GetPublicKeyResponse fetch(KmsClient kms, AwsKmsKeyUri uri, String keyId) {
    try {
      return kms.getPublicKey(b -> b.keyId(keyId));
    } catch (SdkException e) {
      throw AwsKmsErrors.map("loading key", uri, e);
    }
  }

  private static SigningAlgorithmSpec algorithmOf(AwsKmsKeyUri uri, GetPublicKeyResponse r) {
    if (r.keyUsage() != KeyUsageType.SIGN_VERIFY) {
      throw new KeyException("loading key " + uri + ": key is not an asymmetric signing key (key usage " + r.keyUsageAsString() + ")");
    }
    if (!KEY_SPECS.contains(r.keySpec())) {
      throw new KeyException("loading key " + uri + ": unsupported key spec " + r.keySpecAsString());
    }
    if (!r.hasSigningAlgorithms() || r.signingAlgorithms().isEmpty()) {
      throw new KeyException("loading key " + uri + ": key lists no signing algorithms");
    }
    SigningAlgorithmSpec first = r.signingAlgorithms().get(0);
    if (!ALGORITHMS.contains(first)) {
      throw new KeyException("loading key " + uri + ": unsupported signing algorithm " + r.signingAlgorithmsAsStrings().get(0));
    }
    return first;
  }

  private static PublicKey publicKeyOf(AwsKmsKeyUri uri, GetPublicKeyResponse r) {
    try {
      return PublicKeys.fromDer(r.publicKey().asByteArray());
    } catch (KeyException e) {
      throw new KeyException("loading key " + uri + ": " + e.getMessage(), e);
    }
  }
}
