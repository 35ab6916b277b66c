package dev.jcosign.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcosign.core.json.Json;
import dev.jcosign.core.oci.Digest;
import dev.jcosign.testing.CliRunner;
import dev.jcosign.testing.TwoKeys;
import dev.jcosign.testing.CliRunner.Result;
import dev.jcosign.testing.RegistryPeek;
import dev.jcosign.testkit.DockerRegistryServer;
import dev.jcosign.testkit.DockerRegistryServer.Variant;
import dev.jcosign.testkit.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** save, load and verify --local-image against the real registry (spec §1.3 save/load, §4.2). */
@Tag("e2e")
class SaveLoadE2ETest {
  static final String KIND = "dev.cosignproject.cosign/";
  @TempDir static Path home;
  static CliRunner cli;
  static DockerRegistryServer reg;
  static String key;
  static String pub;
  static String otherPub;

  @BeforeAll
  static void setUp() {
    reg = DockerRegistryServer.get(Variant.PLAIN);
    cli = new CliRunner(home).with("COSIGN_PASSWORD", "pw");
    TwoKeys keys = TwoKeys.generate(cli, home);
    key = keys.key();
    pub = keys.pub();
    otherPub = keys.otherPub();
  }

  static String signed(String repo, String content) {
    TestImages.Image img = TestImages.push(reg, repo, "v1", content);
    String ref = reg.host() + "/" + repo + "@" + img.manifestDigest();
    Result s = cli.run("sign", "--key", key, "--tlog-upload=false", ref);
    assertEquals(0, s.code(), s.describe());
    return ref;
  }

  static Result save(Path dir, String ref) {
    return cli.run("save", "--dir", dir.toString(), ref);
  }

  static Result verifyLocal(String keyFile, Path dir) {
    return cli.run("verify", "--key", keyFile, "--insecure-ignore-tlog", "--local-image", dir.toString());
  }

