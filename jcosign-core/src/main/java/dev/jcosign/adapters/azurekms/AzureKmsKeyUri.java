package dev.jcosign.adapters.azurekms;

import dev.jcosign.core.error.InvalidInputException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An {@code azurekms://} key reference (spec §5): {@code azurekms://VAULT_HOST/KEY_NAME[/VERSION]},
 * e.g. {@code azurekms://myvault.vault.azure.net/mykey}. The vault URL is {@code https://VAULT_HOST/}.
 */
public record AzureKmsKeyUri(String vaultHost, String keyName, Optional<String> version) {
  public static final String SCHEME = "azurekms";
  private static final Pattern FORM = Pattern.compile("azurekms://([^/?#@\\s]+)/([^/?#\\s]+)(?:/([^/?#\\s]+))?");

  public AzureKmsKeyUri {
    version = version == null ? Optional.empty() : version;
  }

  public static AzureKmsKeyUri parse(String uri) {
    var m = FORM.matcher(uri == null ? "" : uri);
    if (!m.matches()) {
      throw new InvalidInputException("invalid azurekms key uri \"" + uri + "\": expected azurekms://VAULT_HOST/KEY_NAME[/VERSION]");
    }
    return new AzureKmsKeyUri(m.group(1), m.group(2), Optional.ofNullable(m.group(3)));
  }

  /** {@code https://VAULT_HOST/}: Key Vault only speaks HTTPS and bearer tokens need TLS. */
  public String vaultUrl() {
    return "https://" + vaultHost + "/";
  }

  @Override
  public String toString() {
    return "azurekms://" + vaultHost + "/" + keyName + version.map(v -> "/" + v).orElse("");
  }
}
