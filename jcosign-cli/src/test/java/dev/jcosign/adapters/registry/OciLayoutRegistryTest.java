package dev.jcosign.adapters.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.error.RegistryException;
import dev.jcosign.core.json.Json;
import dev.jcosign.core.oci.Descriptor;
import dev.jcosign.core.oci.Digest;
import dev.jcosign.core.oci.ImageReference;
import dev.jcosign.core.oci.MediaTypes;
import dev.jcosign.core.oci.RawManifest;
import dev.jcosign.core.oci.Repository;
import dev.jcosign.testkit.TestImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link OciLayoutRegistry}: round trips, tags via ref.name, atomic files, limits. */
class OciLayoutRegistryTest {
  @TempDir Path dir;

  private static final Repository ANY = Repository.parse("example.com/ignored/repo");

  private OciLayoutRegistry layout() {
    return new OciLayoutRegistry(dir.resolve("layout"));
  }

  private static RawManifest manifest(TestImages.Image img) {
    return RawManifest.of(img.manifest(), MediaTypes.OCI_MANIFEST);
  }

  private static void pushImage(OciLayoutRegistry l, TestImages.Image img, String tag) {
    l.putBlob(ANY, img.layer().digest(), img.layer().bytes(), Optional.empty());
    l.putBlob(ANY, img.config().digest(), img.config().bytes(), Optional.empty());
    l.putManifest(ImageReference.of(ANY, tag), manifest(img));
  }

  @Test
  void roundTrip_imageByTagAndDigest() throws IOException {
    OciLayoutRegistry l = layout();
    TestImages.Image img = TestImages.build("layout", "amd64");
    pushImage(l, img, "v1");

    Path root = dir.resolve("layout");
    assertEquals("{\"imageLayoutVersion\":\"1.0.0\"}", Files.readString(root.resolve("oci-layout")));
    assertTrue(Files.isRegularFile(root.resolve("blobs/sha256/" + img.manifestDigest().hex())));
    JsonNode index = Json.parse(Files.readAllBytes(root.resolve("index.json")), "index");
    assertEquals(2, index.path("schemaVersion").asInt());
    assertEquals(MediaTypes.OCI_INDEX, index.path("mediaType").asText());
    assertEquals("v1", index.path("manifests").get(0).path("annotations").path(OciLayoutRegistry.REF_NAME).asText());

    RawManifest byTag = l.getManifest(ImageReference.of(Repository.parse("other.io/x"), "v1")).orElseThrow();
    assertArrayEquals(img.manifest(), byTag.bytes());
    assertEquals(new Descriptor(MediaTypes.OCI_MANIFEST, img.manifestDigest(), img.manifest().length),
        l.head(ImageReference.of(ANY, img.manifestDigest())).orElseThrow());
    assertArrayEquals(img.layer().bytes(), l.getBlob(ANY, img.layer().digest(), 0));
    assertTrue(l.blobExists(ANY, img.config().digest()));
    assertTrue(l.getManifest(ImageReference.of(ANY, "v2")).isEmpty());
    assertTrue(l.head(ImageReference.of(ANY, Digest.sha256("nothing"))).isEmpty());
    try (Stream<Path> files = Files.walk(root)) {
      assertFalse(files.anyMatch(p -> p.getFileName().toString().startsWith(".tmp-")), "temporary files left behind");
    }
  }

  @Test
  void tags_moveAndList_putByDigestAddsUntaggedEntry() {
    OciLayoutRegistry l = layout();
    TestImages.Image a = TestImages.build("a", "amd64");
    TestImages.Image b = TestImages.build("b", "arm64");
    pushImage(l, a, "v1");
    pushImage(l, a, "latest");
    pushImage(l, b, "v1"); // moves v1
    assertEquals(List.of("latest", "v1"), l.listTags(ANY));
    assertEquals(b.manifestDigest(), l.head(ImageReference.of(ANY, "v1")).orElseThrow().digest());

    RawManifest sig = RawManifest.of("{\"schemaVersion\":2}".getBytes(StandardCharsets.UTF_8), MediaTypes.OCI_MANIFEST);
    l.putManifest(ImageReference.of(ANY, sig.digest()), sig, Map.of("kind", "dev.cosignproject.cosign/sigs"));
    l.putManifest(ImageReference.of(ANY, sig.digest()), sig); // already listed: no duplicate
    List<Descriptor> index = l.index();
    assertEquals(3, index.size());
    Descriptor last = index.get(2);
    assertEquals(sig.digest(), last.digest());
    assertEquals(Map.of("kind", "dev.cosignproject.cosign/sigs"), last.annotations());
    assertEquals(List.of("latest", "v1"), l.listTags(ANY));
  }