  static JsonNode index(Path dir) {
    try {
      return Json.parse(Files.readAllBytes(dir.resolve("index.json")), "index.json");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<String> kinds(Path dir) {
    List<String> out = new ArrayList<>();
    index(dir).path("manifests").forEach(m -> out.add(m.path("annotations").path("kind").asText("")));
    return out;
  }

  static String digestOfKind(Path dir, String kind) {
    for (JsonNode m : index(dir).path("manifests")) {
      if ((KIND + kind).equals(m.path("annotations").path("kind").asText())) {
        return m.path("digest").asText();
      }
    }
    throw new AssertionError("no " + kind + " entry");
  }

  @Test
  void savedLayoutIsAnOciLayoutWithCosignKinds() throws IOException {
    String ref = signed("layout/save", "save me");
    Path dir = home.resolve("saved");
    Result r = save(dir, ref);
    assertEquals(0, r.code(), r.describe());
    assertEquals("1.0.0", Json.parse(Files.readAllBytes(dir.resolve("oci-layout")), "oci-layout").path("imageLayoutVersion").asText());
    assertEquals(List.of(KIND + "image", KIND + "sigs"), kinds(dir));
    assertEquals(ref.substring(ref.indexOf('@') + 1), digestOfKind(dir, "image"));
    try (Stream<Path> blobs = Files.list(dir.resolve("blobs/sha256"))) {
      List<Path> all = blobs.toList();
      assertEquals(6, all.size(), "image manifest, config, layer + sig manifest, config, payload");
      for (Path b : all) {
        assertEquals("sha256:" + b.getFileName(), Digest.sha256(Files.readAllBytes(b)).toString(), b.toString());
      }
    }
  }

  @Test
  void verifyLocalImagePassesAndNamesTheDirectory() {
    String ref = signed("layout/verify", "verify me");
    Path dir = home.resolve("verify");
    assertEquals(0, save(dir, ref).code());
    Result v = verifyLocal(pub, dir);
    assertEquals(0, v.code(), v.describe());
    assertTrue(v.err().contains("\nVerification for " + dir + " --\n"), v.err());
    assertTrue(v.err().contains("  - The signatures were verified against the specified public key"), v.err());
    JsonNode payloads = Json.parse(v.out().strip().getBytes(), "out");
    assertEquals(ref.substring(ref.indexOf('@') + 1), payloads.get(0).path("critical").path("image").path("docker-manifest-digest").asText());
    // the same payloads as the remote verify prints
    Result remote = cli.run("verify", "--key", pub, "--insecure-ignore-tlog", ref);
    assertEquals(remote.out(), v.out());
    // COSIGN_REPOSITORY is about registries; a saved layout holds its own signatures
    Result elsewhere = cli.with("COSIGN_REPOSITORY", reg.host() + "/layout/nothing-here")
        .run("verify", "--key", pub, "--insecure-ignore-tlog", "--local-image", dir.toString());
    assertEquals(0, elsewhere.code(), elsewhere.describe());
  }

  @Test
  void verifyLocalImageRejectsTheWrongKey() {
    Path dir = home.resolve("wrongkey");
    assertEquals(0, save(dir, signed("layout/wrongkey", "wrong key")).code());
    Result v = verifyLocal(otherPub, dir);
    assertEquals(1, v.code(), v.describe()); // cosign: exit codes 10-13 are for remote images only
    assertEquals("", v.out());
    assertTrue(v.err().contains("\nError: no matching signatures: invalid signature"), v.err());
  }

  @Test
  void tamperedSignatureInTheLayoutIsRejected() throws IOException {
    Path dir = home.resolve("tampered");
    assertEquals(0, save(dir, signed("layout/tampered", "tamper")).code());
    Path sigBlob = dir.resolve("blobs/sha256/" + digestOfKind(dir, "sigs").substring(7));
    String original = Files.readString(sigBlob);
    JsonNode m = Json.parse(original.getBytes(), "sig");
    String sig = m.path("layers").get(0).path("annotations").path("dev.cosignproject.cosign/signature").asText();
    String forged = (sig.charAt(10) == 'A' ? "B" : "A");
    String tampered = original.replace(sig, sig.substring(0, 10) + forged + sig.substring(11));
    // edited in place: the blob no longer hashes to its name
    Files.writeString(sigBlob, tampered);
    Result inPlace = verifyLocal(pub, dir);
    assertEquals(1, inPlace.code(), inPlace.describe());
    assertTrue(inPlace.err().contains("digest"), inPlace.err());
    // re-hashed and re-listed consistently: the signature itself fails
    Files.writeString(sigBlob, original);
    Digest d = Digest.sha256(tampered.getBytes());
    Files.writeString(dir.resolve("blobs/sha256/" + d.hex()), tampered);
    Path index = dir.resolve("index.json");
    Files.writeString(index, Files.readString(index).replace(digestOfKind(dir, "sigs"), d.toString()));
    Result consistent = verifyLocal(pub, dir);
    assertEquals(1, consistent.code(), consistent.describe());
  }

  @Test
  void loadIntoAnotherRepositoryVerifiesThere() {
    String ref = signed("layout/from", "load me");
    Path dir = home.resolve("load");
    assertEquals(0, save(dir, ref).code());
    String dest = reg.host() + "/layout/to:copied";
    Result l = cli.run("load", "--dir", dir.toString(), dest);
    assertEquals(0, l.code(), l.describe());
    assertEquals("", l.out());
    assertTrue(l.err().startsWith("Loaded " + dir + " into " + dest), "a success line on stderr, as cosign prints: " + l.err());
    Result s = save(home.resolve("again"), ref);
    assertTrue(s.err().contains("Saved " + ref), s.err());
    assertEquals("", s.out());
    String digest = ref.substring(ref.indexOf('@') + 1);
    assertArrayEquals(RegistryPeek.manifest(reg, "layout/from", digest).orElseThrow(),
        RegistryPeek.manifest(reg, "layout/to", "copied").orElseThrow());
    Result v = cli.run("verify", "--key", pub, "--insecure-ignore-tlog", dest);
    assertEquals(0, v.code(), v.describe());
    Result byDigest = cli.run("load", "--dir", dir.toString(), reg.host() + "/layout/to2@" + digest);
    assertEquals(0, byDigest.code(), byDigest.describe());
    assertEquals(0, cli.run("verify", "--key", pub, "--insecure-ignore-tlog", reg.host() + "/layout/to2@" + digest).code());
  }

  @Test
  void signedIndexRoundTripsWithChildSignatures() throws IOException {
    TestImages.Index idx = TestImages.pushIndex(reg, "layout/index", "multi", "saved index");
    String ref = reg.host() + "/layout/index@" + idx.digest();
    assertEquals(0, cli.run("sign", "--key", key, "--tlog-upload=false", "-r", ref).code());
    Path dir = home.resolve("index");
    Result s = save(dir, ref);
    assertEquals(0, s.code(), s.describe());
    assertEquals(List.of(KIND + "imageIndex", KIND + "sigs", "", ""), kinds(dir));
    for (TestImages.Image child : idx.images()) {
      assertTrue(Files.exists(dir.resolve("blobs/sha256/" + child.manifestDigest().hex())), "child manifest saved as a blob");
      assertTrue(Files.exists(dir.resolve("blobs/sha256/" + child.layer().digest().hex())), "child layer saved");
    }
    assertEquals(0, verifyLocal(pub, dir).code());
    Result l = cli.run("load", "--dir", dir.toString(), reg.host() + "/layout/index-copy:multi");
    assertEquals(0, l.code(), l.describe());
    assertEquals(0, cli.run("verify", "--key", pub, "--insecure-ignore-tlog", reg.host() + "/layout/index-copy:multi").code());
    for (TestImages.Image child : idx.images()) {
      Result v = cli.run("verify", "--key", pub, "--insecure-ignore-tlog", reg.host() + "/layout/index-copy@" + child.manifestDigest());
      assertEquals(0, v.code(), v.describe());
    }
  }

  @Test
  void layoutWithoutSignaturesExitsTen() {
    TestImages.Image img = TestImages.push(reg, "layout/unsigned", "v1", "unsigned");
    Path dir = home.resolve("unsigned");
    Result s = save(dir, reg.host() + "/layout/unsigned:v1");
    assertEquals(0, s.code(), s.describe());
    assertEquals(List.of(KIND + "image"), kinds(dir));
    Result v = verifyLocal(pub, dir);
    assertEquals(1, v.code(), v.describe());
    assertEquals("Error: no signatures associated with the image saved in " + dir + "\n", v.err().replaceAll("(?s)^.*?(Error:)", "$1"));
    assertEquals(img.manifestDigest().toString(), digestOfKind(dir, "image"));
  }

  @Test
  void badLocalImageArguments() throws IOException {
    Result missing = verifyLocal(pub, home.resolve("does-not-exist"));
    assertEquals(1, missing.code(), missing.describe());
    assertTrue(missing.err().contains("no such directory: " + home.resolve("does-not-exist")), missing.err());
    Path plain = Files.createDirectories(home.resolve("not-a-layout"));
    Result notLayout = verifyLocal(pub, plain);
    assertEquals(1, notLayout.code(), notLayout.describe());
    assertTrue(notLayout.err().contains("not an OCI image layout: " + plain), notLayout.err());
    Result registryRef = cli.run("verify", "--key", pub, "--insecure-ignore-tlog", "--local-image", reg.host() + "/layout/save:v1");
    assertEquals(1, registryRef.code(), registryRef.describe());
    assertTrue(registryRef.err().contains("--local-image takes a directory written by save"), registryRef.err());
    Result loadMissing = cli.run("load", "--dir", home.resolve("nope").toString(), reg.host() + "/layout/x:v1");
    assertEquals(1, loadMissing.code(), loadMissing.describe());
    assertTrue(loadMissing.err().startsWith("Error: no such directory: "), loadMissing.err());
    Result noDir = cli.run("save", reg.host() + "/layout/save:v1");
    assertEquals(1, noDir.code());
    assertTrue(noDir.err().contains("--dir"), noDir.err());
  }
}
