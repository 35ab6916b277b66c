package dev.jcosign.adapters.azurekms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcosign.core.error.KmsException;
import dev.jcosign.core.keys.DigestAlgorithm;
import dev.jcosign.core.keys.Signatures;
import dev.jcosign.core.spi.KeyRef;
import dev.jcosign.core.spi.Signer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real Key Vault and identity clients against {@link FakeAzureKeyVault} over loopback HTTPS. */
class AzureKeyVaultSignerProviderTest {
  private static final byte[] MSG = "payload".getBytes(StandardCharsets.UTF_8);
  private static final List<String> SIGN = List.of("sign", "verify");
  @TempDir Path dir;
  private FakeAzureKeyVault vault;
  private Map<String, String> env;
  private AzureKeyVaultSignerProvider provider;

  @BeforeEach
  void start() throws Exception {
    vault = new FakeAzureKeyVault();
    env = new HashMap<>(vault.env(dir));
    provider = new AzureKeyVaultSignerProvider(n -> Optional.ofNullable(env.get(n)));
  }

  @AfterEach
  void stop() {
    vault.close();
  }

  private KeyRef ref(String key) {
    return KeyRef.parse("azurekms://" + vault.host() + "/" + key);
  }

  @Test
  void signsWithEs256AfterChallengeAndToken() {
    FakeAzureKey k = vault.addKey("rel", "EC", "P-256", SIGN);
    Signer s = provider.signer(ref("rel"), null);
    assertArrayEquals(k.publicKey().getEncoded(), s.publicKey().getEncoded());
    byte[] sig = s.sign(MSG);
    assertTrue(Signatures.verify(s.publicKey(), MSG, sig, DigestAlgorithm.SHA256), "DER signature verifies");
    List<String> r = vault.requests();
    assertEquals("GET /keys/rel/", r.get(0));
    assertTrue(r.contains("POST /" + FakeAzureKeyVault.TENANT + "/oauth2/v2.0/token"), r.toString());
    assertTrue(r.contains("POST /keys/rel/" + k.version() + "/sign"), r.toString());
  }

  @Test
  void curveAndModulusPickTheAlgorithm() {
    vault.addKey("p384", "EC", "P-384", SIGN);
    vault.addKey("p521", "EC-HSM", "P-521", SIGN);
    vault.addKey("rsa3072", "RSA", "3072", SIGN);
    FakeAzureKey first = vault.addKey("v", "EC", "P-256", SIGN);
    vault.addKey("v", "EC", "P-256", SIGN);
    for (String[] c : new String[][] {{"p384", "ES384", "SHA384"}, {"p521", "ES512", "SHA512"}, {"rsa3072", "RS384", "SHA384"},
        {"v/" + first.version(), "ES256", "SHA256"}}) {
      AzureKeyVaultSigner s = (AzureKeyVaultSigner) provider.signer(ref(c[0]), null);
      assertEquals(c[1], s.algorithm().toString());
      assertTrue(Signatures.verify(s.publicKey(), MSG, s.sign(MSG), DigestAlgorithm.valueOf(c[2])), c[0]);
    }
    assertEquals(first.publicKey(), provider.publicKey(ref("v/" + first.version())));
  }

  @Test
  void createKeyMakesP256TaggedSigstoreAndReusesIt() {
    var pub = provider.createKey(ref("new"));
    FakeAzureKey k = vault.latest("new");
    assertEquals(k.publicKey(), pub);
    assertEquals(Map.of("use", "sigstore"), k.tags());
    assertEquals(pub, provider.createKey(ref("new")));
    assertEquals(1, vault.requests().stream().filter(r -> r.equals("POST /keys/new/create")).count());
  }

  @Test
  void errorsNameTheUri() {
    vault.addKey("enc", "RSA", "2048", List.of("encrypt", "decrypt"));
    vault.addKey("rsa1024", "RSA", "1024", SIGN);
    vault.addKey("secret", "EC", "P-256", SIGN);
    vault.deny("secret");
    String u = "azurekms://" + vault.host() + "/";
    assertMessage("loading key " + u + "missing: key not found in key vault", "missing");
    assertMessage("loading key " + u + "secret: permission denied by key vault (the caller needs keys get and sign permissions)", "secret");
    assertMessage(u + "enc is not an asymmetric signing key (type RSA, operations [encrypt, decrypt])", "enc");
    assertMessage("unsupported key spec rsa-1024 for " + u + "rsa1024: use an ec key on P-256, P-384 or P-521 or an rsa key of"
        + " 2048, 3072 or 4096 bits", "rsa1024");
    env.put("AZURE_CLIENT_SECRET", "wrong");
    provider = new AzureKeyVaultSignerProvider(n -> Optional.ofNullable(env.get(n)));
    KmsException e = assertThrows(KmsException.class, () -> provider.signer(ref("missing"), null));
    assertTrue(e.getMessage().startsWith("loading key " + u + "missing: azure rejected the credentials"), e.getMessage());
  }

  @Test
  void revokedTokenAndUnreachableVault() {
    vault.addKey("k", "EC", "P-256", SIGN);
    vault.revokeTokens(true);
    assertMessage("loading key azurekms://" + vault.host() + "/k: key vault rejected the token (expired or for another tenant)", "k");
    long t0 = System.nanoTime();
    KmsException e = assertThrows(KmsException.class, () -> provider.signer(KeyRef.parse("azurekms://127.0.0.1:1/k"), null));
    assertEquals("loading key azurekms://127.0.0.1:1/k: key vault or identity endpoint unreachable (connection refused)", e.getMessage());
    assertTrue(System.nanoTime() - t0 < 15_000_000_000L);
  }

  @Test
  void withoutTheExtraCaTheFakeCertificateIsRefused() {
    vault.addKey("k", "EC", "P-256", SIGN);
    env.remove(AzureKeyVaultClients.CA_FILE);
    provider = new AzureKeyVaultSignerProvider(n -> Optional.ofNullable(env.get(n)));
    KmsException e = assertThrows(KmsException.class, () -> provider.signer(ref("k"), null));
    assertTrue(e.getMessage().startsWith("loading key azurekms://" + vault.host() + "/k: key vault or identity endpoint unreachable (TLS failure)"),
        e.getMessage());
    assertTrue(vault.requests().isEmpty(), "no request got through the handshake");
  }

  private void assertMessage(String expected, String key) {
    KmsException e = assertThrows(KmsException.class, () -> provider.signer(ref(key), null));
    assertEquals(expected, e.getMessage());
  }
}
