package dev.jcosign.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jcosign.core.oci.MediaTypes;
import dev.jcosign.testing.CliRunner;
import dev.jcosign.testing.CliRunner.Result;
import dev.jcosign.testing.RegistryPeek;
import dev.jcosign.testkit.FaultRegistry;
import dev.jcosign.testkit.FaultRegistry.Auth;
import dev.jcosign.testkit.TestImages;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shared set-up of the sign failure tests: a Bearer-auth {@link FaultRegistry} holding an image that
 * already has one signature ({@code run=1}). Before each test the faults are cleared and that
 * one-signature {@code .sig} manifest is put back, so every test starts from the same state.
 */
abstract class SignFaultFixture {
  static final String KEY_PASSWORD = "key-password-that-must-never-show";
  static final String REPO = "faults/app";
  /** Texts that must never reach stdout or stderr: key password, registry password, tokens, upload state. */
  static final String[] SECRETS = {KEY_PASSWORD, FaultRegistry.PASSWORD,
      java.util.Base64.getEncoder().encodeToString((FaultRegistry.USERNAME + ":" + FaultRegistry.PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8)),
      "tok-", "secret-upload-state"};

  @TempDir static Path home;
  static CliRunner cli;
  static String key;
  static String pub;
  static FaultRegistry fr;
  static String signedRef;
  static String sigTag;
  /** The {@code .sig} manifest holding the one signature ({@code run=1}) every test starts from. */
  static byte[] original;
  static int runs = 1;

  String ref;
  byte[] before;
  /** A fresh annotation, so each test's payload and config are new blobs that must be uploaded. */
  String run;

  @BeforeAll
  static void signedOnce() {
    cli = new CliRunner(home).with("COSIGN_PASSWORD", KEY_PASSWORD);
    assertEquals(0, cli.run("generate-key-pair", "--output-key-prefix", home.resolve("k").toString()).code());
    key = home.resolve("k.key").toString();
    pub = home.resolve("k.pub").toString();
    fr = FaultRegistry.start(Auth.BEARER);
    TestImages.Image img = TestImages.push(fr, REPO, "v1", "image with one signature");
    signedRef = fr.host() + "/" + REPO + "@" + img.manifestDigest();
    sigTag = img.manifestDigest().tagStem() + ".sig";
    Result first = signRef(signedRef, "-a", "run=1");
    assertEquals(0, first.code(), first.describe());
    original = RegistryPeek.manifest(fr, REPO, sigTag).orElseThrow();
  }

  @AfterAll
  static void stop() {
    fr.close();
  }

  @BeforeEach
  void restoreTheOneSignature() {
    fr.clearFaults();
    fr.putManifest(REPO, sigTag, original, MediaTypes.OCI_MANIFEST);
    fr.clearRequests();
    ref = signedRef;
    before = original;
    run = "run=" + (++runs);
  }

  static String[] registryFlags() {
    return new String[] {"--registry-username", FaultRegistry.USERNAME, "--registry-password", FaultRegistry.PASSWORD};
  }

  /** {@code sign} of {@link #ref} with the registry credentials and {@code more} flags. */
  Result sign(String... more) {
    return signRef(ref, more);
  }

  static Result signRef(String image, String... more) {
    List<String> args = new ArrayList<>(List.of("sign", "--key", key, "--tlog-upload=false"));
    args.addAll(Arrays.asList(registryFlags()));
    args.addAll(Arrays.asList(more));
    args.add(image);
    return cli.run(args.toArray(String[]::new));
  }

  Result verify(String... more) {
    List<String> args = new ArrayList<>(List.of("verify", "--key", pub, "--insecure-ignore-tlog"));
    args.addAll(Arrays.asList(registryFlags()));
    args.addAll(Arrays.asList(more));
    args.add(ref);
    return cli.run(args.toArray(String[]::new));
  }

  /** The stored {@code .sig} manifest, read with faults switched off. */
  byte[] sigManifest() {
    fr.clearFaults();
    return RegistryPeek.manifest(fr, REPO, sigTag).orElseThrow();
  }

  int hits(RegistryStep step) {
    Pattern p = Pattern.compile(step.path);
    return (int) fr.requests().stream()
        .filter(r -> step.method() == null || r.method().equals(step.method()))
        .filter(r -> p.matcher(r.pathAndQuery().split("\\?")[0]).find())
        .count();
  }

  void assertNothingLost() {
    assertArrayEquals(before, sigManifest(), "the .sig manifest must be exactly as before");
    Result v = verify("-a", "run=1");
    assertEquals(0, v.code(), "the old signature still verifies\n" + v.describe());
  }
}
