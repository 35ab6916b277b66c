package dev.jcosign.adapters.azurekms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcosign.core.error.InvalidInputException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Spec §5 azurekms:// forms. */
class AzureKmsKeyUriTest {
  @Test
  void specExample() {
    AzureKmsKeyUri u = AzureKmsKeyUri.parse("azurekms://myvault.vault.azure.net/mykey");
    assertEquals(new AzureKmsKeyUri("myvault.vault.azure.net", "mykey", Optional.empty()), u);
    assertEquals("https://myvault.vault.azure.net/", u.vaultUrl());
  }

  @Test
  void versionAndPort() {
    AzureKmsKeyUri u = AzureKmsKeyUri.parse("azurekms://v.vault.azure.net/key-1/0123456789abcdef0123456789abcdef");
    assertEquals(Optional.of("0123456789abcdef0123456789abcdef"), u.version());
    assertEquals("azurekms://v.vault.azure.net/key-1/0123456789abcdef0123456789abcdef", u.toString());
    assertEquals("https://127.0.0.1:8443/", AzureKmsKeyUri.parse("azurekms://127.0.0.1:8443/k").vaultUrl());
  }

  @ParameterizedTest
  @ValueSource(strings = {"azurekms://", "azurekms://vault", "azurekms://vault/", "azurekms:///key", "azurekms://vault/key/",
    "azurekms://vault/key/v/extra", "azurekms://user@vault/key", "azurekms://vault/key?x=1", "azurekms:vault/key",
    "gcpkms://vault/key"})
  void malformedIsRejectedNamingTheUri(String uri) {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> AzureKmsKeyUri.parse(uri));
    assertTrue(e.getMessage().startsWith("invalid azurekms key uri \"" + uri + "\""), e.getMessage());
  }
}
