package dev.jcosign.adapters.azurekms;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.util.Configuration;
import com.azure.core.util.ConfigurationBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.security.keyvault.keys.KeyClient;
import com.azure.security.keyvault.keys.KeyClientBuilder;
import com.azure.security.keyvault.keys.cryptography.CryptographyClient;
import com.azure.security.keyvault.keys.cryptography.CryptographyClientBuilder;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Builds Key Vault clients: JDK HTTP over TLS (with {@link AzureTrust}), {@code DefaultAzureCredential}
 * configured from the environment cli.Env passes in (spec §5: {@code AZURE_TENANT_ID},
 * {@code AZURE_CLIENT_ID}, {@code AZURE_CLIENT_SECRET}, {@code AZURE_ENVIRONMENT}...), one quick retry
 * and short timeouts so an unreachable vault fails in seconds.
 */
final class AzureKeyVaultClients {
  /** PEM file of extra CA certificates trusted for the vault and the identity endpoint. */
  static final String CA_FILE = "JCOSIGN_AZURE_CA_FILE";
  /** The variables azure-identity's credentials read; handed over as the SDK configuration. */
  private static final String[] AZURE_VARS = {
    "AZURE_TENANT_ID", "AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET", "AZURE_CLIENT_CERTIFICATE_PATH",
    "AZURE_CLIENT_CERTIFICATE_PASSWORD", "AZURE_CLIENT_SEND_CERTIFICATE_CHAIN", "AZURE_USERNAME", "AZURE_PASSWORD",
    "AZURE_AUTHORITY_HOST", "AZURE_FEDERATED_TOKEN_FILE", "AZURE_REGIONAL_AUTHORITY_NAME", "AZURE_TOKEN_CREDENTIALS",
    "IDENTITY_ENDPOINT", "IDENTITY_HEADER", "IDENTITY_SERVER_THUMBPRINT", "MSI_ENDPOINT", "MSI_SECRET",
  };
  private static final java.util.Set<String> KNOWN_AUTHORITIES = java.util.Set.of(
      "https://login.microsoftonline.com", "https://login.microsoftonline.us", "https://login.chinacloudapi.cn");
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private final Function<String, Optional<String>> env;
  private HttpClient http;
  private TokenCredential credential;

  AzureKeyVaultClients(Function<String, Optional<String>> env) {
    this.env = env;
  }

  synchronized KeyClient keys(AzureKmsKeyUri uri) {
    return new KeyClientBuilder().vaultUrl(uri.vaultUrl()).credential(credential()).httpClient(http())
        .retryOptions(retry()).disableChallengeResourceVerification().buildClient();
  }

  synchronized CryptographyClient crypto(String keyId) {
    return new CryptographyClientBuilder().keyIdentifier(keyId).credential(credential()).httpClient(http())
        .retryOptions(retry()).disableChallengeResourceVerification().buildClient();
  }

  private static RetryOptions retry() {
    return new RetryOptions(new FixedDelayOptions(1, Duration.ofMillis(300)));
  }

  private HttpClient http() {
    if (http == null) {
      var jdk = java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
          .sslContext(AzureTrust.sslContext(env.apply(CA_FILE).filter(s -> !s.isBlank())));
      http = new JdkHttpClientBuilder(jdk).connectionTimeout(Duration.ofSeconds(10)).responseTimeout(TIMEOUT)
          .readTimeout(TIMEOUT).writeTimeout(TIMEOUT).configuration(Configuration.NONE).build();
    }
    return http;
  }

  private TokenCredential credential() {
    if (credential == null) {
      Map<String, String> vars = new HashMap<>();
      for (String n : AZURE_VARS) {
        env.apply(n).ifPresent(v -> vars.put(n, v));
      }
      Configuration config = new ConfigurationBuilder(p -> Map.of(), p -> Map.of(), p -> vars).build();
      var b = new DefaultAzureCredentialBuilder().configuration(config).httpClient(http()).maxRetry(1);
      Optional<String> authority = authorityHost(vars);
      authority.ifPresent(b::authorityHost);
      if (authority.filter(a -> !KNOWN_AUTHORITIES.contains(a.replaceAll("/+$", ""))).isPresent()) {
        // a private authority (Azure Stack, a loopback fake) is unknown to Microsoft's instance
        // discovery endpoint: asking it only waits on login.microsoftonline.com and cannot succeed
        b.disableInstanceDiscovery();
      }
      env.apply("AZURE_TENANT_ID").ifPresent(b::tenantId);
      credential = b.build();
    }
    return credential;
  }

  /** {@code AZURE_AUTHORITY_HOST}, else the host of the cloud named by {@code AZURE_ENVIRONMENT} (spec §5). */
  private Optional<String> authorityHost(Map<String, String> vars) {
    if (vars.containsKey("AZURE_AUTHORITY_HOST")) {
      return Optional.of(vars.get("AZURE_AUTHORITY_HOST"));
    }
    return env.apply("AZURE_ENVIRONMENT").map(s -> s.toUpperCase(Locale.ROOT)).flatMap(e -> switch (e) {
      case "AZUREUSGOVERNMENT", "AZUREUSGOVERNMENTCLOUD" -> Optional.of("https://login.microsoftonline.us/");
      case "AZURECHINACLOUD" -> Optional.of("https://login.chinacloudapi.cn/");
      default -> Optional.empty();
    });
  }
}
