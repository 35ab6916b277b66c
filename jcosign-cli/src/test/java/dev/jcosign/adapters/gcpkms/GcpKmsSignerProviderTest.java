package dev.jcosign.adapters.gcpkms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.kms.v1.CryptoKey.CryptoKeyPurpose;
import com.google.cloud.kms.v1.CryptoKeyVersion.CryptoKeyVersionAlgorithm;
import com.google.cloud.kms.v1.CryptoKeyVersion.CryptoKeyVersionState;
import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.error.KmsException;
import dev.jcosign.core.keys.DigestAlgorithm;
import dev.jcosign.core.keys.Signatures;
import dev.jcosign.core.spi.KeyRef;
import dev.jcosign.core.spi.Signer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real Cloud KMS client against {@link FakeGcpKms} on loopback gRPC. */
class GcpKmsSignerProviderTest {
  private static final String RING = "projects/p/locations/global/keyRings/r";
  private static final byte[] MSG = "payload".getBytes(StandardCharsets.UTF_8);
  private FakeGcpKms kms;
  private GcpKmsSignerProvider provider;

  @BeforeEach
  void start() {
    kms = new FakeGcpKms();
    Map<String, String> env = Map.of(GcpKmsClients.ENDPOINT, kms.endpoint(), GcpKmsClients.INSECURE, "1");
    provider = new GcpKmsSignerProvider(n -> Optional.ofNullable(env.get(n)));
  }

  @AfterEach
  void stop() {
    provider.close();
    kms.close();
  }

  private static KeyRef ref(String name) {
    return KeyRef.parse("gcpkms://" + name);
  }

  @Test
  void signsP256WithSha256DigestAndBothChecksums() {
    FakeGcpKmsKey v = kms.addKey(RING + "/cryptoKeys/a", CryptoKeyPurpose.ASYMMETRIC_SIGN, CryptoKeyVersionAlgorithm.EC_SIGN_P256_SHA256);
    Signer s = provider.signer(ref(RING + "/cryptoKeys/a/cryptoKeyVersions/1"), null);
    assertArrayEquals(v.publicKey().getEncoded(), s.publicKey().getEncoded());
    assertTrue(Signatures.verify(s.publicKey(), MSG, s.sign(MSG), DigestAlgorithm.SHA256));
    assertEquals(List.of("GetCryptoKey", "GetCryptoKeyVersion", "GetPublicKey", "AsymmetricSign"), kms.calls());
  }

  @Test
  void p384SignsWithSha384AndRsaPkcs1Works() {
    kms.addKey(RING + "/cryptoKeys/p384", CryptoKeyPurpose.ASYMMETRIC_SIGN, CryptoKeyVersionAlgorithm.EC_SIGN_P384_SHA384);
    GcpKmsSigner s = (GcpKmsSigner) provider.signer(ref(RING + "/cryptoKeys/p384/versions/1"), null);
    assertEquals(DigestAlgorithm.SHA384, s.digestAlgorithm());
    assertTrue(Signatures.verify(s.publicKey(), MSG, s.sign(MSG), DigestAlgorithm.SHA384));
    kms.addKey(RING + "/cryptoKeys/rsa", CryptoKeyPurpose.ASYMMETRIC_SIGN, CryptoKeyVersionAlgorithm.RSA_SIGN_PKCS1_2048_SHA256);
    Signer r = provider.signer(ref(RING + "/cryptoKeys/rsa"), null);
    assertTrue(Signatures.verify(r.publicKey(), MSG, r.sign(MSG), DigestAlgorithm.SHA256));
  }

  @Test
  void withoutVersionTheNewestEnabledIsUsed() {
    String key = RING + "/cryptoKeys/multi";
    kms.addKey(key, CryptoKeyPurpose.ASYMMETRIC_SIGN, CryptoKeyVersionAlgorithm.EC_SIGN_P256_SHA256);
    FakeGcpKmsKey v2 = kms.addVersion(key, CryptoKeyVersionState.ENABLED);
    kms.addVersion(key, CryptoKeyVersionState.DISABLED);
    assertArrayEquals(v2.publicKey().getEncoded(), provider.publicKey(ref(key)).getEncoded());
  }

  @Test
  void createKeyMakesRingAndP256KeyAndReusesIt() {
    String key = "projects/p/locations/us/keyRings/new/cryptoKeys/k";
    var pub = provider.createKey(ref(key));
    assertEquals(pub, kms.version(key + "/cryptoKeyVersions/1").publicKey());
    assertTrue(kms.calls().containsAll(List.of("CreateKeyRing", "CreateCryptoKey")));
    assertEquals(pub, provider.createKey(ref(key)), "second run reuses the key");
    assertEquals(1, kms.calls().stream().filter("CreateCryptoKey"::equals).count());
  }

