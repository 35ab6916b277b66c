package dev.jcosign.cli;

import static dev.jcosign.testing.CleanErrors.assertCleanFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcosign.core.keys.PublicKeys;
import dev.jcosign.testing.CliRunner;
import dev.jcosign.testing.CliRunner.Result;
import dev.jcosign.testkit.AwsKmsFake;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code awskms://} keys through the CLI against the in-process KMS (issue 5): keys and every error. */
class AwsKmsCliTest {
  @TempDir static Path home;
  static AwsKmsFake kms;
  static CliRunner cli;
  static String p256;

  @BeforeAll
  static void setUp() {
    kms = new AwsKmsFake();
    p256 = kms.addKey("ECC_NIST_P256", "SIGN_VERIFY", List.of("ECDSA_SHA_256"));
    kms.alias("alias/p256", p256);
    cli = credentials(new CliRunner(home));
  }

  static CliRunner credentials(CliRunner c) {
    return c.with("AWS_ACCESS_KEY_ID", AwsKmsFake.ACCESS_KEY).with("AWS_SECRET_ACCESS_KEY", AwsKmsFake.SECRET_KEY)
        .with("AWS_REGION", AwsKmsFake.REGION).with("AWS_TLS_INSECURE_SKIP_VERIFY", "1");
  }

  @AfterAll
  static void tearDown() {
    kms.close();
  }

  private static String uri(String key) {
    return "awskms://" + kms.endpoint() + "/" + key;
  }

  private static String pem(String keyId) {
    return new String(PublicKeys.toPem(kms.publicKey(keyId)), StandardCharsets.UTF_8);
  }

  @Test
  void publicKey_byIdAliasAndArns() {
    for (String k : List.of(p256, "alias/p256", AwsKmsFake.arn("key/" + p256), AwsKmsFake.arn("alias/p256"))) {
      Result r = cli.run("public-key", "--key", uri(k));
      assertEquals(0, r.code(), r.describe());
      assertEquals(pem(p256), r.out());
    }
  }

