package dev.jcosign.adapters.keyfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcosign.core.keys.CosignEncryptedPrivateKey;
import dev.jcosign.core.keyops.GenerateKeyPair;
import dev.jcosign.core.keyops.GenerateKeyPairRequest;
import dev.jcosign.core.keyops.ImportKeyPair;
import dev.jcosign.core.keyops.ImportKeyPairRequest;
import dev.jcosign.core.keyops.KeyPairFiles;
import dev.jcosign.core.keys.PublicKeys;
import dev.jcosign.core.spi.KeyRef;
import dev.jcosign.core.spi.Progress;
import dev.jcosign.core.spi.Signer;
import dev.jcosign.testing.KeyVectors;
import dev.jcosign.testing.OpensslRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Our keys and signatures checked by an independent implementation: the openssl binary. */
@Tag("e2e")
class OpensslCrossCheckTest {
  @TempDir Path dir;

  private final KeyFileSignerProvider provider = new KeyFileSignerProvider(name -> Optional.empty());

  @Test
  void p256VectorKey_signature_verifiesWithOpensslSha256() throws IOException {
    Path key = KeyVectors.copy("keys/sigstore-label_p256_pw-hello.key", dir);
    Signer signer = provider.signer(KeyRef.parse(key.toString()), confirm -> "hello".toCharArray());
    assertOpensslVerifies(signer, "-sha256");
  }

  @ParameterizedTest
  @CsvSource({"ec-p384_sec1, -sha384", "ec-p521_sec1, -sha512", "rsa2048_pkcs1, -sha256", "ec-p256_sec1, -sha256"})
  void importedKeys_signWithTheirHash_verifiedByOpenssl(String name, String digest) throws IOException {
    Signer signer = importAndLoad(KeyVectors.copy("import-key-pair/" + name + "_ACCEPT.pem", dir));
    assertOpensslVerifies(signer, digest);
  }

  @Test
  void generatedKey_decryptsToPkcs8_whosePublicKeyOpensslDerivesIdentically() throws IOException {
    KeyPairFiles out = new KeyPairFiles(dir.resolve("gen").toString());
    new GenerateKeyPair(confirm -> "pw".toCharArray(), Progress.SILENT).run(new GenerateKeyPairRequest(out));
    byte[] pkcs8 = CosignEncryptedPrivateKey.decryptToPkcs8(Files.readAllBytes(out.privateKey()), "pw".toCharArray());
    Files.write(dir.resolve("gen.der"), pkcs8);
    String derived = OpensslRunner.ok(dir, "pkey", "-inform", "DER", "-in", "gen.der", "-pubout");
    assertEquals(Files.readString(out.publicKey()), derived);
    String text = OpensslRunner.ok(dir, "pkey", "-inform", "DER", "-in", "gen.der", "-noout", "-text");
    assertTrue(text.contains("NIST CURVE: P-256"), text);
  }

  @ParameterizedTest
  @CsvSource({"EC, ec_paramgen_curve:P-384", "RSA, rsa_keygen_bits:3072", "ED25519, ''"})
  void opensslGeneratedKeys_importWithTheSamePublicKey(String algorithm, String option) throws IOException {
    if (option.isEmpty()) {
      OpensslRunner.ok(dir, "genpkey", "-algorithm", algorithm, "-out", "in.pem");
    } else {
      OpensslRunner.ok(dir, "genpkey", "-algorithm", algorithm, "-pkeyopt", option, "-out", "in.pem");
    }
    Signer signer = importAndLoad(dir.resolve("in.pem"));
    assertEquals(OpensslRunner.ok(dir, "pkey", "-in", "in.pem", "-pubout"), new String(PublicKeys.toPem(signer.publicKey()),
        java.nio.charset.StandardCharsets.US_ASCII));
  }

  private Signer importAndLoad(Path pem) {
    KeyPairFiles out = new KeyPairFiles(dir.resolve("imported").toString());
    new ImportKeyPair(confirm -> "pw".toCharArray(), Progress.SILENT).run(new ImportKeyPairRequest(pem, out, true));
    return provider.signer(KeyRef.parse(out.privateKeyName()), confirm -> "pw".toCharArray());
  }

  private void assertOpensslVerifies(Signer signer, String digest) throws IOException {
    Files.write(dir.resolve("payload"), KeyVectors.bytes("legacy-keyed-signatures/payload.json"));
    Files.write(dir.resolve("sig"), signer.sign(KeyVectors.bytes("legacy-keyed-signatures/payload.json")));
    Files.write(dir.resolve("pub.pem"), PublicKeys.toPem(signer.publicKey()));
    String out = OpensslRunner.ok(dir, "dgst", digest, "-verify", "pub.pem", "-signature", "sig", "payload");
    assertEquals("Verified OK\n", out);
  }
}
