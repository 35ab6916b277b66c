package dev.jcosign.core.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.testing.KeyVectors;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Base64;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SignaturesTest {
  private static final byte[] PAYLOAD = KeyVectors.bytes("legacy-keyed-signatures/payload.json");

  @ParameterizedTest
  @ValueSource(strings = {"ec-p256", "ec-p384", "rsa2048", "rsa3072"})
  void legacyVectors_verifyWithSha256(String name) {
    PublicKey key = PublicKeys.fromPem(KeyVectors.bytes("legacy-keyed-signatures/" + name + ".pub"));
    byte[] sig = legacySig(name);
    assertTrue(Signatures.verify(key, PAYLOAD, sig, DigestAlgorithm.SHA256));
    byte[] tampered = PAYLOAD.clone();
    tampered[10] ^= 1;
    assertFalse(Signatures.verify(key, tampered, sig, DigestAlgorithm.SHA256));
  }

  @Test
  void p384LegacyVector_isSha256_notSha384() {
    PublicKey key = PublicKeys.fromPem(KeyVectors.bytes("legacy-keyed-signatures/ec-p384.pub"));
    assertTrue(Signatures.verify(key, PAYLOAD, legacySig("ec-p384"), DigestAlgorithm.SHA256));
    assertFalse(Signatures.verify(key, PAYLOAD, legacySig("ec-p384"), DigestAlgorithm.SHA384));
    assertFalse(Signatures.verify(key, PAYLOAD, legacySig("ec-p384"), DigestAlgorithm.SHA512));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ec-p256", "rsa2048"})
  void malformedSignatures_doNotVerify_andDoNotThrow(String name) {
    PublicKey key = PublicKeys.fromPem(KeyVectors.bytes("legacy-keyed-signatures/" + name + ".pub"));
    for (byte[] bad : new byte[][] {new byte[0], new byte[] {0x30}, new byte[] {0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00},
        "not a signature at all".getBytes(StandardCharsets.US_ASCII), new byte[512]}) {
      assertFalse(Signatures.verify(key, PAYLOAD, bad, DigestAlgorithm.SHA256));
    }
  }

  @ParameterizedTest
  @CsvSource({
    "ec-p256_pkcs8, sha256, sha384", "ec-p384_sec1, sha384, sha256", "ec-p521_sec1, sha512, sha256",
    "rsa2048_pkcs1, sha256, sha512"
  })
  void sign_usesTheHashOfTheKeyType(String name, String expected, String other) {
    PrivateKey key = ImportableKeys.parse(KeyVectors.bytes("import-key-pair/" + name + "_ACCEPT.pem"));
    PublicKey pub = PrivateKeys.publicKeyOf(key);
    byte[] sig = Signatures.sign(key, PAYLOAD);
    assertTrue(Signatures.verify(pub, PAYLOAD, sig, DigestAlgorithm.parse(expected)));
    assertFalse(Signatures.verify(pub, PAYLOAD, sig, DigestAlgorithm.parse(other)));
    assertEquals(DigestAlgorithm.parse(expected), DigestAlgorithm.defaultFor(pub));
  }

  @Test
  void ed25519_signsEd25519ph_andAcceptsPureEd25519Too() {
    PrivateKey key = ImportableKeys.parse(KeyVectors.bytes("import-key-pair/ed25519_pkcs8_ACCEPT.pem"));
    PublicKey pub = PrivateKeys.publicKeyOf(key);
    byte[] ph = Signatures.sign(key, PAYLOAD);
    assertEquals(64, ph.length);
    assertTrue(Signatures.verify(pub, PAYLOAD, ph, DigestAlgorithm.SHA256));

    Ed25519Signer pure = new Ed25519Signer();
    pure.init(true, new Ed25519PrivateKeyParameters(PrivateKeys.seed((java.security.interfaces.EdECPrivateKey) key)));
    pure.update(PAYLOAD, 0, PAYLOAD.length);
    byte[] pureSig = pure.generateSignature();
    assertFalse(java.util.Arrays.equals(ph, pureSig), "ph and pure must differ (domain separation)");
    assertTrue(Signatures.verify(pub, PAYLOAD, pureSig, DigestAlgorithm.SHA256));
    assertFalse(Signatures.verify(pub, "other".getBytes(StandardCharsets.US_ASCII), pureSig, DigestAlgorithm.SHA256));
    assertFalse(Signatures.verify(pub, PAYLOAD, new byte[63], DigestAlgorithm.SHA256));
  }

  @Test
  void digestAlgorithm_parse() {
    assertEquals(DigestAlgorithm.SHA224, DigestAlgorithm.parse("sha224"));
    assertEquals(DigestAlgorithm.SHA512, DigestAlgorithm.parse("SHA512"));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> DigestAlgorithm.parse("md5"));
    assertEquals("unsupported digest algorithm \"md5\": use sha224, sha256, sha384 or sha512", e.getMessage());
  }

  @Test
  void sha224_verifies() {
    PrivateKey key = KeyGeneration.p256().getPrivate();
    assertTrue(Signatures.verify(PrivateKeys.publicKeyOf(key), PAYLOAD, Signatures.sign(key, PAYLOAD), DigestAlgorithm.SHA256));
    assertFalse(Signatures.verify(PrivateKeys.publicKeyOf(key), PAYLOAD, Signatures.sign(key, PAYLOAD), DigestAlgorithm.SHA224));
  }

  /**
   * ECDSA is verified with Bouncy Castle (issue 12, start-up); the JDK's SunEC is the independent
   * reference: for every curve and hash, genuine, tampered and re-encoded signatures get its answer.
   */
  @ParameterizedTest
  @CsvSource({"secp256r1, SHA-256", "secp256r1, SHA-512", "secp384r1, SHA-384", "secp384r1, SHA-256", "secp521r1, SHA-512"})
  void ecdsa_answersAsTheJdkDoes(String curve, String hash) throws Exception {
    java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
    g.initialize(new java.security.spec.ECGenParameterSpec(curve));
    java.security.KeyPair kp = g.generateKeyPair();
    DigestAlgorithm d = DigestAlgorithm.parse(hash.replace("-", "").toLowerCase(java.util.Locale.ROOT));
    java.util.Random random = new java.util.Random(curve.hashCode() ^ hash.hashCode());
    for (int i = 0; i < 20; i++) {
      byte[] message = new byte[random.nextInt(300)];
      random.nextBytes(message);
      java.security.Signature signer = java.security.Signature.getInstance(d.signatureAlgorithm("ECDSA"));
      signer.initSign(kp.getPrivate());
      signer.update(message);
      byte[] sig = signer.sign();
      java.util.List<byte[]> variants = new java.util.ArrayList<>(java.util.List.of(sig, withTrailingZero(sig), longFormLength(sig)));
      byte[] flipped = sig.clone();
      flipped[sig.length - 1 - random.nextInt(8)] ^= (byte) (1 << random.nextInt(8));
      variants.add(flipped);
      for (byte[] v : variants) {
        java.security.Signature jdk = java.security.Signature.getInstance(d.signatureAlgorithm("ECDSA"));
        jdk.initVerify(kp.getPublic());
        jdk.update(message);
        boolean expected;
        try {
          expected = jdk.verify(v);
        } catch (java.security.SignatureException e) {
          expected = false;
        }
        assertEquals(expected, Signatures.verify(kp.getPublic(), message, v, d), curve + " " + hash + " variant " + variants.indexOf(v));
      }
      assertTrue(Signatures.verify(kp.getPublic(), message, sig, d));
    }
  }

  @Test
  void ecdsa_zeroOrOversizedRAndS_doNotVerify() {
    PublicKey key = PublicKeys.fromPem(KeyVectors.bytes("legacy-keyed-signatures/ec-p256.pub"));
    byte[] nOfP256 = new java.math.BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16).toByteArray();
    for (byte[] r : new byte[][] {{0}, {-1}, nOfP256}) {
      byte[] body = concat(new byte[] {0x02, (byte) r.length}, r, new byte[] {0x02, 0x01, 0x01});
      assertFalse(Signatures.verify(key, PAYLOAD, concat(new byte[] {0x30, (byte) body.length}, body), DigestAlgorithm.SHA256));
    }
  }

  private static byte[] withTrailingZero(byte[] sig) {
    return concat(sig, new byte[] {0});
  }

  /** The same SEQUENCE with its length in the (non-DER) long form: BER, which Go and the JDK refuse. */
  private static byte[] longFormLength(byte[] sig) {
    int headerLength = (sig[1] & 0x80) == 0 ? 2 : 2 + (sig[1] & 0x7f);
    byte[] body = java.util.Arrays.copyOfRange(sig, headerLength, sig.length);
    return concat(new byte[] {0x30, (byte) 0x82, (byte) (body.length >> 8), (byte) body.length}, body);
  }

  private static byte[] concat(byte[]... parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private static byte[] legacySig(String name) {
    return Base64.getDecoder().decode(KeyVectors.text("legacy-keyed-signatures/" + name + ".sig.b64").trim());
  }
}
