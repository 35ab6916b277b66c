package dev.jcosign.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Behaviours of sign and verify on the plain real registry (issue 2 test list). */
@Tag("e2e")
class SignVerifyBehaviourE2ETest {
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

  private static String push(String repo, String content) {
    TestImages.Image img = TestImages.push(reg, repo, "v1", content);
    return reg.host() + "/" + repo + "@" + img.manifestDigest();
  }

  private static Result sign(String... more) {
    String[] args = new String[more.length + 4];
    args[0] = "sign";
    args[1] = "--key";
    args[2] = key;
    args[3] = "--tlog-upload=false";
    System.arraycopy(more, 0, args, 4, more.length);
    return cli.run(args);
  }

  private static Result verify(String keyFile, String... more) {
    String[] args = new String[more.length + 4];
    args[0] = "verify";
    args[1] = "--key";
    args[2] = keyFile;
    args[3] = "--insecure-ignore-tlog";
    System.arraycopy(more, 0, args, 4, more.length);
    return cli.run(args);
  }

  private static String repoOf(String ref) {
    return ref.substring(reg.host().length() + 1, ref.indexOf('@'));
  }

  private static String sigTag(String ref) {
    return Digest.parse(ref.substring(ref.indexOf('@') + 1)).tagStem() + ".sig";
  }

  private static JsonNode sigManifest(String ref) {
    return Json.parse(RegistryPeek.manifest(reg, repoOf(ref), sigTag(ref)).orElseThrow(), "sig");
  }

  @Test
  void signingTwiceKeepsBothSignatures() {
    String ref = push("beh/twice", "twice");
    assertEquals(0, sign(ref).code());
    Result second = cli.run("sign", "--key", home.resolve("b.key").toString(), "--tlog-upload=false", ref);
    assertEquals(0, second.code(), second.describe());
    assertEquals(2, sigManifest(ref).get("layers").size());
    for (String k : new String[] {pub, otherPub}) {
      Result v = verify(k, ref);
      assertEquals(0, v.code(), v.describe());
      assertEquals(1, Json.parse(v.out().strip().getBytes(StandardCharsets.UTF_8), "out").size(), "only the matching one is printed");
    }
  }

  @Test
  void sameKeySamePayloadIsNotDuplicated() {
    // spec §3.2: the existing signature verifies over the new payload with our key, so nothing is added
    String ref = push("beh/same", "same");
    assertEquals(0, sign(ref).code());
    byte[] before = RegistryPeek.manifest(reg, "beh/same", sigTag(ref)).orElseThrow();
    Result again = sign(ref);
    assertEquals(0, again.code(), again.describe());
    assertArrayEquals(before, RegistryPeek.manifest(reg, "beh/same", sigTag(ref)).orElseThrow());
    // a different annotation is a different payload: appended
    assertEquals(0, sign("-a", "run=2", ref).code());
    assertEquals(2, sigManifest(ref).get("layers").size());
  }

  @Test
  void wrongKeyIsRejectedWithExit12() {
    String ref = push("beh/wrongkey", "wrongkey");
    assertEquals(0, sign(ref).code());
    Result v = verify(otherPub, ref);
    assertEquals(12, v.code(), v.describe());
    assertEquals("", v.out());
    assertTrue(v.err().contains("Error: no matching signatures: invalid signature when validating ASN.1 encoded signature"), v.err());
  }

  @Test
  void tamperedPayloadIsRejected() {
    String ref = push("beh/tampered", "tampered");
    assertEquals(0, sign(ref).code());
    JsonNode m = sigManifest(ref);
    // swap the payload blob for another one that claims the same image, keep the signature
    byte[] forged = ("{\"critical\":{\"identity\":{\"docker-reference\":\"evil\"},\"image\":{\"docker-manifest-digest\":\""
        + ref.substring(ref.indexOf('@') + 1) + "\"},\"type\":\"cosign container image signature\"},\"optional\":null}")
        .getBytes(StandardCharsets.UTF_8);
    TestImages.pushBlob(reg, repoOf(ref), new TestImages.Blob(Digest.sha256(forged), forged), null);
    ObjectNode layer = (ObjectNode) m.get("layers").get(0);
    layer.put("digest", Digest.sha256(forged).toString());
    layer.put("size", forged.length);
    TestImages.putManifest(reg, repoOf(ref), sigTag(ref), Json.write(m), "application/vnd.oci.image.manifest.v1+json", null);
    Result v = verify(pub, ref);
    assertEquals(12, v.code(), v.describe());
    assertTrue(v.err().contains("invalid signature"), v.err());
  }

