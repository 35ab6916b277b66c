package dev.jcosign.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcosign.core.oci.Digest;
import dev.jcosign.testing.CliRunner;
import dev.jcosign.testing.CliRunner.Result;
import dev.jcosign.testing.KeyVectors;
import dev.jcosign.testkit.DockerRegistryServer;
import dev.jcosign.testkit.DockerRegistryServer.Variant;
import dev.jcosign.testkit.TestImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real cosign-made key signatures (vectors legacy-keyed-signatures, four key types over one
 * payload) verify through the whole CLI. The {@code .sig} images are built here by hand as
 * independent JSON in cosign's layout (spec §3.2) and pushed with plain HTTP; the subject image
 * itself is never pushed, because verifying by digest only reads the signature tag.
 */
@Tag("e2e")
@ExtendWith(DockerRegistryServer.LogsOnFailure.class)
class CosignVectorsE2ETest {
  private static final String DIR = "legacy-keyed-signatures/";
  private static final String[] VECTORS = {"ec-p256", "ec-p384", "rsa2048", "rsa3072"};

  @TempDir static Path home;
  static CliRunner cli;
  static DockerRegistryServer reg;
  static byte[] payload;
  static String payloadText;
  static String subjectHex;

  @BeforeAll
  static void setUp() {
    reg = DockerRegistryServer.get(Variant.PLAIN);
    cli = new CliRunner(home);
    payload = KeyVectors.bytes(DIR + "payload.json");
    payloadText = new String(payload, StandardCharsets.UTF_8);
    Matcher m = Pattern.compile("\"docker-manifest-digest\":\"sha256:([0-9a-f]{64})\"").matcher(payloadText);
    assertTrue(m.find(), payloadText);
    subjectHex = m.group(1);
    for (String v : VECTORS) {
      KeyVectors.copy(DIR + v + ".pub", home);
    }
  }

  private static String pub(String vector) {
    return home.resolve(vector + ".pub").toString();
  }

  private static String signature(String vector) {
    return KeyVectors.text(DIR + vector + ".sig.b64").replaceAll("\\s", "");
  }

  private static String ref(String repo, String hex) {
    return reg.host() + "/" + repo + "@sha256:" + hex;
  }

  private static Result verify(String keyVector, String ref, String... more) {
    List<String> args = new ArrayList<>(List.of("verify", "--key", pub(keyVector), "--insecure-ignore-tlog"));
    args.addAll(List.of(more));
    args.add(ref);
    return cli.run(args.toArray(String[]::new));
  }

