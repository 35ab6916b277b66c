package dev.jcosign.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcosign.core.error.KeyException;
import dev.jcosign.core.keys.CosignEncryptedPrivateKey;
import dev.jcosign.core.keys.PemBlock;
import dev.jcosign.core.keys.PrivateKeys;
import dev.jcosign.core.keys.PublicKeys;
import dev.jcosign.testing.KeyVectors;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** generate-key-pair, import-key-pair and public-key run in-process through {@link Main#run}. */
class KeyCommandsTest {
  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  private static Run run(Map<String, String> env, String stdin, boolean interactive, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, new Env(env), new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), interactive);
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static Run run(String password, String... args) {
    return run(Map.of(Env.COSIGN_PASSWORD, password), "", false, args);
  }

  private static Map<String, String> noPassword() {
    return Map.of();
  }

  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  private static void assertDecrypts(Path key, String password) throws IOException {
    byte[] pem = Files.readAllBytes(key);
    CosignEncryptedPrivateKey.decrypt(pem, password.toCharArray());
  }

  /** One {@code Error: ...} line on stderr, exit 1, no stack trace. */
  private static void assertError(Run r, String message) {
    assertEquals(1, r.code(), r.err());
    assertEquals("Error: " + message + "\n", r.err().substring(r.err().indexOf("Error: ")));
    assertFalse(r.err().contains("\tat "), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
  }

  // --- generate-key-pair ---

  @Test
  void generate_writesFilesWithModes_andAnnouncesThem() throws IOException {
    String prefix = dir.resolve("cosign").toString();
    Run r = run("pw", "generate-key-pair", "--output-key-prefix", prefix);
    assertEquals(0, r.code(), r.err());
    assertEquals("", r.out());
    assertEquals("Private key written to " + prefix + ".key\nPublic key written to " + prefix + ".pub\n", r.err());
    assertEquals("rw-------", mode(Path.of(prefix + ".key")));
    assertEquals("rw-r--r--", mode(Path.of(prefix + ".pub")));
    assertDecrypts(Path.of(prefix + ".key"), "pw");
    assertEquals(CosignEncryptedPrivateKey.SIGSTORE_LABEL, PemBlock.decode(Files.readAllBytes(Path.of(prefix + ".key"))).label());
  }

  @Test
  void generate_prefixFromEnvironmentFlag() {
    String prefix = dir.resolve("fromenv").toString();
    Run r = run(Map.of(Env.COSIGN_PASSWORD, "pw", "COSIGN_OUTPUT_KEY_PREFIX", prefix), "", false, "generate-key-pair");
    assertEquals(0, r.code(), r.err());
    assertTrue(Files.exists(Path.of(prefix + ".key")));
  }

  @Test
  void generate_emptyCosignPassword_isAValidPassword() throws IOException {
    String prefix = dir.resolve("empty").toString();
    Run r = run("", "generate-key-pair", "--output-key-prefix", prefix);
    assertEquals(0, r.code(), r.err());
    assertDecrypts(Path.of(prefix + ".key"), "");
  }

  @Test
  void generate_passwordPipedOnStdin_includesTheNewline() throws IOException {
    String prefix = dir.resolve("piped").toString();
    Run r = run(noPassword(), "pw\n", false, "generate-key-pair", "--output-key-prefix", prefix);
    assertEquals(0, r.code(), r.err());
    assertDecrypts(Path.of(prefix + ".key"), "pw\n");
    assertThrows(KeyException.class, () -> assertDecrypts(Path.of(prefix + ".key"), "pw"));
  }

  @Test
  void generate_interactive_promptsTwice() throws IOException {
    String prefix = dir.resolve("tty").toString();
    Run r = run(noPassword(), "secret\nsecret\n", true, "generate-key-pair", "--output-key-prefix", prefix);
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().startsWith("Enter password for private key: Enter password for private key again: "), r.err());
    assertDecrypts(Path.of(prefix + ".key"), "secret");
  }

  @Test
  void generate_interactive_mismatch() {
    String prefix = dir.resolve("tty").toString();
    Run r = run(noPassword(), "secret\nsecreT\n", true, "generate-key-pair", "--output-key-prefix", prefix);
    assertError(r, "passwords do not match");
    assertFalse(Files.exists(Path.of(prefix + ".key")));
  }

  @Test
  void generate_overwriteDeclined_leavesOldKeyUntouched() throws IOException {
    String prefix = dir.resolve("cosign").toString();
    assertEquals(0, run("old", "generate-key-pair", "--output-key-prefix", prefix).code());
    byte[] oldKey = Files.readAllBytes(Path.of(prefix + ".key"));
    byte[] oldPub = Files.readAllBytes(Path.of(prefix + ".pub"));

    Run r = run(Map.of(Env.COSIGN_PASSWORD, "new"), "n\n", false, "generate-key-pair", "--output-key-prefix", prefix);
    assertEquals("WARNING: File " + prefix + ".key already exists. Overwrite?\n"
        + "Are you sure you would like to continue? [y/N] Error: user declined the prompt\n", r.err());
    assertEquals(1, r.code());
    assertArrayEquals(oldKey, Files.readAllBytes(Path.of(prefix + ".key")));
    assertArrayEquals(oldPub, Files.readAllBytes(Path.of(prefix + ".pub")));

    r = run(Map.of(Env.COSIGN_PASSWORD, "new"), "y\n", false, "generate-key-pair", "--output-key-prefix", prefix);
    assertEquals(0, r.code(), r.err());
    assertDecrypts(Path.of(prefix + ".key"), "new");
    assertEquals("rw-------", mode(Path.of(prefix + ".key")));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "--kms|foo://alias/x|no signer for key reference scheme \"foo\"",
    "--kms|some.key|creating keys is not supported for key references like file://",
    "k8s://ns/name||generate-key-pair to k8s:// is not supported yet (k8s://ns/name)",
    "github://me/repo||generate-key-pair to github:// is not supported yet (github://me/repo)",
    "gitlab://group||generate-key-pair to gitlab:// is not supported yet (gitlab://group)",
    "foo||unsupported target \"foo\": expected k8s://, github:// or gitlab://"
  })
  void generate_otherTargets_notSupportedYet(String arg1, String arg2, String message) {
    Run r = arg2 == null ? run("pw", "generate-key-pair", arg1) : run("pw", "generate-key-pair", arg1, arg2);
    assertError(r, message);
  }

  // --- public-key ---

  @ParameterizedTest
  @CsvSource({"sigstore-label_p256_pw-hello, hello", "cosign-label_p256_pw-123, 123", "sigstore-label_rsa4096_pw-123, 123",
      "cosign-generated_p256_pw-empty, ''"})
  void publicKey_printsThePemOnStdout(String name, String password) {
    Path key = KeyVectors.copy("keys/" + name + ".key", dir);
    Run r = run(password, "public-key", "--key", key.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(KeyVectors.text("keys/" + name + ".pub"), r.out());
    assertEquals("", r.err());
  }

  @Test
  void publicKey_outfile() throws IOException {
    Path key = KeyVectors.copy("keys/cosign-label_p256_pw-123.key", dir);
    Path outfile = dir.resolve("out.pub");
    Files.writeString(outfile, "a much longer stale content that must not survive as a tail ".repeat(10));
    Run r = run("123", "public-key", "--key", key.toString(), "--outfile", outfile.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals("", r.out());
    assertEquals("Public key written to " + outfile + "\n", r.err());
    assertEquals(KeyVectors.text("keys/cosign-label_p256_pw-123.pub"), Files.readString(outfile));
    assertEquals("rw-------", mode(outfile));
  }

  @Test
  void publicKey_fromEnvKeyRef_andPipedPassword() {
    Run r = run(Map.of("MYKEY", KeyVectors.text("keys/cosign-label_p256_pw-hello.key")), "hello", false,
        "public-key", "--key", "env://MYKEY");
    assertEquals(0, r.code(), r.err());
    assertEquals(KeyVectors.text("keys/cosign-label_p256_pw-hello.pub"), r.out());
  }

  @Test
  void publicKey_keyFromCosignKeyVariable() {
    Path key = KeyVectors.copy("keys/cosign-label_p256_pw-123.key", dir);
    Run r = run(Map.of(Env.COSIGN_PASSWORD, "123", "COSIGN_KEY", key.toString()), "", false, "public-key");
    assertEquals(0, r.code(), r.err());
    assertEquals(KeyVectors.text("keys/cosign-label_p256_pw-123.pub"), r.out());
  }

  // --- import-key-pair ---

  @ParameterizedTest
  @ValueSource(strings = {"ec-p256_pkcs8", "ec-p256_sec1", "ec-p384_sec1", "ec-p521_sec1", "ed25519_pkcs8", "rsa2048_pkcs1", "rsa2048_pkcs8"})
  void import_accept(String name) throws IOException {
    Path input = KeyVectors.copy("import-key-pair/" + name + "_ACCEPT.pem", dir);
    String prefix = dir.resolve("import-cosign").toString();
    Run r = run("pw", "import-key-pair", "-k", input.toString(), "-o", prefix);
    assertEquals(0, r.code(), r.err());
    assertEquals("Private key written to " + prefix + ".key\nPublic key written to " + prefix + ".pub\n", r.err());
    assertArrayEquals(KeyVectors.bytes("import-key-pair/" + name + "_expected.pub"), Files.readAllBytes(Path.of(prefix + ".pub")));
    byte[] pem = Files.readAllBytes(Path.of(prefix + ".key"));
    assertEquals(CosignEncryptedPrivateKey.SIGSTORE_LABEL, PemBlock.decode(pem).label());
    assertArrayEquals(Files.readAllBytes(Path.of(prefix + ".pub")),
        PublicKeys.toPem(PrivateKeys.publicKeyOf(CosignEncryptedPrivateKey.decrypt(pem, "pw".toCharArray()))));
    assertEquals("rw-------", mode(Path.of(prefix + ".key")));
    assertEquals("rw-r--r--", mode(Path.of(prefix + ".pub")));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "rsa1024_pkcs1_REJECT.pem|error validating rsa key: unsupported rsa modulus size 1024: modulus size must be 2048, 3072, or 4096",
    "rsa5120_pkcs1_REJECT.pem|error validating rsa key: unsupported rsa modulus size 5120: modulus size must be 2048, 3072, or 4096",
    "ec-p224_sec1_REJECT.pem|error validating ecdsa key: unsupported curve P-224, must be NIST P-256, P-384 or P-521",
    "ec-secp256k1_sec1_REJECT.pem|error parsing ecdsa private key: unsupported elliptic curve",
    "public-key-not-private_REJECT.pem|unsupported private key: pem type \"PUBLIC KEY\""
  })
  void import_reject(String file, String message) {
    Path input = KeyVectors.copy("import-key-pair/" + file, dir);
    String prefix = dir.resolve("import-cosign").toString();
    Run r = run("pw", "import-key-pair", "--key", input.toString(), "--output-key-prefix", prefix);
    assertError(r, message);
    assertFalse(Files.exists(Path.of(prefix + ".key")));
  }

  @Test
  void import_existingKey_askedUnlessYes() throws IOException {
    Path input = KeyVectors.copy("import-key-pair/ec-p256_pkcs8_ACCEPT.pem", dir);
    String prefix = dir.resolve("import-cosign").toString();
    Files.writeString(Path.of(prefix + ".key"), "old");
    Run r = run(Map.of(Env.COSIGN_PASSWORD, "pw"), "", false, "import-key-pair", "-k", input.toString(), "-o", prefix);
    assertError(r, "user declined the prompt");
    assertEquals("old", Files.readString(Path.of(prefix + ".key")));
    r = run("pw", "import-key-pair", "-k", input.toString(), "-o", prefix, "--yes");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().startsWith("WARNING: File " + prefix + ".key already exists. Overwrite?\nPrivate key written to "), r.err());
    assertDecrypts(Path.of(prefix + ".key"), "pw");
  }

  @Test
  void import_withoutKey() {
    assertError(run("pw", "import-key-pair"), "required flag \"--key\" not set");
  }

  // --- bad input: one "Error:" line, exit 1, no stack trace ---

  @Test
  void wrongPassword() {
    Path key = KeyVectors.copy("keys/cosign-label_p256_pw-hello.key", dir);
    assertError(run("nope", "public-key", "--key", key.toString()),
        "loading private key " + key + ": wrong password for private key: decrypt: encrypted: decryption failed");
  }

  @Test
  void malformedPem() throws IOException {
    Path key = dir.resolve("bad.key");
    Files.writeString(key, "-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\n@@@@\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n");
    assertError(run("pw", "public-key", "--key", key.toString()),
        "loading private key " + key + ": invalid pem: bad base64 in \"ENCRYPTED SIGSTORE PRIVATE KEY\" block");
    Files.writeString(key, "hello\n");
    assertError(run("pw", "public-key", "--key", key.toString()), "loading private key " + key + ": invalid pem: no PEM block found");
  }

  @Test
  void unknownLabel() throws IOException {
    Path key = dir.resolve("other.key");
    Files.write(key, new PemBlock("OPENSSH PRIVATE KEY", new byte[] {1, 2, 3}).encode());
    assertError(run("pw", "public-key", "--key", key.toString()), "loading private key " + key + ": unsupported pem type: OPENSSH PRIVATE KEY");
  }

  @Test
  void badScryptParameters() throws IOException {
    Path key = rewrite("\"N\":32768", "\"N\":1024");
    assertError(run("hello", "public-key", "--key", key.toString()),
        "loading private key " + key + ": invalid encrypted private key: unsupported scrypt parameters N=1024 r=8 p=1");
  }

  @Test
  void truncatedCiphertext() throws IOException {
    Path key = rewriteRegex("\"ciphertext\":\"[^\"]*\"", "\"ciphertext\":\"AAAA\"");
    assertError(run("hello", "public-key", "--key", key.toString()),
        "loading private key " + key + ": invalid encrypted private key: ciphertext is truncated (3 bytes)");
  }

  @Test
  void missingFile_andDirectory() {
    Path missing = dir.resolve("missing.key");
    assertError(run("pw", "public-key", "--key", missing.toString()), "reading key file " + missing + ": no such file");
    assertError(run("pw", "public-key", "--key", dir.toString()), "reading key file " + dir + ": is a directory");
    assertError(run("pw", "import-key-pair", "--key", dir.toString()), "reading key file " + dir + ": is a directory");
  }

  @Test
  void publicKeyGivenWherePrivateKeyIsNeeded() {
    Path pub = KeyVectors.copy("keys/cosign-label_p256_pw-123.pub", dir);
    assertError(run(noPassword(), "", false, "public-key", "--key", pub.toString()),
        "loading private key " + pub + ": unsupported pem type: PUBLIC KEY (this is a public key; signing needs the encrypted .key file)");
  }

  @Test
  void keySchemes_unknownAndNotYetSupported() {
    assertError(run("pw", "public-key", "--key", "foo://bar"), "no signer for key reference scheme \"foo\"");
    assertError(run("pw", "public-key", "--key", "k8s://ns/k"),
        "key reference scheme \"k8s\" is not supported yet (k8s://ns/k)");
    assertError(run("pw", "public-key", "--key", "env://UNSET_VAR"), "key reference env://UNSET_VAR: environment variable UNSET_VAR is not set");
    assertError(run("pw", "public-key"), "required flag \"--key\" not set");
  }

  private Path rewrite(String from, String to) throws IOException {
    return rewriteRegex(java.util.regex.Pattern.quote(from), to);
  }

  private Path rewriteRegex(String regex, String replacement) throws IOException {
    String json = new String(PemBlock.decode(KeyVectors.bytes("keys/sigstore-label_p256_pw-hello.key")).bytes(), StandardCharsets.US_ASCII);
    String edited = json.replaceAll(regex, replacement);
    assertFalse(edited.equals(json), "edit did not apply");
    Path key = dir.resolve("edited.key");
    Files.write(key, new PemBlock(CosignEncryptedPrivateKey.SIGSTORE_LABEL, edited.getBytes(StandardCharsets.US_ASCII)).encode());
    return key;
  }
}