  @Test
  void signatureMovedToAnotherImageIsRejected() {
    String a = push("beh/moved", "image A");
    String b = push("beh/moved", "image B");
    assertEquals(0, sign(a).code());
    byte[] aSig = RegistryPeek.manifest(reg, "beh/moved", sigTag(a)).orElseThrow();
    TestImages.putManifest(reg, "beh/moved", sigTag(b), aSig, "application/vnd.oci.image.manifest.v1+json", null);
    Result v = verify(pub, b);
    assertEquals(12, v.code(), v.describe());
    assertTrue(v.err().contains("invalid or missing digest in claim: " + a.substring(a.indexOf('@') + 1)), v.err());
    // with --check-claims=false the signature itself is fine (cosign behaviour)
    assertEquals(0, verify(pub, "--check-claims=false", b).code());
  }

  @Test
  void annotationsAreSignedAndChecked() {
    String ref = push("beh/annotations", "annotations");
    assertEquals(0, sign("-a", "env=prod", "-a", "team=a&b", ref).code());
    Result ok = verify(pub, "-a", "env=prod", ref);
    assertEquals(0, ok.code(), ok.describe());
    assertTrue(ok.err().contains("  - The specified annotations were verified."), ok.err());
    assertTrue(ok.out().contains("\"optional\":{\"env\":\"prod\",\"team\":\"a\\u0026b\"}"), ok.out());
    Result bad = verify(pub, "-a", "env=dev", ref);
    assertEquals(12, bad.code(), bad.describe());
    assertTrue(bad.err().contains("missing or incorrect annotation"), bad.err());
    Result csv = sign("-a", "k=a,b", ref);
    assertEquals(1, csv.code());
    assertTrue(csv.err().contains("Error: unable to parse annotation: b"), csv.err());
  }

  @Test
  void recursiveSignsTheIndexAndEveryChild() {
    TestImages.Index idx = TestImages.pushIndex(reg, "beh/index", "multi");
    String index = reg.host() + "/beh/index@" + idx.digest();
    Result s = sign("-r", index);
    assertEquals(0, s.code(), s.describe());
    assertEquals(0, verify(pub, index).code());
    for (TestImages.Image child : idx.images()) {
      Result v = verify(pub, reg.host() + "/beh/index@" + child.manifestDigest());
      assertEquals(0, v.code(), v.describe());
    }
    TestImages.Index idx2 = TestImages.pushIndex(reg, "beh/index2", "multi2", "other content");
    assertEquals(0, sign(reg.host() + "/beh/index2@" + idx2.digest()).code());
    assertEquals(10, verify(pub, reg.host() + "/beh/index2@" + idx2.images().get(0).manifestDigest()).code());
  }

  @Test
  void cosignRepositoryStoresSignaturesElsewhere() {
    String ref = push("beh/subject", "subject");
    CliRunner elsewhere = cli.with("COSIGN_REPOSITORY", reg.host() + "/beh/signatures");
    Result s = elsewhere.run("sign", "--key", key, "--tlog-upload=false", ref);
    assertEquals(0, s.code(), s.describe());
    assertTrue(RegistryPeek.manifest(reg, "beh/signatures", sigTag(ref)).isPresent());
    assertTrue(RegistryPeek.manifest(reg, "beh/subject", sigTag(ref)).isEmpty());
    assertEquals(0, elsewhere.run("verify", "--key", pub, "--insecure-ignore-tlog", ref).code());
    Result plain = verify(pub, ref);
    assertEquals(10, plain.code(), plain.describe());
    assertTrue(plain.err().contains("Error: no signatures found"), plain.err());
  }