  /** Pushes payload blob, config and manifest of a cosign .sig image with one layer per signature. */
  static void pushSignatureImage(String repo, String hex, List<String> signatures) {
    String layerDigest = "sha256:" + sha256Hex(payload);
    TestImages.pushBlob(reg, repo, new TestImages.Blob(Digest.parse(layerDigest), payload), null);
    // config as go-containerregistry builds it from empty.Image: one history entry and diff-id per layer
    StringBuilder history = new StringBuilder();
    StringBuilder diffIds = new StringBuilder();
    StringBuilder layers = new StringBuilder();
    for (String sig : signatures) {
      String sep = history.length() == 0 ? "" : ",";
      history.append(sep).append("{\"created\":\"0001-01-01T00:00:00Z\"}");
      diffIds.append(sep).append('"').append(layerDigest).append('"');
      layers.append(sep).append("{\"mediaType\":\"application/vnd.dev.cosign.simplesigning.v1+json\",\"size\":")
          .append(payload.length).append(",\"digest\":\"").append(layerDigest)
          .append("\",\"annotations\":{\"dev.cosignproject.cosign/signature\":\"").append(sig).append("\"}}");
    }
    byte[] config = ("{\"architecture\":\"\",\"created\":\"0001-01-01T00:00:00Z\",\"history\":[" + history
        + "],\"os\":\"\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + diffIds + "]},\"config\":{}}")
        .getBytes(StandardCharsets.UTF_8);
    String configDigest = "sha256:" + sha256Hex(config);
    TestImages.pushBlob(reg, repo, new TestImages.Blob(Digest.parse(configDigest), config), null);
    String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
        + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"size\":" + config.length
        + ",\"digest\":\"" + configDigest + "\"},\"layers\":[" + layers + "]}";
    TestImages.putManifest(reg, repo, "sha256-" + hex + ".sig", manifest.getBytes(StandardCharsets.UTF_8),
        "application/vnd.oci.image.manifest.v1+json", null);
  }

  private static String sha256Hex(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String repoFor(String vector) {
    return "interop/vector-" + vector;
  }

  @ParameterizedTest
  @ValueSource(strings = {"ec-p256", "ec-p384", "rsa2048", "rsa3072"})
  void cosignSignatureVerifiesAndPrintsThePayload(String vector) {
    pushSignatureImage(repoFor(vector), subjectHex, List.of(signature(vector)));
    String ref = ref(repoFor(vector), subjectHex);
    Result v = verify(vector, ref);
    assertEquals(0, v.code(), v.describe());
    // the payload is already in Go struct order with "optional":null, so it is printed unchanged (spec §4.5)
    assertEquals("\n[" + payloadText + "]\n", v.out());
    assertTrue(v.err().contains("Verification for " + ref + " --"), v.err());
    assertTrue(v.err().contains("  - The cosign claims were validated"), v.err());
    assertTrue(v.err().contains("  - The signatures were verified against the specified public key"), v.err());

    Result text = verify(vector, ref, "-o", "text");
    assertEquals(0, text.code(), text.describe());
    assertEquals(payloadText + "\n", text.out());
  }

  @ParameterizedTest
  @ValueSource(strings = {"ec-p256", "ec-p384", "rsa2048", "rsa3072"})
  void cosignSignatureFailsWithEveryOtherVectorsKey(String vector) {
    String repo = repoFor(vector) + "-otherkeys";
    pushSignatureImage(repo, subjectHex, List.of(signature(vector)));
    for (String other : VECTORS) {
      if (other.equals(vector)) {
        continue;
      }
      Result v = verify(other, ref(repo, subjectHex));
      assertEquals(12, v.code(), vector + " signature with " + other + " key: " + v.describe());
      assertEquals("", v.out());
      assertTrue(v.err().contains("Error: no matching signatures: "), v.err());
      assertEquals(1, v.err().lines().filter(l -> l.startsWith("Error")).count(), v.err());
      assertTrue(!v.err().contains("\tat "), "no stack trace: " + v.err());
    }
  }

  @Test
  void p384SignatureUsesSha256UnlessToldOtherwise() {
    // spec §2.3/§4.4 step 5: legacy verify --key hashes with SHA-256 regardless of the curve
    String repo = "interop/vector-p384-digest";
    pushSignatureImage(repo, subjectHex, List.of(signature("ec-p384")));
    String ref = ref(repo, subjectHex);
    assertEquals(0, verify("ec-p384", ref, "--signature-digest-algorithm", "sha256").code());
    Result v = verify("ec-p384", ref, "--signature-digest-algorithm", "sha384");
    assertEquals(12, v.code(), v.describe());
    assertTrue(v.err().contains("Error: no matching signatures: "), v.err());
  }

  @Test
  void allFourSignaturesInOneImageEachKeyFindsItsOwn() {
    // four layers with the same blob digest, told apart only by their signature annotation (spec §3.2)
    String repo = "interop/vector-all";
    List<String> sigs = new ArrayList<>();
    for (String v : VECTORS) {
      sigs.add(signature(v));
    }
    pushSignatureImage(repo, subjectHex, sigs);
    for (String v : VECTORS) {
      Result r = verify(v, ref(repo, subjectHex));
      assertEquals(0, r.code(), v + ": " + r.describe());
      assertEquals("\n[" + payloadText + "]\n", r.out(), v + ": exactly the one matching signature is printed");
    }
  }

  @Test
  void cosignSignatureUnderAnotherImagesTagFailsTheClaimCheck() {
    String repo = "interop/vector-moved";
    String otherHex = sha256Hex("some other image".getBytes(StandardCharsets.UTF_8));
    pushSignatureImage(repo, otherHex, List.of(signature("ec-p256")));
    Result v = verify("ec-p256", ref(repo, otherHex));
    assertEquals(12, v.code(), v.describe());
    assertTrue(v.err().contains("invalid or missing digest in claim: sha256:" + subjectHex), v.err());
    Result unchecked = verify("ec-p256", ref(repo, otherHex), "--check-claims=false");
    assertEquals(0, unchecked.code(), unchecked.describe());
  }
}
