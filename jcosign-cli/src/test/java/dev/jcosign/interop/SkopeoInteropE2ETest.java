package dev.jcosign.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcosign.testing.CliRunner;
import dev.jcosign.testing.CliRunner.Result;
import dev.jcosign.testing.OpensslRunner;
import dev.jcosign.testing.RegistryPeek;
import dev.jcosign.testing.SigstoreSignatureFile;
import dev.jcosign.testing.SkopeoRunner;
import dev.jcosign.testkit.DockerRegistryServer;
import dev.jcosign.testkit.DockerRegistryServer.Variant;
import dev.jcosign.testkit.TestImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * skopeo (Debian 1.9.3, sigstore crypto patched out, test-peers §3) as an independent reader and
 * writer of cosign's {@code sha256-<hex>.sig} attachments; openssl does the crypto on its side.
 * jcosign signatures must be readable by skopeo and openssl-verifiable, and signatures that
 * skopeo writes from openssl-made material must verify with jcosign.
 */
@Tag("e2e")
@ExtendWith(DockerRegistryServer.LogsOnFailure.class)
class SkopeoInteropE2ETest {
  @TempDir static Path home;
  static DockerRegistryServer reg;
  static SkopeoRunner skopeo;
  static CliRunner cli;
  static Path jcosignKey;
  static Path jcosignPub;
  static Path opensslKey;
  static Path opensslPub;

  @TempDir Path work;

