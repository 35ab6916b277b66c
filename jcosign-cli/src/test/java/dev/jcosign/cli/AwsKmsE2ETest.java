package dev.jcosign.cli;

import static dev.jcosign.testing.CleanErrors.assertCleanFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcosign.testing.CliRunner;
import dev.jcosign.testing.CliRunner.Result;
import dev.jcosign.testkit.AwsKmsFake;
import dev.jcosign.testkit.DockerRegistryServer;
import dev.jcosign.testkit.DockerRegistryServer.Variant;
import dev.jcosign.testkit.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sign an image on the real registry with an {@code awskms://} key and verify it both ways (issue 5). */
@Tag("e2e")
class AwsKmsE2ETest {
  @TempDir static Path home;
  static AwsKmsFake kms;
  static DockerRegistryServer reg;
  static CliRunner cli;

  @BeforeAll
  static void setUp() {
    kms = new AwsKmsFake();
    reg = DockerRegistryServer.get(Variant.PLAIN);
    cli = AwsKmsCliTest.credentials(new CliRunner(home));
  }

  @AfterAll
  static void tearDown() {
    kms.close();
  }

  private static String push(String repo) {
    TestImages.Image img = TestImages.push(reg, repo, "v1", "kms " + repo);
    return reg.host() + "/" + repo + "@" + img.manifestDigest();
  }

  private static String uri(String key) {
    return "awskms://" + kms.endpoint() + "/" + key;
  }

  /** generate-key-pair, sign, verify with cosign.pub and with the URI, public-key: the whole round. */
  private static void roundTrip(String ref, String image, Path pub, String... verifyFlags) throws IOException {
    Result s = cli.run("sign", "--key", ref, "--tlog-upload=false", image);
    assertEquals(0, s.code(), s.describe());
    for (String key : List.of(pub.toString(), ref)) {
      String[] args = new String[4 + verifyFlags.length + 1];
      args[0] = "verify";
      args[1] = "--key";
      args[2] = key;
      args[3] = "--insecure-ignore-tlog";
      System.arraycopy(verifyFlags, 0, args, 4, verifyFlags.length);
      args[args.length - 1] = image;
      Result v = cli.run(args);
      assertEquals(0, v.code(), "verify --key " + key + "\n" + v.describe());
    }
    Result p = cli.run("public-key", "--key", ref);
    assertEquals(0, p.code(), p.describe());
    assertEquals(Files.readString(pub), p.out());
  }

  @Test
  void p256_createdByGenerateKeyPair() throws IOException {
    String ref = uri("alias/e2e-release");
    Result g = cli.run("generate-key-pair", "--kms", ref, "--output-key-prefix", home.resolve("p256").toString());
    assertEquals(0, g.code(), g.describe());
    roundTrip(ref, push("kms/aws-p256"), home.resolve("p256.pub"));
    List<AwsKmsFake.Call> signs = kms.calls.stream().filter(c -> c.op().equals("Sign")).toList();
    assertTrue(signs.stream().anyMatch(c -> c.algorithm().equals("ECDSA_SHA_256")), signs.toString());
    // every Sign call, whatever the test, sent a digest of the algorithm's hash length
    assertTrue(signs.stream().allMatch(c -> c.messageType().equals("DIGEST")
        && c.messageLength() * 8 == Integer.parseInt(c.algorithm().substring(c.algorithm().lastIndexOf('_') + 1))), signs.toString());
  }

  @Test
  void rsa2048_pkcs1First() throws IOException {
    String id = kms.addKey("RSA_2048", "SIGN_VERIFY",
        List.of("RSASSA_PKCS1_V1_5_SHA_256", "RSASSA_PKCS1_V1_5_SHA_384", "RSASSA_PSS_SHA_256"));
    Path pub = writePub(id, "rsa");
    roundTrip(uri(AwsKmsFake.arn("key/" + id)), push("kms/aws-rsa"), pub);
  }

  @Test
  void p384_signsWithSha384() throws IOException {
    String id = kms.addKey("ECC_NIST_P384", "SIGN_VERIFY", List.of("ECDSA_SHA_384"));
    kms.alias("alias/p384", id);
    Path pub = writePub(id, "p384");
    roundTrip(uri("alias/p384"), push("kms/aws-p384"), pub, "--signature-digest-algorithm", "sha384");
    assertTrue(kms.calls.stream().anyMatch(c -> c.op().equals("Sign") && c.algorithm().equals("ECDSA_SHA_384") && c.messageLength() == 48));
  }

  @Test
  void signErrorsAreOneLine() {
    String image = push("kms/aws-errors");
    String denied = kms.addKey("ECC_NIST_P256", "SIGN_VERIFY", List.of("ECDSA_SHA_256"));
    kms.deny(denied);
    assertCleanFailure(cli.run("sign", "--key", uri(denied), "--tlog-upload=false", image), 1,
        List.of(uri(denied), "permission denied"), AwsKmsFake.SECRET_KEY);
    assertCleanFailure(cli.run("sign", "--key", uri("alias/none"), "--tlog-upload=false", image), 1,
        List.of(uri("alias/none"), "key not found"));
    assertCleanFailure(cli.run("verify", "--key", uri("alias/none"), "--insecure-ignore-tlog", image), 1,
        List.of(uri("alias/none"), "key not found"));
    CliRunner expired = cli.with("AWS_SESSION_TOKEN", AwsKmsFake.EXPIRED_TOKEN);
    assertCleanFailure(expired.run("sign", "--key", uri("alias/none"), "--tlog-upload=false", image), 1,
        List.of(uri("alias/none"), "expired AWS credentials"), AwsKmsFake.EXPIRED_TOKEN, AwsKmsFake.SECRET_KEY);
  }

  private static Path writePub(String keyId, String name) throws IOException {
    Path pub = home.resolve(name + ".pub");
    Result r = cli.run("public-key", "--key", uri(keyId), "--outfile", pub.toString());
    assertEquals(0, r.code(), r.describe());
    return pub;
  }
}
