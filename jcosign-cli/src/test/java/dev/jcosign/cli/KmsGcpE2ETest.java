package dev.jcosign.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.kms.v1.CryptoKey.CryptoKeyPurpose;
import com.google.cloud.kms.v1.CryptoKeyVersion.CryptoKeyVersionAlgorithm;
import dev.jcosign.adapters.gcpkms.FakeGcpKms;
import dev.jcosign.testing.CliRunner;
import dev.jcosign.testing.CliRunner.Result;
import dev.jcosign.testkit.DockerRegistryServer;
import dev.jcosign.testkit.DockerRegistryServer.Variant;
import dev.jcosign.testkit.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gcpkms:// through the CLI: the real Cloud KMS client to {@link FakeGcpKms}, images on the real registry (issue 5). */
@Tag("e2e")
class KmsGcpE2ETest {
  private static final String RING = "projects/rel/locations/global/keyRings/sigstore";
  @TempDir static Path home;
  static FakeGcpKms kms;
  static CliRunner cli;
  static DockerRegistryServer reg;

  @BeforeAll
  static void setUp() {
    reg = DockerRegistryServer.get(Variant.PLAIN);
    kms = new FakeGcpKms();
    cli = new CliRunner(home).with(Env.JCOSIGN_GCPKMS_ENDPOINT, kms.endpoint()).with(Env.JCOSIGN_GCPKMS_INSECURE, "1");
  }

  @AfterAll
  static void tearDown() {
    kms.close();
  }

  private static String push(String repo) {
    return reg.host() + "/" + repo + "@" + TestImages.push(reg, repo, "v1", repo).manifestDigest();
  }

  private static Result ok(Result r) {
    assertEquals(0, r.code(), r.describe());
    return r;
  }

  @Test
  void generateSignVerifyWithPubAndWithUri() throws Exception {
    String uri = "gcpkms://" + RING + "/cryptoKeys/release";
    String prefix = home.resolve("gcp").toString();
    ok(cli.run("generate-key-pair", "--kms", uri, "--output-key-prefix", prefix));
    Path pub = Path.of(prefix + ".pub");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(pub)));
    assertFalse(Files.exists(Path.of(prefix + ".key")));
    assertEquals(Files.readString(pub), ok(cli.run("public-key", "--key", uri)).out());
    assertEquals(Files.readString(pub), ok(cli.run("public-key", "--key", uri + "/versions/1")).out());

    String image = push("kms/gcp");
    ok(cli.run("sign", "--key", uri, "--tlog-upload=false", image));
    ok(cli.run("verify", "--key", pub.toString(), "--insecure-ignore-tlog", image));
    ok(cli.run("verify", "--key", uri, "--insecure-ignore-tlog", image));
    assertTrue(kms.calls().contains("AsymmetricSign"));
  }

  @Test
  void p384KeySignsWithSha384() throws Exception {
    String name = RING + "/cryptoKeys/p384";
    kms.addKey(name, CryptoKeyPurpose.ASYMMETRIC_SIGN, CryptoKeyVersionAlgorithm.EC_SIGN_P384_SHA384);
    String uri = "gcpkms://" + name + "/cryptoKeyVersions/1";
    Path pub = home.resolve("p384.pub");
    Files.writeString(pub, ok(cli.run("public-key", "--key", uri)).out());
    String image = push("kms/gcp384");
    ok(cli.run("sign", "--key", uri, "--tlog-upload=false", image));
    // the legacy verifier hashes with --signature-digest-algorithm whatever the curve (spec §2.3), as cosign
    Result sha256 = cli.run("verify", "--key", pub.toString(), "--insecure-ignore-tlog", image);
    assertEquals(12, sha256.code(), sha256.describe());
    ok(cli.run("verify", "--key", pub.toString(), "--insecure-ignore-tlog", "--signature-digest-algorithm", "sha384", image));
  }

  @Test
  void errorsAreOneLineNamingTheUri() {
    kms.addKey(RING + "/cryptoKeys/sym", CryptoKeyPurpose.ENCRYPT_DECRYPT, CryptoKeyVersionAlgorithm.GOOGLE_SYMMETRIC_ENCRYPTION);
    kms.addKey(RING + "/cryptoKeys/ed", CryptoKeyPurpose.ASYMMETRIC_SIGN, CryptoKeyVersionAlgorithm.EC_SIGN_ED25519);
    kms.addKey(RING + "/cryptoKeys/denied", CryptoKeyPurpose.ASYMMETRIC_SIGN, CryptoKeyVersionAlgorithm.EC_SIGN_P256_SHA256);
    kms.deny(RING + "/cryptoKeys/denied");
    String image = push("kms/gcperr");
    String u = "gcpkms://" + RING + "/cryptoKeys/";
    assertError(cli, "loading key " + u + "missing: key not found in cloud kms", "sign", "--key", u + "missing", "--tlog-upload=false", image);
    assertError(cli, u + "sym is not an asymmetric signing key (purpose ENCRYPT_DECRYPT)", "public-key", "--key", u + "sym");
    assertError(cli, "unsupported key algorithm EC_SIGN_ED25519 for " + u + "ed", "verify", "--key", u + "ed", "--insecure-ignore-tlog", image);
    assertError(cli, "loading key " + u + "denied: permission denied by cloud kms", "sign", "--key", u + "denied", "--tlog-upload=false", image);
    assertError(cli, "creating key " + u + "denied: permission denied by cloud kms", "generate-key-pair", "--kms", u + "denied",
        "--output-key-prefix", home.resolve("x").toString());
    CliRunner down = cli.with(Env.JCOSIGN_GCPKMS_ENDPOINT, "127.0.0.1:1");
    assertError(down, "creating key " + u + "denied: cloud kms endpoint unreachable", "generate-key-pair", "--kms", u + "denied",
        "--output-key-prefix", home.resolve("x").toString());
    assertError(cli, "invalid gcpkms key uri \"gcpkms://projects/p/keyRings/r\"", "public-key", "--key", "gcpkms://projects/p/keyRings/r");
  }

  @Test
  void expiredCredentialsAreReported() {
    try (FakeGcpKms expired = new FakeGcpKms()) {
      expired.addKey(RING + "/cryptoKeys/k", CryptoKeyPurpose.ASYMMETRIC_SIGN, CryptoKeyVersionAlgorithm.EC_SIGN_P256_SHA256);
      expired.unauthenticated(true);
      assertError(cli.with(Env.JCOSIGN_GCPKMS_ENDPOINT, expired.endpoint()),
          "loading key gcpkms://" + RING + "/cryptoKeys/k: cloud kms rejected the credentials", "public-key", "--key",
          "gcpkms://" + RING + "/cryptoKeys/k");
    }
  }

  /** Exit 1 and exactly one {@code Error:} line starting with {@code prefix}. */
  static void assertError(CliRunner runner, String prefix, String... args) {
    Result r = runner.run(args);
    assertEquals(1, r.code(), r.describe());
    String[] lines = r.err().strip().split("\n");
    assertEquals(1, lines.length, r.describe());
    assertTrue(lines[0].startsWith("Error: " + prefix), r.describe());
  }
}