  @Test
  void tagsAreResolvedWithAWarningAndMissingTagsExit11() {
    TestImages.push(reg, "beh/bytag", "v7", "by tag");
    String tagRef = reg.host() + "/beh/bytag:v7";
    Result s = sign(tagRef);
    assertEquals(0, s.code(), s.describe());
    assertTrue(s.err().contains("WARNING: Image reference " + tagRef + " uses a tag, not a digest, to identify the image to sign."), s.err());
    Result v = verify(pub, tagRef);
    assertEquals(0, v.code(), v.describe());
    assertTrue(v.err().contains("Verification for " + tagRef + " --"), v.err());
    Result missing = verify(pub, reg.host() + "/beh/bytag:nope");
    assertEquals(11, missing.code(), missing.describe());
    assertTrue(missing.err().contains("image tag not found"), missing.err());
  }

  @Test
  void transparencyLogIsNeverSilentlySkipped() {
    String ref = push("beh/tlog", "tlog");
    // the default public log: asked first (declined without an answer), then unreachable from the tests
    Result s = cli.run("sign", "--key", key, ref);
    assertEquals(1, s.code(), s.describe());
    assertTrue(s.err().contains("Error: user declined the prompt"), s.err());
    Result y = cli.run("sign", "--key", key, "-y", ref);
    assertEquals(1, y.code(), y.describe());
    assertTrue(y.err().contains("Error: cannot reach transparency log at https://rekor.sigstore.dev"), y.err());
    assertTrue(RegistryPeek.manifest(reg, "beh/tlog", sigTag(ref)).isEmpty(), "nothing pushed");
    assertEquals(0, sign(ref).code());
    // no bundle: the (unreachable) public log would be searched; --offline says so without trying
    Result v = cli.run("verify", "--key", pub, ref);
    assertEquals(12, v.code(), v.describe());
    assertTrue(v.err().contains("Error: no matching signatures: cannot reach transparency log at https://rekor.sigstore.dev"), v.err());
    Result off = cli.run("verify", "--key", pub, "--offline", ref);
    assertEquals(12, off.code(), off.describe());
    assertTrue(off.err().contains("Error: no matching signatures: offline verification failed"), off.err());
  }

  @Test
  void textOutputAndSeveralImagesOnOneCommandLine() {
    String a = push("beh/multi", "multi A");
    String b = push("beh/multi", "multi B");
    assertEquals(0, sign(a, b).code());
    Result v = verify(pub, "-o", "text", a, b);
    assertEquals(0, v.code(), v.describe());
    String[] lines = v.out().split("\n");
    assertEquals(2, lines.length, v.out());
    assertTrue(lines[0].contains(a.substring(a.indexOf('@') + 1)));
    assertTrue(lines[1].contains(b.substring(b.indexOf('@') + 1)));
    String c = push("beh/multi", "multi C unsigned");
    Result partial = verify(pub, a, c);
    assertEquals(10, partial.code(), partial.describe());
    assertTrue(partial.out().contains(a.substring(a.indexOf('@') + 1)), "first image still reported");
  }

  @Test
  void recursiveOutputFilesAreNamedPerDigest() throws IOException {
    TestImages.Index idx = TestImages.pushIndex(reg, "beh/index-out", "multi", "index output files");
    Path sig = home.resolve("rec.sig");
    Result s = sign("-r", "--upload=false", "--output-signature", sig.toString(), reg.host() + "/beh/index-out@" + idx.digest());
    assertEquals(0, s.code(), s.describe());
    assertTrue(Files.exists(home.resolve("rec.sig-" + idx.digest().tagStem())));
    for (TestImages.Image child : idx.images()) {
      assertTrue(Files.exists(home.resolve("rec.sig-" + child.manifestDigest().tagStem())), child.manifestDigest().toString());
    }
    assertFalse(Files.exists(sig));
  }

