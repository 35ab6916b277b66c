package dev.jcosign.core.keys;

import dev.jcosign.core.keyops.GenerateKeyPair;
import dev.jcosign.core.keyops.GenerateKeyPairRequest;
import dev.jcosign.core.keyops.ImportKeyPair;
import dev.jcosign.core.keyops.ImportKeyPairRequest;
import dev.jcosign.core.keyops.KeyPairFiles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcosign.core.error.KeyException;
import dev.jcosign.core.error.UserDeclinedException;
import dev.jcosign.core.spi.PasswordSource;
import dev.jcosign.core.spi.Progress;
import dev.jcosign.testing.KeyVectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyUseCasesTest {
  @TempDir Path dir;

  private final Recorder progress = new Recorder(true);
  private final PasswordSource password = confirm -> "pw".toCharArray();

  @Test
  void generate_writesEncryptedKey0600_andPublicKey0644() throws IOException {
    KeyPairFiles out = new KeyPairFiles(dir.resolve("cosign").toString());
    new GenerateKeyPair(password, progress).run(new GenerateKeyPairRequest(out));

    assertEquals("rw-------", mode(out.privateKey()));
    assertEquals("rw-r--r--", mode(out.publicKey()));
    assertEquals(List.of("info:Private key written to " + dir.resolve("cosign.key"), "info:Public key written to " + dir.resolve("cosign.pub")),
        progress.lines);
    byte[] pem = Files.readAllBytes(out.privateKey());
    assertEquals(CosignEncryptedPrivateKey.SIGSTORE_LABEL, PemBlock.decode(pem).label());
    var key = CosignEncryptedPrivateKey.decrypt(pem, "pw".toCharArray());
    assertEquals(256, ((java.security.interfaces.ECPrivateKey) key).getParams().getCurve().getField().getFieldSize());
    assertArrayEquals(Files.readAllBytes(out.publicKey()), PublicKeys.toPem(PrivateKeys.publicKeyOf(key)));
    try (var files = Files.list(dir)) {
      assertEquals(2, files.count(), "no temporary files left behind");
    }
  }

  @Test
  void generate_overExistingKey_declined_keepsOldFiles() throws IOException {
    KeyPairFiles out = new KeyPairFiles(dir.resolve("cosign").toString());
    Files.writeString(out.privateKey(), "old key");
    Files.writeString(out.publicKey(), "old pub");
    Recorder declining = new Recorder(false);
    assertThrows(UserDeclinedException.class, () -> new GenerateKeyPair(password, declining).run(new GenerateKeyPairRequest(out)));
    assertEquals(List.of("warn:File " + out.privateKeyName() + " already exists. Overwrite?", "confirm:"), declining.lines);
    assertEquals("old key", Files.readString(out.privateKey()));
    assertEquals("old pub", Files.readString(out.publicKey()));
  }

  @Test
  void generate_overExistingWorldReadableKey_accepted_replacesItWith0600() throws IOException {
    KeyPairFiles out = new KeyPairFiles(dir.resolve("cosign").toString());
    Files.writeString(out.privateKey(), "old key");
    Files.setPosixFilePermissions(out.privateKey(), PosixFilePermissions.fromString("rw-r--r--"));
    new GenerateKeyPair(password, progress).run(new GenerateKeyPairRequest(out));
    assertEquals("rw-------", mode(out.privateKey()));
    assertTrue(Files.readString(out.privateKey()).startsWith("-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----"));
  }

  @Test
  void generate_intoMissingDirectory_fails() {
    KeyPairFiles out = new KeyPairFiles(dir.resolve("nope/cosign").toString());
    KeyException e = assertThrows(KeyException.class, () -> new GenerateKeyPair(password, progress).run(new GenerateKeyPairRequest(out)));
    assertEquals("writing " + out.privateKeyName() + ": directory " + dir.resolve("nope") + " does not exist", e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"ec-p256_pkcs8", "ec-p256_sec1", "ec-p384_sec1", "ec-p521_sec1", "ed25519_pkcs8", "rsa2048_pkcs1", "rsa2048_pkcs8"})
  void import_accept_writesExpectedPublicKey_andDecryptableKey(String name) throws IOException {
    Path input = KeyVectors.copy("import-key-pair/" + name + "_ACCEPT.pem", dir);
    KeyPairFiles out = new KeyPairFiles(dir.resolve("import-cosign").toString());
    new ImportKeyPair(password, progress).run(new ImportKeyPairRequest(input, out, false));
    assertArrayEquals(KeyVectors.bytes("import-key-pair/" + name + "_expected.pub"), Files.readAllBytes(out.publicKey()));
    byte[] pem = Files.readAllBytes(out.privateKey());
    assertEquals(CosignEncryptedPrivateKey.SIGSTORE_LABEL, PemBlock.decode(pem).label());
    assertArrayEquals(Files.readAllBytes(out.publicKey()),
        PublicKeys.toPem(PrivateKeys.publicKeyOf(CosignEncryptedPrivateKey.decrypt(pem, "pw".toCharArray()))));
    assertEquals("rw-------", mode(out.privateKey()));
    assertEquals("rw-r--r--", mode(out.publicKey()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"rsa1024_pkcs1", "rsa5120_pkcs1", "ec-p224_sec1", "ec-secp256k1_sec1", "public-key-not-private"})
  void import_reject_writesNothing_andAsksNothing(String name) throws IOException {
    Path input = KeyVectors.copy("import-key-pair/" + name + "_REJECT.pem", dir);
    KeyPairFiles out = new KeyPairFiles(dir.resolve("import-cosign").toString());
    PasswordSource never = confirm -> {
      throw new AssertionError("password asked for a refused key");
    };
    assertThrows(KeyException.class, () -> new ImportKeyPair(never, progress).run(new ImportKeyPairRequest(input, out, false)));
    assertFalse(Files.exists(out.privateKey()));
    assertFalse(Files.exists(out.publicKey()));
  }

  @Test
  void import_withYes_overwritesWithoutAsking() throws IOException {
    Path input = KeyVectors.copy("import-key-pair/ec-p256_pkcs8_ACCEPT.pem", dir);
    KeyPairFiles out = new KeyPairFiles(dir.resolve("import-cosign").toString());
    Files.writeString(out.privateKey(), "old");
    Recorder declining = new Recorder(false);
    new ImportKeyPair(password, declining).run(new ImportKeyPairRequest(input, out, true));
    assertEquals("warn:File " + out.privateKeyName() + " already exists. Overwrite?", declining.lines.get(0));
    assertFalse(declining.lines.contains("confirm:"));
    assertArrayEquals(KeyVectors.bytes("import-key-pair/ec-p256_pkcs8_expected.pub"), Files.readAllBytes(out.publicKey()));
  }

  @Test
  void import_missingFileOrDirectory_fails() {
    KeyPairFiles out = new KeyPairFiles(dir.resolve("x").toString());
    KeyException e = assertThrows(KeyException.class,
        () -> new ImportKeyPair(password, progress).run(new ImportKeyPairRequest(dir.resolve("missing.pem"), out, false)));
    assertEquals("reading key file " + dir.resolve("missing.pem") + ": no such file", e.getMessage());
    e = assertThrows(KeyException.class, () -> new ImportKeyPair(password, progress).run(new ImportKeyPairRequest(dir, out, false)));
    assertEquals("reading key file " + dir + ": is a directory", e.getMessage());
  }

  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  /** Records what a use case tells the user; answers prompts with a fixed yes/no. */
  static final class Recorder implements Progress {
    final List<String> lines = new ArrayList<>();
    private final boolean yes;

    Recorder(boolean yes) {
      this.yes = yes;
    }

    @Override
    public void info(String line) {
      lines.add("info:" + line);
    }

    @Override
    public void warn(String line) {
      lines.add("warn:" + line);
    }

    @Override
    public void confirm(String question) {
      lines.add("confirm:" + question);
      if (!yes) {
        throw new UserDeclinedException("user declined the prompt");
      }
    }
  }
}
