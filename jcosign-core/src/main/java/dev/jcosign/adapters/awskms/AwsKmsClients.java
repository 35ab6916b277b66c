package dev.jcosign.adapters.awskms;

import dev.jcosign.core.error.KeyException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpConfigurationOption;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.KmsClientBuilder;
import software.amazon.awssdk.utils.AttributeMap;

/**
 * Builds a {@link KmsClient} for one reference from our environment values (spec §5): region from
 * the key ARN, else {@code AWS_REGION}/{@code AWS_DEFAULT_REGION}, else the SDK chain; credentials
 * from {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}[/{@code AWS_SESSION_TOKEN}], else
 * {@code AWS_PROFILE}, else the SDK default chain. Short connect timeouts so an unreachable
 * endpoint fails fast instead of hanging.
 */
final class AwsKmsClients {
  static final String TLS_INSECURE = "AWS_TLS_INSECURE_SKIP_VERIFY";
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

  private final Function<String, Optional<String>> env;

  AwsKmsClients(Function<String, Optional<String>> env) {
    this.env = env;
  }

  KmsClient create(AwsKmsKeyUri ref) {
    KmsClientBuilder b = KmsClient.builder()
        .httpClient(http())
        .region(region(ref))
        .credentialsProvider(credentials())
        .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(60)));
    // cosign always talks https to a custom endpoint (spec §5)
    ref.endpoint().ifPresent(h -> b.endpointOverride(URI.create("https://" + h)));
    return b.build();
  }

  private SdkHttpClient http() {
    var b = UrlConnectionHttpClient.builder().connectionTimeout(CONNECT_TIMEOUT).socketTimeout(READ_TIMEOUT);
    if (isTrue(TLS_INSECURE)) {
      return b.buildWithDefaults(AttributeMap.builder().put(SdkHttpConfigurationOption.TRUST_ALL_CERTIFICATES, true).build());
    }
    return b.build();
  }

  private Region region(AwsKmsKeyUri ref) {
    Optional<String> r = ref.region().or(() -> value("AWS_REGION")).or(() -> value("AWS_DEFAULT_REGION"));
    if (r.isPresent()) {
      return Region.of(r.get());
    }
    try {
      return DefaultAwsRegionProviderChain.builder().build().getRegion();
    } catch (SdkClientException e) {
      throw new KeyException("loading key " + ref + ": no AWS region (set AWS_REGION or use a key ARN)", e);
    }
  }

  private AwsCredentialsProvider credentials() {
    Optional<String> id = value("AWS_ACCESS_KEY_ID");
    Optional<String> secret = value("AWS_SECRET_ACCESS_KEY");
    if (id.isPresent() && secret.isPresent()) {
      Optional<String> token = value("AWS_SESSION_TOKEN");
      return StaticCredentialsProvider.create(token.isPresent()
          ? AwsSessionCredentials.create(id.get(), secret.get(), token.get())
          : AwsBasicCredentials.create(id.get(), secret.get()));
    }
    Optional<String> profile = value("AWS_PROFILE");
    if (profile.isPresent()) {
      return ProfileCredentialsProvider.create(profile.get());
    }
    return DefaultCredentialsProvider.builder().build();
  }

  private Optional<String> value(String name) {
    return env.apply(name).filter(v -> !v.isBlank());
  }

  private boolean isTrue(String name) {
    return value(name).map(v -> v.equals("1") || v.equalsIgnoreCase("true") || v.equals("t")).orElse(false);
  }
}