  @BeforeAll
  static void setUp() {
    reg = DockerRegistryServer.get(Variant.PLAIN);
    skopeo = SkopeoRunner.forRegistry(home, reg.host()); // fails the class when skopeo is missing
    cli = new CliRunner(home).with("COSIGN_PASSWORD", "interop");
    Result g = cli.run("generate-key-pair", "--output-key-prefix", home.resolve("jc").toString());
    assertEquals(0, g.code(), g.describe());
    jcosignKey = home.resolve("jc.key");
    jcosignPub = home.resolve("jc.pub");
    // an independent key pair straight from openssl: PKCS#8 private key, PKIX public key
    OpensslRunner.ok(home, "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "ossl-sec1.pem");
    OpensslRunner.ok(home, "pkcs8", "-topk8", "-nocrypt", "-in", "ossl-sec1.pem", "-out", "ossl.key");
    OpensslRunner.ok(home, "pkey", "-in", "ossl.key", "-pubout", "-out", "ossl.pub");
    opensslKey = home.resolve("ossl.key");
    opensslPub = home.resolve("ossl.pub");
  }

  private static String docker(String repoAndTagOrDigest) {
    return "docker://" + reg.host() + "/" + repoAndTagOrDigest;
  }

  /** skopeo copy registry → dir: (plain HTTP source), with the attachments. */
  private static void pull(String repoAndTagOrDigest, Path dir) {
    skopeo.ok("copy", "-q", "--src-tls-verify=false", docker(repoAndTagOrDigest), "dir:" + dir);
  }

  private static String simpleSigningPayload(String identity, String digest, String optional) {
    // spec §3.3, exact bytes, built here independently of jcosign's payload code
    return "{\"critical\":{\"identity\":{\"docker-reference\":\"" + identity + "\"},\"image\":{\"docker-manifest-digest\":\""
        + digest + "\"},\"type\":\"cosign container image signature\"},\"optional\":" + optional + "}";
  }

  private static String sha256(Path file) throws IOException {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** openssl's verdict on a raw signature over a payload with a PEM public key. */
  private static OpensslRunner.Result opensslVerify(Path dir, Path pub, byte[] payload, byte[] sig) throws IOException {
    Files.write(dir.resolve("payload.bin"), payload);
    Files.write(dir.resolve("sig.der"), sig);
    return OpensslRunner.run(dir, "dgst", "-sha256", "-verify", pub.toString(), "-signature", "sig.der", "payload.bin");
  }

  @Test
  void skopeoReadsJcosignSignatureAndOpensslVerifiesIt() throws IOException {
    String repo = "interop/skopeo-read";
    TestImages.Image img = TestImages.push(reg, repo, "v1", "read by skopeo");
    String ref = reg.host() + "/" + repo + "@" + img.manifestDigest();
    Result s = cli.run("sign", "--key", jcosignKey.toString(), "--tlog-upload=false", "-a", "by=jcosign", ref);
    assertEquals(0, s.code(), s.describe());

    Path dir = work.resolve("fetched");
    pull(repo + "@" + img.manifestDigest(), dir);
    assertEquals(img.manifestDigest().toString(), sha256(dir.resolve("manifest.json")));
    assertTrue(Files.exists(dir.resolve("signature-1")), "skopeo found the .sig attachment");
    assertFalse(Files.exists(dir.resolve("signature-2")), "exactly one signature");

    SigstoreSignatureFile sig = SigstoreSignatureFile.read(dir.resolve("signature-1"));
    assertEquals("application/vnd.dev.cosign.simplesigning.v1+json", sig.mimeType());
    String expected = simpleSigningPayload(reg.host() + "/" + repo, img.manifestDigest().toString(), "{\"by\":\"jcosign\"}");
    assertEquals(expected, new String(sig.payload(), StandardCharsets.UTF_8));
    OpensslRunner.Result ok = opensslVerify(work, jcosignPub, sig.payload(), sig.rawSignature());
    assertEquals(0, ok.code(), ok.err() + ok.out());
    assertEquals("Verified OK\n", ok.out());
    // and the check is meaningful: another key is refused
    assertEquals(1, opensslVerify(work, opensslPub, sig.payload(), sig.rawSignature()).code());
  }

  @Test
  void jcosignVerifiesSignatureThatSkopeoWroteFromOpensslMaterial() throws IOException {
    String src = "interop/skopeo-src";
    String dst = "interop/skopeo-written";
    TestImages.Image img = TestImages.push(reg, src, "v1", "written by skopeo");
    Path dir = work.resolve("img");
    pull(src + ":v1", dir);
    String digest = sha256(dir.resolve("manifest.json"));
    assertEquals(img.manifestDigest().toString(), digest);

    byte[] payload = simpleSigningPayload(reg.host() + "/" + dst, digest, "{\"by\":\"openssl\"}").getBytes(StandardCharsets.UTF_8);
    Files.write(work.resolve("payload.json"), payload);
    OpensslRunner.ok(work, "dgst", "-sha256", "-sign", opensslKey.toString(), "-out", "payload.sig", "payload.json");
    SigstoreSignatureFile.simpleSigning(payload, Files.readAllBytes(work.resolve("payload.sig"))).write(dir.resolve("signature-1"));
    skopeo.ok("copy", "-q", "--dest-tls-verify=false", "dir:" + dir, docker(dst + ":v1"));

    String hex = digest.substring("sha256:".length());
    assertTrue(RegistryPeek.manifest(reg, dst, "sha256-" + hex + ".sig").isPresent(), "skopeo wrote the cosign tag");
    String ref = reg.host() + "/" + dst + "@" + digest;
    Result v = cli.run("verify", "--key", opensslPub.toString(), "--insecure-ignore-tlog", "-a", "by=openssl", ref);
    assertEquals(0, v.code(), v.describe());
    assertEquals("\n[" + new String(payload, StandardCharsets.UTF_8) + "]\n", v.out());
    Result text = cli.run("verify", "--key", opensslPub.toString(), "--insecure-ignore-tlog", "-o", "text", reg.host() + "/" + dst + ":v1");
    assertEquals(0, text.code(), text.describe());
    assertEquals(new String(payload, StandardCharsets.UTF_8) + "\n", text.out());

    Result wrongKey = cli.run("verify", "--key", jcosignPub.toString(), "--insecure-ignore-tlog", ref);
    assertEquals(12, wrongKey.code(), wrongKey.describe());
    assertTrue(wrongKey.err().contains("Error: no matching signatures: "), wrongKey.err());
    Result wrongAnnotation = cli.run("verify", "--key", opensslPub.toString(), "--insecure-ignore-tlog", "-a", "by=jcosign", ref);
    assertEquals(12, wrongAnnotation.code(), wrongAnnotation.describe());
  }

  @Test
  void skopeoCopyCarriesJcosignSignatureToAnotherRepository() {
    // skopeo rewrites the .sig image in its own way (its config has no created/history): jcosign must still read it
    String src = "interop/skopeo-carry-src";
    String dst = "interop/skopeo-carry-dst";
    TestImages.Image img = TestImages.push(reg, src, "v1", "carried by skopeo");
    String srcRef = reg.host() + "/" + src + "@" + img.manifestDigest();
    assertEquals(0, cli.run("sign", "--key", jcosignKey.toString(), "--tlog-upload=false", srcRef).code());

    skopeo.ok("copy", "-q", "--src-tls-verify=false", "--dest-tls-verify=false", docker(src + "@" + img.manifestDigest()), docker(dst + ":v1"));
    String sigTag = img.manifestDigest().tagStem() + ".sig";
    byte[] copied = RegistryPeek.manifest(reg, dst, sigTag).orElseThrow(() -> new AssertionError("no .sig in " + dst));
    assertFalse(new String(copied, StandardCharsets.UTF_8).isEmpty());

    Result v = cli.run("verify", "--key", jcosignPub.toString(), "--insecure-ignore-tlog", reg.host() + "/" + dst + "@" + img.manifestDigest());
    assertEquals(0, v.code(), v.describe());
    // the payload still names the repository it was signed in: cosign does not check docker-reference
    assertTrue(v.out().contains("\"docker-reference\":\"" + reg.host() + "/" + src + "\""), v.out());
  }

  @Test
  void signaturesFromBothSidesLiveTogetherAndEachKeyFindsItsOwn() throws IOException {
    String src = "interop/skopeo-both-src";
    String dst = "interop/skopeo-both";
    TestImages.Image img = TestImages.push(reg, src, "v1", "signed twice");
    String srcRef = reg.host() + "/" + src + "@" + img.manifestDigest();
    assertEquals(0, cli.run("sign", "--key", jcosignKey.toString(), "--tlog-upload=false", srcRef).code());
    Path dir = work.resolve("both");
    pull(src + "@" + img.manifestDigest(), dir);
    assertTrue(Files.exists(dir.resolve("signature-1")));

    byte[] payload = simpleSigningPayload(reg.host() + "/" + dst, img.manifestDigest().toString(), "null").getBytes(StandardCharsets.UTF_8);
    Files.write(work.resolve("p2.json"), payload);
    OpensslRunner.ok(work, "dgst", "-sha256", "-sign", opensslKey.toString(), "-out", "p2.sig", "p2.json");
    SigstoreSignatureFile.simpleSigning(payload, Files.readAllBytes(work.resolve("p2.sig"))).write(dir.resolve("signature-2"));
    skopeo.ok("copy", "-q", "--dest-tls-verify=false", "dir:" + dir, docker(dst + ":v1"));

    String ref = reg.host() + "/" + dst + "@" + img.manifestDigest();
    Result mine = cli.run("verify", "--key", jcosignPub.toString(), "--insecure-ignore-tlog", ref);
    assertEquals(0, mine.code(), mine.describe());
    assertTrue(mine.out().contains("\"docker-reference\":\"" + reg.host() + "/" + src + "\""), mine.out());
    Result theirs = cli.run("verify", "--key", opensslPub.toString(), "--insecure-ignore-tlog", "-o", "text", ref);
    assertEquals(0, theirs.code(), theirs.describe());
    assertEquals(new String(payload, StandardCharsets.UTF_8) + "\n", theirs.out());

    // jcosign appends to what skopeo wrote: a third signature, all three still readable by skopeo
    assertEquals(0, cli.run("sign", "--key", jcosignKey.toString(), "--tlog-upload=false", "-a", "round=3", ref).code());
    Path again = work.resolve("again");
    pull(dst + "@" + img.manifestDigest(), again);
    assertTrue(Files.exists(again.resolve("signature-3")), "three signatures after jcosign appended to skopeo's image");
    SigstoreSignatureFile third = SigstoreSignatureFile.read(again.resolve("signature-3"));
    assertEquals(0, opensslVerify(work, jcosignPub, third.payload(), third.rawSignature()).code());
    assertArrayEquals(payload, SigstoreSignatureFile.read(again.resolve("signature-2")).payload());
  }
}
