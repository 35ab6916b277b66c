package dev.jcosign.adapters.gcpkms;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.kms.v1.CryptoKey;
import com.google.cloud.kms.v1.CryptoKey.CryptoKeyPurpose;
import com.google.cloud.kms.v1.CryptoKeyVersion;
import com.google.cloud.kms.v1.CryptoKeyVersion.CryptoKeyVersionAlgorithm;
import com.google.cloud.kms.v1.CryptoKeyVersionTemplate;
import com.google.cloud.kms.v1.KeyManagementServiceClient;
import com.google.cloud.kms.v1.KeyRing;
import com.google.cloud.kms.v1.ListCryptoKeyVersionsRequest;
import dev.jcosign.core.error.KeyException;
import dev.jcosign.core.error.KmsException;
import dev.jcosign.core.keys.PublicKeys;
import dev.jcosign.core.spi.KeyRef;
import dev.jcosign.core.spi.PasswordSource;
import dev.jcosign.core.spi.Signer;
import dev.jcosign.core.spi.SignerProvider;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code gcpkms://} keys in Google Cloud KMS (spec §5). The client is created on first use with
 * Application Default Credentials, or as {@link GcpKmsClients} configures it from the environment.
 */
public final class GcpKmsSignerProvider implements SignerProvider, AutoCloseable {
  private final GcpKmsClients clients;
  private KeyManagementServiceClient client;

  /** {@code environment} is cli.Env's lookup; only {@link GcpKmsClients}'s variables are read. */
  public GcpKmsSignerProvider(Function<String, Optional<String>> environment) {
    this.clients = new GcpKmsClients(environment);
  }

  @Override
  public Set<String> schemes() {
    return Set.of(GcpKmsKeyUri.SCHEME);
  }

  @Override
  public Signer signer(KeyRef ref, PasswordSource passwords) {
    return load(ref.value(), GcpKmsKeyUri.parse(ref.value()));
  }

  @Override
  public PublicKey publicKey(KeyRef ref) {
    return signer(ref, null).publicKey();
  }

  /** Creates the key ring when missing and an {@code EC_SIGN_P256_SHA256} key unless it exists (spec §5). */
  @Override
  public PublicKey createKey(KeyRef ref) {
    String uri = ref.value();
    GcpKmsKeyUri key = GcpKmsKeyUri.parse(uri);
    KeyManagementServiceClient c = client(uri);
    try {
      if (!exists(() -> c.getKeyRing(key.keyRingName()))) {
        c.createKeyRing(key.locationName(), key.keyRing(), KeyRing.getDefaultInstance());
      }
      if (!exists(() -> c.getCryptoKey(key.cryptoKeyName()))) {
        c.createCryptoKey(key.keyRingName(), key.cryptoKey(), CryptoKey.newBuilder()
            .setPurpose(CryptoKeyPurpose.ASYMMETRIC_SIGN)
            .setVersionTemplate(CryptoKeyVersionTemplate.newBuilder()
                .setAlgorithm(CryptoKeyVersionAlgorithm.EC_SIGN_P256_SHA256))
            .build());
      }
    } catch (ApiException e) {
      throw GcpKmsErrors.of(uri, "creating key", e);
    }
    return awaitEnabled(uri, key).publicKey();
  }

  /** A new asymmetric key's first version is generated asynchronously; wait briefly for it. */
  private GcpKmsSigner awaitEnabled(String uri, GcpKmsKeyUri key) {
    KeyManagementServiceClient c = client(uri);
    try {
      for (int attempt = 0; attempt < 20 && key.version().isEmpty() && newestEnabled(c, key).isEmpty(); attempt++) {
        Thread.sleep(500);
      }
    } catch (ApiException e) {
      throw GcpKmsErrors.of(uri, "creating key", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return load(uri, key);
  }

  private GcpKmsSigner load(String uri, GcpKmsKeyUri key) {
    KeyManagementServiceClient c = client(uri);
    String versionName;
    try {
      CryptoKey ck = c.getCryptoKey(key.cryptoKeyName());
      if (ck.getPurpose() != CryptoKeyPurpose.ASYMMETRIC_SIGN) {
        throw new KmsException(uri + " is not an asymmetric signing key (purpose " + ck.getPurpose() + ")");
      }
      versionName = key.versionName().isPresent()
          ? checkEnabled(uri, c.getCryptoKeyVersion(key.versionName().get()))
          : newestEnabled(c, key).orElseThrow(() -> new KmsException(uri + " has no ENABLED key version"));
    } catch (ApiException e) {
      throw GcpKmsErrors.of(uri, "loading key", e);
    }
    com.google.cloud.kms.v1.PublicKey pk;
    try {
      pk = c.getPublicKey(versionName);
    } catch (ApiException e) {
      throw GcpKmsErrors.of(uri, "fetching the public key of", e);
    }
    byte[] pem = pk.getPem().getBytes(StandardCharsets.UTF_8);
    if (pk.hasPemCrc32C() && pk.getPemCrc32C().getValue() != GcpKmsSigner.crc32c(pem)) {
      throw new KmsException("fetching the public key of " + uri + ": checksum mismatch (response corrupted in transit)");
    }
    var digest = GcpKmsAlgorithm.digestFor(pk.getAlgorithm(), uri);
    PublicKey publicKey;
    try {
      publicKey = PublicKeys.fromPem(pem);
    } catch (KeyException e) {
      throw new KmsException("public key of " + uri + ": " + e.getMessage(), e);
    }
    return new GcpKmsSigner(c, uri, versionName, digest, publicKey);
  }

  private static String checkEnabled(String uri, CryptoKeyVersion v) {
    if (v.getState() != CryptoKeyVersion.CryptoKeyVersionState.ENABLED) {
      throw new KmsException("key version " + uri + " is " + v.getState() + ", not ENABLED");
    }
    return v.getName();
  }

  /** Spec §5: without a version, the first ENABLED version in {@code name desc} order. */
  private static Optional<String> newestEnabled(KeyManagementServiceClient c, GcpKmsKeyUri key) {
    var page = c.listCryptoKeyVersions(ListCryptoKeyVersionsRequest.newBuilder()
        .setParent(key.cryptoKeyName()).setFilter("state=ENABLED").setOrderBy("name desc").setPageSize(1).build());
    return page.getPage().getValues().iterator().hasNext()
        ? Optional.of(page.getPage().getValues().iterator().next().getName()) : Optional.empty();
  }

  private static boolean exists(Runnable get) {
    try {
      get.run();
      return true;
    } catch (ApiException e) {
      if (e.getStatusCode().getCode() == StatusCode.Code.NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  private synchronized KeyManagementServiceClient client(String uri) {
    if (client == null) {
      client = clients.create(uri);
    }
    return client;
  }

  @Override
  public synchronized void close() {
    if (client != null) {
      client.close();
      client = null;
    }
  }
}
