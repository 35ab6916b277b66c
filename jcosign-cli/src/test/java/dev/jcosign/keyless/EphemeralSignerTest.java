package dev.jcosign.keyless;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.keyless.EphemeralSigner;
import dev.jcosign.core.keys.DigestAlgorithm;
import dev.jcosign.core.keys.Signatures;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The keyless ephemeral keys of {@code --signing-algorithm} (spec §1.3 sign-blob row, keyless spec §1.1 step 1). */
class EphemeralSignerTest {
  @ParameterizedTest
  @CsvSource({"ecdsa-sha2-256-nistp256,EC,SHA256", "ecdsa-sha2-384-nistp384,EC,SHA384", "ecdsa-sha2-512-nistp521,EC,SHA512",
      "rsa-sign-pkcs1-2048-sha256,RSA,SHA256"})
  void signsAndProvesPossessionWithTheSchemesHash(String name, String keyType, String hash) {
    EphemeralSigner s = EphemeralSigner.of(name);
    assertEquals(keyType, s.publicKey().getAlgorithm());
    DigestAlgorithm h = DigestAlgorithm.valueOf(hash);
    assertEquals(h, s.signingDigest().orElseThrow());
    byte[] msg = "payload".getBytes(StandardCharsets.UTF_8);
    assertTrue(Signatures.verify(s.publicKey(), msg, s.sign(msg), h));
    assertTrue(Signatures.verify(s.publicKey(), "user@example.com".getBytes(StandardCharsets.UTF_8),
        s.proofOfPossession("user@example.com"), h));
  }

  @Test
  void eachRunHasItsOwnKey() {
    assertTrue(!java.util.Arrays.equals(EphemeralSigner.p256().publicKey().getEncoded(), EphemeralSigner.p256().publicKey().getEncoded()));
    assertEquals("EphemeralSigner[EC]", EphemeralSigner.p256().toString(), "no key material in toString");
  }

  @Test
  void ed25519AndUnknownNamesAreRefused() {
    assertTrue(assertThrows(InvalidInputException.class, () -> EphemeralSigner.of("ed25519-ph")).getMessage()
        .startsWith("ed25519ph unsupported by Fulcio"));
    assertTrue(assertThrows(InvalidInputException.class, () -> EphemeralSigner.of("dsa-1024")).getMessage()
        .startsWith("unsupported --signing-algorithm \"dsa-1024\""));
  }
}
