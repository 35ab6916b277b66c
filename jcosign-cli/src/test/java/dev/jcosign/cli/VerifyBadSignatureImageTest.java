package dev.jcosign.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcosign.core.json.Json;
import dev.jcosign.core.oci.MediaTypes;
import dev.jcosign.testing.CleanErrors;
import dev.jcosign.testing.CliRunner;
import dev.jcosign.testing.CliRunner.Result;
import dev.jcosign.testing.RegistryPeek;
import dev.jcosign.testkit.FaultRegistry;
import dev.jcosign.testkit.TestImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code verify} when the {@code .sig} manifest a registry serves is malformed or hostile: exit 1
 * with one clean line when the document is broken (spec §4.4 step 1 cannot even start), exit 12
 * only when well-formed signatures fail to verify, exit 10 only for a real "no signatures".
 */
class VerifyBadSignatureImageTest {
  static final String REPO = "faults/app";

  @TempDir static Path home;
  static CliRunner cli;
  static String pub;
  static FaultRegistry fr;
  static String ref;
  static String sigTag;
  static ObjectNode original;

  @BeforeAll
  static void signedOnce() {
    cli = new CliRunner(home).with("COSIGN_PASSWORD", "pw");
    assertEquals(0, cli.run("generate-key-pair", "--output-key-prefix", home.resolve("k").toString()).code());
    pub = home.resolve("k.pub").toString();
    fr = FaultRegistry.start();
    TestImages.Image img = TestImages.push(fr, REPO, "v1", "image with a hostile .sig");
    ref = fr.host() + "/" + REPO + "@" + img.manifestDigest();
    sigTag = img.manifestDigest().tagStem() + ".sig";
    Result s = cli.run("sign", "--key", home.resolve("k.key").toString(), "--tlog-upload=false", ref);
    assertEquals(0, s.code(), s.describe());
    original = (ObjectNode) Json.parse(RegistryPeek.manifest(fr, REPO, sigTag).orElseThrow(), "sig");
  }

  @AfterAll
  static void stop() {
    fr.close();
  }

  /** A copy of the signed manifest changed by {@code edit}. */
  static byte[] edited(Consumer<ObjectNode> edit) {
    ObjectNode m = original.deepCopy();
    edit.accept(m);
    return Json.write(m);
  }

  static ObjectNode firstLayer(ObjectNode m) {
    return (ObjectNode) m.get("layers").get(0);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static Stream<Arguments> brokenManifests() {
    return Stream.of(
        arguments("not JSON", utf8("this is not json"), 1, "parsing {sig}"),
        arguments("a JSON array", utf8("[]"), 1, "{sig} has no config"),
        arguments("an empty object", utf8("{}"), 1, "{sig} has no config"),
        arguments("an index", utf8("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":[]}"),
            1, "{sig} is an index, not an image manifest"),
        arguments("config that is a string", edited(m -> m.put("config", "x")), 1, "{sig} has no config"),
        arguments("layers that are not an array", edited(m -> m.put("layers", "oops")), 1, "{sig} has malformed layers"),
        arguments("a layer with a malformed digest", edited(m -> firstLayer(m).put("digest", "sha256:xyz")),
            1, "{sig} has a malformed descriptor"),
        arguments("a layer without a size", edited(m -> firstLayer(m).remove("size")), 1, "{sig} has a malformed descriptor"),
        arguments("a layer whose blob is missing", edited(m -> firstLayer(m).put("digest", "sha256:" + "c".repeat(64))),
            1, "404 BLOB_UNKNOWN"),
        arguments("1001 layers", edited(m -> {
          ArrayNode ls = (ArrayNode) m.get("layers");
          while (ls.size() < 1001) {
            ls.add(ls.get(0).deepCopy());
          }
        }), 1, "number of layers (1001) exceeded the limit (1000)"),
        arguments("JSON nested 100000 deep", utf8("[".repeat(100_000) + "]".repeat(100_000)), 1, "parsing {sig}"),
        arguments("no layers", edited(m -> m.putArray("layers")), 10, "no signatures found"),
        arguments("a signature annotation that is not base64",
            edited(m -> ((ObjectNode) firstLayer(m).get("annotations")).put("dev.cosignproject.cosign/signature", "%%% not base64 %%%")),
            12, "no matching signatures: signature annotation is not valid base64"),
        arguments("no signature annotation", edited(m -> firstLayer(m).remove("annotations")), 12, "no matching signatures: invalid signature"),
        // issue 11: the descriptor's size is checked against the blob, before reading past the claim
        arguments("a layer claiming 250 MB", edited(m -> firstLayer(m).put("size", 250_000_000L)), 12,
            "exceeded the limit"),
        arguments("a layer claiming 2^62 bytes", edited(m -> firstLayer(m).put("size", 1L << 62)), 12, "exceeded the limit"),
        arguments("a layer claiming -1 bytes", edited(m -> firstLayer(m).put("size", -1)), 12, "invalid size -1"),
        arguments("a layer claiming fewer bytes than its blob", edited(m -> firstLayer(m).put("size", 10)), 12,
            "larger than the 10 bytes its descriptor gives"),
        arguments("a layer claiming more bytes than its blob", edited(m -> firstLayer(m).put("size", firstLayer(m).get("size").asLong() + 1)),
            12, "the blob has"));
  }

  @Test
  void theSameBlobListedAThousandTimes_isFetchedOnce() {
    byte[] m = edited(s -> {
      ArrayNode ls = (ArrayNode) s.get("layers");
      while (ls.size() < 1000) {
        ls.add(ls.get(0).deepCopy());
      }
    });
    fr.putManifest(REPO, sigTag, m, MediaTypes.OCI_MANIFEST);
    fr.clearRequests();
    Result r = cli.run("verify", "--key", pub, "--insecure-ignore-tlog", ref);
    assertEquals(0, r.code(), r.describe());
    assertEquals(1, fr.requests("GET", "/blobs/").size(), "one GET for the one distinct blob");
  }

  @ParameterizedTest(name = "{0} -> {2}")
  @MethodSource("brokenManifests")
  void brokenSigManifest_isHandledCleanly(String name, byte[] manifest, int code, String fragment) {
    fr.putManifest(REPO, sigTag, manifest, MediaTypes.OCI_MANIFEST);
    Result r = cli.run("verify", "--key", pub, "--insecure-ignore-tlog", ref);
    CleanErrors.assertCleanFailure(r, code, List.of(fragment.replace("{sig}", fr.host() + "/" + REPO + ":" + sigTag)));
    assertEquals("", r.out(), name);
  }

  @Test
  void aBrokenLayerNextToAGoodOne_stillVerifies() {
    byte[] m = edited(s -> {
      ObjectNode bad = firstLayer(s).deepCopy();
      ((ObjectNode) bad.get("annotations")).put("dev.cosignproject.cosign/signature", "not base64!");
      ((ArrayNode) s.get("layers")).insert(0, bad);
    });
    fr.putManifest(REPO, sigTag, m, MediaTypes.OCI_MANIFEST);
    Result r = cli.run("verify", "--key", pub, "--insecure-ignore-tlog", ref);
    assertEquals(0, r.code(), r.describe());
    assertEquals(1, Json.parse(utf8(r.out().strip()), "out").size(), "only the good signature is reported");
  }
}
