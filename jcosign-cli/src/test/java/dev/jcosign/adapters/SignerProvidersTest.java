package dev.jcosign.adapters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jcosign.adapters.keyfile.KeyFileSignerProvider;
import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.keys.PublicKeys;
import dev.jcosign.core.spi.KeyRef;
import dev.jcosign.testing.KeyVectors;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SignerProvidersTest {
  private final Map<String, String> env = Map.of("PUB", KeyVectors.text("keys/cosign-label_p256_pw-123.pub"));
  private final KeyFileSignerProvider files = new KeyFileSignerProvider(n -> Optional.ofNullable(env.get(n)));
  private final SignerProviders providers = new SignerProviders(List.of(files));

  @Test
  void dispatchesByScheme() {
    assertEquals(Set.of("file", "env"), providers.schemes());
    assertSame(files, providers.providerFor(KeyRef.parse("cosign.key")));
    assertSame(files, providers.providerFor(KeyRef.parse("env://X")));
    assertEquals(KeyVectors.text("keys/cosign-label_p256_pw-123.pub"),
        new String(PublicKeys.toPem(providers.publicKey(KeyRef.parse("env://PUB"))), java.nio.charset.StandardCharsets.US_ASCII));
  }

  @Test
  void unknownAndNotYetSupportedSchemes() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> providers.publicKey(KeyRef.parse("foo://x")));
    assertEquals("no signer for key reference scheme \"foo\"", e.getMessage());
    for (String s : new String[] {"k8s", "gitlab"}) {
      e = assertThrows(InvalidInputException.class, () -> providers.signer(KeyRef.parse(s + "://k"), c -> new char[0]));
      assertEquals("key reference scheme \"" + s + "\" is not supported yet (" + s + "://k)", e.getMessage());
    }
  }

  @Test
  void twoProvidersForOneScheme_isAWiringBug() {
    assertThrows(IllegalStateException.class, () -> new SignerProviders(List.of(files, files)));
  }
}
