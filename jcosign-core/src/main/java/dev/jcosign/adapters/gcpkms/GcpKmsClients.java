package dev.jcosign.adapters.gcpkms;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.retrying.RetrySettings;
import com.google.cloud.kms.v1.KeyManagementServiceClient;
import com.google.cloud.kms.v1.KeyManagementServiceSettings;
import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.error.KmsException;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Builds the Cloud KMS client. By default: {@code cloudkms.googleapis.com:443} over TLS with
 * Application Default Credentials, exactly as cosign. {@link #ENDPOINT} points it elsewhere (a
 * private endpoint, still TLS + ADC); only with {@link #INSECURE} as well does it speak plaintext
 * gRPC without credentials, for emulators and tests on loopback. Calls are bounded so an unreachable
 * endpoint fails in seconds instead of retrying for a minute.
 */
final class GcpKmsClients {
  /** {@code HOST:PORT} of the Cloud KMS gRPC endpoint; unset means Google's. */
  static final String ENDPOINT = "JCOSIGN_GCPKMS_ENDPOINT";
  /** {@code 1}/{@code true}: plaintext gRPC, no credentials; honoured only with {@link #ENDPOINT}. */
  static final String INSECURE = "JCOSIGN_GCPKMS_INSECURE";

  private static final RetrySettings BOUNDED = RetrySettings.newBuilder()
      .setMaxAttempts(3)
      .setInitialRetryDelayDuration(Duration.ofMillis(100))
      .setRetryDelayMultiplier(2)
      .setMaxRetryDelayDuration(Duration.ofSeconds(1))
      .setInitialRpcTimeoutDuration(Duration.ofSeconds(20))
      .setRpcTimeoutMultiplier(1)
      .setMaxRpcTimeoutDuration(Duration.ofSeconds(20))
      .setTotalTimeoutDuration(Duration.ofSeconds(30))
      .build();

  private final Optional<String> endpoint;
  private final boolean insecure;

  GcpKmsClients(Function<String, Optional<String>> env) {
    this.endpoint = env.apply(ENDPOINT).filter(s -> !s.isBlank());
    String flag = env.apply(INSECURE).orElse("");
    this.insecure = flag.equals("1") || flag.equalsIgnoreCase("true");
  }

  KeyManagementServiceClient create(String uri) {
    if (insecure && endpoint.isEmpty()) {
      throw new InvalidInputException(INSECURE + " is set but " + ENDPOINT + " is not: refusing to talk to google without tls");
    }
    try {
      KeyManagementServiceSettings.Builder b = KeyManagementServiceSettings.newBuilder();
      if (endpoint.isPresent()) {
        var transport = KeyManagementServiceSettings.defaultGrpcTransportProviderBuilder().setEndpoint(endpoint.get());
        if (insecure) {
          transport.setChannelConfigurator(ManagedChannelBuilder::usePlaintext);
          b.setCredentialsProvider(NoCredentialsProvider.create());
        }
        b.setTransportChannelProvider(transport.build());
      }
      b.applyToAllUnaryMethods(m -> {
        m.setRetrySettings(BOUNDED);
        return null;
      });
      return KeyManagementServiceClient.create(b.build());
    } catch (IOException e) {
      // ADC not found: GOOGLE_APPLICATION_CREDENTIALS unset, no gcloud login, no metadata server
      throw new KmsException("using " + uri + ": no usable google application default credentials"
          + " (set GOOGLE_APPLICATION_CREDENTIALS or run gcloud auth application-default login)", e);
    }
  }
}