  @Test
  void delete_removesEntryAndBlob() {
    OciLayoutRegistry l = layout();
    TestImages.Image a = TestImages.build("a", "amd64");
    pushImage(l, a, "v1");
    l.deleteManifest(ANY, a.manifestDigest());
    assertTrue(l.getManifest(ImageReference.of(ANY, "v1")).isEmpty());
    assertEquals(List.of(), l.listTags(ANY));
    RegistryException e = assertThrows(RegistryException.class, () -> l.deleteManifest(ANY, a.manifestDigest()));
    assertEquals(404, e.status());
  }

  @Test
  void refNames_withRepositoryPart_areTags() throws IOException {
    Path root = dir.resolve("skopeo-style");
    OciLayoutRegistry l = new OciLayoutRegistry(root);
    TestImages.Image a = TestImages.build("a", "amd64");
    l.putBlob(ANY, a.manifestDigest(), a.manifest(), Optional.empty());
    Files.writeString(root.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":["
        + "{\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"digest\":\"" + a.manifestDigest() + "\",\"size\":" + a.manifest().length
        + ",\"annotations\":{\"" + OciLayoutRegistry.REF_NAME + "\":\"localhost:5000/some/repo:v7\"}}]}");
    assertEquals(List.of("v7"), l.listTags(ANY));
    assertTrue(l.getManifest(ImageReference.of(ANY, "v7")).isPresent());
  }

  @Test
  void corruptOrOversizedBlobs_areErrors() throws IOException {
    OciLayoutRegistry l = new OciLayoutRegistry(dir.resolve("small"), 1024, 10);
    byte[] data = "0123456789abc".getBytes(StandardCharsets.UTF_8);
    Digest d = Digest.sha256(data);
    l.putBlob(ANY, d, data, Optional.empty());
    RegistryException big = assertThrows(RegistryException.class, () -> l.getBlob(ANY, d, 0));
    assertTrue(big.getMessage().contains("exceeded the limit (10)"), big.getMessage());
    Files.writeString(dir.resolve("small/blobs/sha256/" + d.hex()), "tampered!");
    RegistryException bad = assertThrows(RegistryException.class, () -> l.getBlob(ANY, d, 100));
    assertTrue(bad.getMessage().contains("blob digest mismatch"), bad.getMessage());
    assertThrows(RegistryException.class, () -> l.getBlob(ANY, Digest.sha256("absent"), 0));
    assertThrows(RegistryException.class, () -> l.putBlob(ANY, Digest.sha256("other"), data, Optional.empty()));
  }

  @Test
  void readIndex_rejectsWhatIsNotALayout() throws IOException {
    InvalidInputException missing = assertThrows(InvalidInputException.class, () -> layout().readIndex());
    assertEquals("no such directory: " + dir.resolve("layout"), missing.getMessage());
    Files.createDirectories(dir.resolve("layout"));
    InvalidInputException empty = assertThrows(InvalidInputException.class, () -> layout().readIndex());
    assertEquals("not an OCI image layout: " + dir.resolve("layout") + " (no index.json)", empty.getMessage());
    Files.writeString(dir.resolve("layout/index.json"), "{\"manifests\":[{\"digest\":\"md5:x\"}]}");
    assertThrows(InvalidInputException.class, () -> layout().readIndex());
  }

  @Test
  void initialize_emptiesTheIndexButKeepsBlobs() {
    OciLayoutRegistry l = layout();
    TestImages.Image img = TestImages.build("init", "amd64");
    pushImage(l, img, "v1");
    l.putManifest(ImageReference.of(ANY, img.manifestDigest()), manifest(img), Map.of("kind", "dev.cosignproject.cosign/image"));
    assertEquals(Map.of("kind", "dev.cosignproject.cosign/image", OciLayoutRegistry.REF_NAME, "v1"), l.readIndex().get(0).annotations());
    l.initialize();
    assertEquals(List.of(), l.readIndex());
    assertTrue(l.blobExists(ANY, img.manifestDigest()));
    assertEquals("layout", Path.of(l.location()).getFileName().toString());
  }
}