  @Test
  void generateKeyPair_createsKeyAndAlias_thenReusesIt() throws IOException {
    Path dir = Files.createTempDirectory(home, "gen");
    String prefix = dir.resolve("cosign").toString();
    Result r = cli.run("generate-key-pair", "--kms", uri("alias/created"), "--output-key-prefix", prefix);
    assertEquals(0, r.code(), r.describe());
    String id = kms.aliasTarget("alias/created");
    AwsKmsFake.Key k = kms.key(id);
    assertEquals("ECC_NIST_P256", k.spec());
    assertEquals("SIGN_VERIFY", k.usage());
    assertEquals("Created by Sigstore", k.description());
    Path pub = dir.resolve("cosign.pub");
    assertEquals(pem(id), Files.readString(pub));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(pub)));
    assertTrue(Files.notExists(dir.resolve("cosign.key")));

    long creates = kms.calls.stream().filter(c -> c.op().equals("CreateKey")).count();
    Files.delete(pub);
    r = cli.run("generate-key-pair", "--kms", uri("alias/created"), "--output-key-prefix", prefix);
    assertEquals(0, r.code(), r.describe());
    assertEquals(id, kms.aliasTarget("alias/created"));
    assertEquals(creates, kms.calls.stream().filter(c -> c.op().equals("CreateKey")).count(), "an existing alias is reused");
    assertEquals(pem(id), Files.readString(pub));
  }

  @Test
  void generateKeyPair_needsAnAlias() {
    assertCleanFailure(cli.run("generate-key-pair", "--kms", uri(p256)), 1,
        List.of("creating AWS KMS key " + uri(p256), "use an alias"));
  }

  @Test
  void keyNotFound() {
    assertCleanFailure(cli.run("public-key", "--key", uri("alias/missing")), 1,
        List.of("loading key " + uri("alias/missing") + ": key not found"));
    String id = "0000abcd-12ab-34cd-56ef-1234567890ab";
    assertCleanFailure(cli.run("public-key", "--key", uri(id)), 1, List.of(uri(id), "key not found"));
  }

  @Test
  void permissionDenied() {
    String id = kms.addKey("ECC_NIST_P256", "SIGN_VERIFY", List.of("ECDSA_SHA_256"));
    kms.deny(id);
    assertCleanFailure(cli.run("public-key", "--key", uri(id)), 1, List.of("loading key " + uri(id) + ": permission denied"),
        AwsKmsFake.SECRET_KEY);
  }

  @Test
  void encryptionKeys_areNotSigningKeys() {
    String rsa = kms.addKey("RSA_2048", "ENCRYPT_DECRYPT", List.of("RSAES_OAEP_SHA_256"));
    assertCleanFailure(cli.run("public-key", "--key", uri(rsa)), 1,
        List.of(uri(rsa), "key is not an asymmetric signing key (key usage ENCRYPT_DECRYPT)"));
    String aes = kms.addKey("SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT", List.of("SYMMETRIC_DEFAULT"));
    assertCleanFailure(cli.run("public-key", "--key", uri(aes)), 1, List.of(uri(aes), "key is not an asymmetric signing key"));
  }

  @Test
  void unsupportedKeySpecAndAlgorithm() {
    String k1 = kms.addKey("ECC_SECG_P256K1", "SIGN_VERIFY", List.of("ECDSA_SHA_256"));
    assertCleanFailure(cli.run("public-key", "--key", uri(k1)), 1, List.of(uri(k1), "unsupported key spec ECC_SECG_P256K1"));
    String pss = kms.addKey("RSA_2048", "SIGN_VERIFY", List.of("RSASSA_PSS_SHA_256", "RSASSA_PKCS1_V1_5_SHA_256"));
    assertCleanFailure(cli.run("public-key", "--key", uri(pss)), 1, List.of(uri(pss), "unsupported signing algorithm RSASSA_PSS_SHA_256"));
  }

  @Test
  void badCredentials() {
    CliRunner wrongSecret = cli.with("AWS_SECRET_ACCESS_KEY", "not-the-secret-value");
    assertCleanFailure(wrongSecret.run("public-key", "--key", uri(p256)), 1, List.of(uri(p256), "invalid AWS credentials"),
        "not-the-secret-value", AwsKmsFake.SECRET_KEY);
    CliRunner unknownId = cli.with("AWS_ACCESS_KEY_ID", "AKIAUNKNOWN000000000");
    assertCleanFailure(unknownId.run("public-key", "--key", uri(p256)), 1, List.of(uri(p256), "invalid AWS credentials"),
        AwsKmsFake.SECRET_KEY);
    CliRunner expired = cli.with("AWS_SESSION_TOKEN", AwsKmsFake.EXPIRED_TOKEN);
    assertCleanFailure(expired.run("public-key", "--key", uri(p256)), 1, List.of(uri(p256), "expired AWS credentials"),
        AwsKmsFake.EXPIRED_TOKEN, AwsKmsFake.SECRET_KEY);
  }

  @Test
  void unreachableEndpoint_failsFast() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String ref = "awskms://127.0.0.1:" + port + "/alias/p256";
    long t0 = System.nanoTime();
    assertCleanFailure(cli.run("public-key", "--key", ref), 1,
        List.of("loading key " + ref + ": cannot reach https://127.0.0.1:" + port + ": connection refused"), AwsKmsFake.SECRET_KEY);
    assertTrue(System.nanoTime() - t0 < 15_000_000_000L, "no hang on a closed port");
  }

  @Test
  void untrustedCertificate_withoutInsecureSkipVerify() {
    CliRunner strict = cli.with("AWS_TLS_INSECURE_SKIP_VERIFY", "0");
    assertCleanFailure(strict.run("public-key", "--key", uri(p256)), 1, List.of(uri(p256), "TLS failure", "AWS_TLS_INSECURE_SKIP_VERIFY=1"));
  }

  @Test
  void malformedUri() {
    assertCleanFailure(cli.run("public-key", "--key", "awskms:///nope"), 1, List.of("invalid AWS KMS key reference \"awskms:///nope\""));
  }
}
