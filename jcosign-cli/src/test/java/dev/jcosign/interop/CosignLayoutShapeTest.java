package dev.jcosign.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcosign.core.oci.Digest;
import dev.jcosign.testing.CliRunner;
import dev.jcosign.testing.CliRunner.Result;
import dev.jcosign.testing.KeyVectors;
import dev.jcosign.testkit.TestImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verify --local-image} reads a layout in the exact shape cosign's {@code save} writes
 * (go-containerregistry's layout: indented oci-layout file, index.json entries with only a
 * {@code kind} annotation, no ref.name, descriptor fields in ggcr order), holding a real
 * cosign-made signature (vectors legacy-keyed-signatures). The payload names an image we do not
 * have, so the subject is a hand-made image and claims are either skipped or must fail.
 */
class CosignLayoutShapeTest {
  @TempDir static Path home;
  static Path layout;
  static CliRunner cli;

  @BeforeAll
  static void setUp() throws IOException {
    cli = new CliRunner(home);
    KeyVectors.copy("legacy-keyed-signatures/ec-p256.pub", home);
    byte[] payload = KeyVectors.bytes("legacy-keyed-signatures/payload.json");
    String sig = KeyVectors.text("legacy-keyed-signatures/ec-p256.sig.b64").replaceAll("\\s", "");
    layout = Files.createDirectories(home.resolve("cosign-saved"));
    Files.writeString(layout.resolve("oci-layout"), "{\n    \"imageLayoutVersion\": \"1.0.0\"\n}");
    TestImages.Image img = TestImages.build("subject", "amd64");
    blob(img.layer().bytes());
    blob(img.config().bytes());
    blob(img.manifest());
    Digest payloadDigest = blob(payload);
    byte[] config = ("{\"architecture\":\"\",\"created\":\"0001-01-01T00:00:00Z\",\"history\":[{\"created\":\"0001-01-01T00:00:00Z\"}],"
        + "\"os\":\"\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + payloadDigest + "\"]},\"config\":{}}").getBytes(StandardCharsets.UTF_8);
    Digest configDigest = blob(config);
    byte[] sigManifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
        + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"size\":" + config.length + ",\"digest\":\"" + configDigest + "\"},"
        + "\"layers\":[{\"mediaType\":\"application/vnd.dev.cosign.simplesigning.v1+json\",\"size\":" + payload.length
        + ",\"digest\":\"" + payloadDigest + "\",\"annotations\":{\"dev.cosignproject.cosign/signature\":\"" + sig + "\"}}]}")
        .getBytes(StandardCharsets.UTF_8);
    Digest sigDigest = blob(sigManifest);
    Files.writeString(layout.resolve("index.json"), "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":["
        + entry(img.manifest().length, img.manifestDigest(), "image") + "," + entry(sigManifest.length, sigDigest, "sigs") + "]}");
  }

  private static String entry(long size, Digest d, String kind) {
    return "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"size\":" + size + ",\"digest\":\"" + d
        + "\",\"annotations\":{\"kind\":\"dev.cosignproject.cosign/" + kind + "\"}}";
  }

  private static Digest blob(byte[] bytes) throws IOException {
    Digest d = Digest.sha256(bytes);
    Files.createDirectories(layout.resolve("blobs/sha256"));
    Files.write(layout.resolve("blobs/sha256/" + d.hex()), bytes);
    return d;
  }

  private Result verify(String... more) {
    String[] args = new String[5 + more.length];
    args[0] = "verify";
    args[1] = "--key";
    args[2] = home.resolve("ec-p256.pub").toString();
    args[3] = "--insecure-ignore-tlog";
    args[4] = "--local-image";
    System.arraycopy(more, 0, args, 5, more.length);
    return cli.run(args);
  }

  @Test
  void cosignSignatureInCosignShapedLayoutVerifies() {
    Result r = verify("--check-claims=false", layout.toString());
    assertEquals(0, r.code(), r.describe());
    assertTrue(r.err().contains("Verification for " + layout + " --"), r.err());
    assertTrue(r.out().contains("sha256:d37ada95d47ad12224c205a938129df7a3e52345828b4fa27b03a98825d1e2e7"), r.out());
  }

  @Test
  void claimsAreCheckedAgainstTheSavedImage() {
    Result r = verify(layout.toString());
    assertEquals(1, r.code(), r.describe()); // local images: exit 1, as cosign
    assertTrue(r.err().contains("invalid or missing digest in claim: sha256:d37ada95"), r.err());
  }
}