  @Test
  void uploadFalseWritesOutputFilesOnly() throws IOException {
    String ref = push("beh/noupload", "noupload");
    Path sig = home.resolve("out.sig");
    Path payload = home.resolve("out.payload");
    Result s = sign("--upload=false", "--output-signature", sig.toString(), "--output-payload", payload.toString(), ref);
    assertEquals(0, s.code(), s.describe());
    assertTrue(RegistryPeek.manifest(reg, "beh/noupload", sigTag(ref)).isEmpty());
    byte[] raw = Base64.getDecoder().decode(Files.readString(sig).strip());
    assertTrue(raw.length > 60);
    assertTrue(Files.readString(payload).startsWith("{\"critical\":{\"identity\":{\"docker-reference\":\"" + reg.host() + "/beh/noupload\""));
    assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(sig)));
  }

  @Test
  void deterministicSignaturesAreNotDuplicated() {
    // Ed25519ph is deterministic: signing the same payload twice yields the same layer (spec §3.2 rule)
    Path ed = Path.of("src/test/resources/vectors/cosign/import-key-pair/ed25519_pkcs8_ACCEPT.pem");
    String prefix = home.resolve("ed").toString();
    assertEquals(0, cli.run("import-key-pair", "--key", ed.toString(), "--output-key-prefix", prefix, "-y").code());
    String ref = push("beh/dedupe", "dedupe");
    CliRunner edCli = cli;
    assertEquals(0, edCli.run("sign", "--key", prefix + ".key", "--tlog-upload=false", ref).code());
    Result again = edCli.run("sign", "--key", prefix + ".key", "--tlog-upload=false", ref);
    assertEquals(0, again.code(), again.describe());
    assertEquals(1, sigManifest(ref).get("layers").size());
    assertEquals(0, verify(prefix + ".pub", ref).code());
  }

  @Test
  void otherKeyTypesSignAndVerify() {
    for (String vector : new String[] {"rsa2048_pkcs8_ACCEPT.pem", "ec-p384_sec1_ACCEPT.pem", "ec-p521_sec1_ACCEPT.pem"}) {
      String prefix = home.resolve("kt-" + vector).toString();
      Path pem = Path.of("src/test/resources/vectors/cosign/import-key-pair/" + vector);
      assertEquals(0, cli.run("import-key-pair", "--key", pem.toString(), "--output-key-prefix", prefix, "-y").code());
      String ref = push("beh/keytypes", "key type " + vector);
      assertEquals(0, cli.run("sign", "--key", prefix + ".key", "--tlog-upload=false", ref).code());
      // v3 signs P-384 with SHA-384 and P-521 with SHA-512; legacy verify hashes with SHA-256 unless told (spec §2.3)
      String alg = vector.startsWith("ec-p384") ? "sha384" : vector.startsWith("ec-p521") ? "sha512" : "sha256";
      Result v = verify(prefix + ".pub", "--signature-digest-algorithm", alg, ref);
      assertEquals(0, v.code(), vector + " " + v.describe());
      if (!alg.equals("sha256")) {
        assertEquals(12, verify(prefix + ".pub", ref).code(), vector);
      }
    }
  }

  @Test
  void unsignedImageExits10() {
    String ref = push("beh/unsigned", "unsigned");
    Result v = verify(pub, ref);
    assertEquals(10, v.code(), v.describe());
    assertEquals("Error: no signatures found", v.err().lines().filter(l -> l.startsWith("Error")).findFirst().orElse(""));
    assertFalse(v.err().contains("Verification for"));
  }

  @Test
  void badReferenceAndWrongPasswordFailCleanly() {
    Result bad = sign("not a reference!");
    assertEquals(1, bad.code());
    assertTrue(bad.err().startsWith("Error: could not parse reference: not a reference!"), bad.err());
    String ref = push("beh/wrongpw", "wrongpw");
    Result wrong = cli.with("COSIGN_PASSWORD", "nope").run("sign", "--key", key, "--tlog-upload=false", ref);
    assertEquals(1, wrong.code());
    assertTrue(wrong.err().contains("wrong password"), wrong.err());
    assertEquals(1, wrong.err().strip().lines().count(), wrong.err());
    assertTrue(RegistryPeek.manifest(reg, "beh/wrongpw", sigTag(ref)).isEmpty());
  }
}