  @Test
  void errorsNameTheUriAndSayWhatIsWrong() {
    kms.addKey(RING + "/cryptoKeys/sym", CryptoKeyPurpose.ENCRYPT_DECRYPT, CryptoKeyVersionAlgorithm.GOOGLE_SYMMETRIC_ENCRYPTION);
    kms.addKey(RING + "/cryptoKeys/ed", CryptoKeyPurpose.ASYMMETRIC_SIGN, CryptoKeyVersionAlgorithm.EC_SIGN_ED25519);
    kms.addKey(RING + "/cryptoKeys/secret", CryptoKeyPurpose.ASYMMETRIC_SIGN, CryptoKeyVersionAlgorithm.EC_SIGN_P256_SHA256);
    kms.deny(RING + "/cryptoKeys/secret");
    assertMessage("loading key gcpkms://" + RING + "/cryptoKeys/none: key not found in cloud kms", RING + "/cryptoKeys/none");
    assertMessage("gcpkms://" + RING + "/cryptoKeys/sym is not an asymmetric signing key (purpose ENCRYPT_DECRYPT)", RING + "/cryptoKeys/sym");
    assertMessage("unsupported key algorithm EC_SIGN_ED25519 for gcpkms://" + RING + "/cryptoKeys/ed: use EC_SIGN_P256_SHA256,"
        + " EC_SIGN_P384_SHA384, RSA_SIGN_PKCS1_* or RSA_SIGN_PSS_*", RING + "/cryptoKeys/ed");
    assertMessage("loading key gcpkms://" + RING + "/cryptoKeys/secret: permission denied by cloud kms"
        + " (the caller needs cloudkms.signerVerifier on the key)", RING + "/cryptoKeys/secret");
    kms.unauthenticated(true);
    assertMessage("loading key gcpkms://" + RING + "/cryptoKeys/ed: cloud kms rejected the credentials"
        + " (expired or invalid; refresh application default credentials)", RING + "/cryptoKeys/ed");
  }

  @Test
  void disabledVersionAndCorruptedChecksumAreRefused() {
    String key = RING + "/cryptoKeys/d";
    kms.addKey(key, CryptoKeyPurpose.ASYMMETRIC_SIGN, CryptoKeyVersionAlgorithm.EC_SIGN_P256_SHA256).state(CryptoKeyVersionState.DISABLED);
    assertMessage("key version gcpkms://" + key + "/versions/1 is DISABLED, not ENABLED", key + "/versions/1");
    assertMessage("gcpkms://" + key + " has no ENABLED key version", key);
    kms.version(key + "/cryptoKeyVersions/1").state(CryptoKeyVersionState.ENABLED);
    Signer s = provider.signer(ref(key), null);
    kms.corruptSignatureChecksum(true);
    KmsException e = assertThrows(KmsException.class, () -> s.sign(MSG));
    assertEquals("signing with gcpkms://" + key + ": signature checksum mismatch (response corrupted in transit)", e.getMessage());
  }

  @Test
  void unreachableEndpointFailsFast() {
    Map<String, String> env = Map.of(GcpKmsClients.ENDPOINT, "127.0.0.1:1", GcpKmsClients.INSECURE, "1");
    try (var p = new GcpKmsSignerProvider(n -> Optional.ofNullable(env.get(n)))) {
      long t0 = System.nanoTime();
      KmsException e = assertThrows(KmsException.class, () -> p.publicKey(ref(RING + "/cryptoKeys/a")));
      assertEquals("loading key gcpkms://" + RING + "/cryptoKeys/a: cloud kms endpoint unreachable", e.getMessage());
      assertTrue(System.nanoTime() - t0 < 15_000_000_000L);
    }
  }

  @Test
  void insecureWithoutEndpointIsRefused() {
    try (var p = new GcpKmsSignerProvider(n -> n.equals(GcpKmsClients.INSECURE) ? Optional.of("1") : Optional.empty())) {
      assertThrows(InvalidInputException.class, () -> p.publicKey(ref(RING + "/cryptoKeys/a")));
    }
  }

  private void assertMessage(String expected, String name) {
    KmsException e = assertThrows(KmsException.class, () -> provider.signer(ref(name), null));
    assertEquals(expected, e.getMessage());
  }
}
