package dev.jcosign.blob;

import static dev.jcosign.testing.CleanErrors.assertCleanFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcosign.core.bundle.BundleJson;
import dev.jcosign.core.bundle.SigstoreBundle;
import dev.jcosign.core.json.Json;
import dev.jcosign.core.keys.DigestAlgorithm;
import dev.jcosign.core.keys.PublicKeys;
import dev.jcosign.core.tlog.ExpectedContent;
import dev.jcosign.core.tlog.SignedEntryTimestamp;
import dev.jcosign.core.tlog.TlogEntries;
import dev.jcosign.core.rekor.TlogEntry;
import dev.jcosign.core.tlog.TlogEntryVerifier;
import dev.jcosign.core.tlog.TlogVerification;
import dev.jcosign.core.tlog.TrustedRoot;
import dev.jcosign.testing.CliRunner;
import dev.jcosign.testing.CliRunner.Result;
import dev.jcosign.testkit.SigstoreMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** sign-blob with the transparency log on, against a loopback Rekor (spec §6.3, §7, §6.6). */
@Tag("e2e")
class BlobTlogUploadE2ETest {
  @TempDir static Path dir;
  static CliRunner cli;
  static SigstoreMockServer rekor;
  static TrustedRoot root;
  static String key;
  static String pub;
  static Path blob;
  static byte[] digest;

  @BeforeAll
  static void setUp() throws Exception {
    rekor = SigstoreMockServer.get();
    root = rekor.trustedRoot();
    cli = BlobFixture.cli(dir);
    Path prefix = BlobFixture.importKey(cli, dir, "ec-p256_pkcs8");
    key = BlobFixture.key(prefix);
    pub = BlobFixture.pub(prefix);
    blob = Files.writeString(dir.resolve("blob.txt"), "logged blob\n");
    digest = DigestAlgorithm.SHA256.digest(Files.readAllBytes(blob));
  }

  private static ExpectedContent expected(byte[] sig) throws Exception {
    byte[] spki = PublicKeys.fromPem(Files.readAllBytes(Path.of(pub))).getEncoded();
    return new ExpectedContent.MessageSignature(DigestAlgorithm.SHA256, digest, sig, ExpectedContent.Verifier.publicKey(spki));
  }

  @Test
  void legacyBundleCarriesRekorBundle() throws Exception {
    Path bundle = dir.resolve("legacy.json");
    Result r = cli.run("sign-blob", "--key", key, "--rekor-url", rekor.url(), "--bundle", bundle.toString(), blob.toString());
    assertEquals(0, r.code(), r.describe());
    assertTrue(r.err().contains("tlog entry created with index: "), r.err());
    JsonNode b = Json.parse(Files.readAllBytes(bundle), "bundle");
    byte[] sig = Base64.getDecoder().decode(b.get("base64Signature").asText());
    assertEquals(b.get("base64Signature").asText() + "\n", r.out());
    JsonNode rb = b.get("rekorBundle");
    assertEquals(List.of("SignedEntryTimestamp", "Payload"), fieldNames(rb));
    assertEquals(List.of("body", "integratedTime", "logIndex", "logID"), fieldNames(rb.get("Payload")));
    TlogEntry e = TlogEntries.fromLegacyBundle(Json.write(rb));
    SignedEntryTimestamp.verify(e, root);
    TlogEntryVerifier.verify(e, root, expected(sig)); // body: our digest, signature and key
  }

  @Test
  void sigstoreBundleCarriesTlogEntry() throws Exception {
    Path bundle = dir.resolve("v03.json");
    Result r = cli.run("sign-blob", "--key", key, "--rekor-url", rekor.url(), "--new-bundle-format", "--bundle",
        bundle.toString(), blob.toString());
    assertEquals(0, r.code(), r.describe());
    assertEquals("", r.out());
    JsonNode doc = Json.parse(Files.readAllBytes(bundle), "bundle");
    assertEquals(List.of("publicKey", "tlogEntries"), fieldNames(doc.get("verificationMaterial")));
    JsonNode t = doc.at("/verificationMaterial/tlogEntries/0");
    assertEquals(List.of("logIndex", "logId", "kindVersion", "integratedTime", "inclusionPromise", "inclusionProof",
        "canonicalizedBody"), fieldNames(t));
    assertTrue(t.get("logIndex").isTextual() && t.get("integratedTime").isTextual());
    assertEquals("hashedrekord", t.at("/kindVersion/kind").asText());
    assertEquals("0.0.1", t.at("/kindVersion/version").asText());
    assertTrue(t.at("/inclusionProof/checkpoint/envelope").asText().contains("\n\n\u2014 "));
    SigstoreBundle b = BundleJson.parse(doc, "bundle");
    TlogEntry e = TlogEntries.fromBundleTlogEntry(t);
    TlogVerification v = TlogEntryVerifier.verify(e, root, expected(b.messageSignature().orElseThrow().signature()));
    assertTrue(v.promiseVerified() && v.proofVerified());
  }

  /** Each key type logs the digest it signed: SHA-384 for P-384, the Ed25519ph SHA-512 prehash (spec §2.3, §6.3). */
  @ParameterizedTest
  @CsvSource({"ec-p384_sec1,SHA384", "ed25519_pkcs8,SHA512", "rsa2048_pkcs1,SHA256"})
  void everyKeyTypeLogsWhatItSigned(String name, DigestAlgorithm hash) throws Exception {
    Path prefix = BlobFixture.importKey(cli, dir, name);
    Path bundle = dir.resolve(name + ".sigstore.json");
    Result r = cli.run("sign-blob", "--key", BlobFixture.key(prefix), "--rekor-url", rekor.url(), "--new-bundle-format",
        "--bundle", bundle.toString(), blob.toString());
    assertEquals(0, r.code(), r.describe());
    JsonNode doc = Json.parse(Files.readAllBytes(bundle), "bundle");
    SigstoreBundle.MessageSignature ms = BundleJson.parse(doc, "bundle").messageSignature().orElseThrow();
    assertEquals(hash, ms.algorithm());
    byte[] spki = PublicKeys.fromPem(Files.readAllBytes(Path.of(BlobFixture.pub(prefix)))).getEncoded();
    TlogEntryVerifier.verify(TlogEntries.fromBundleTlogEntry(doc.at("/verificationMaterial/tlogEntries/0")), root,
        new ExpectedContent.MessageSignature(hash, hash.digest(Files.readAllBytes(blob)), ms.signature(),
            ExpectedContent.Verifier.publicKey(spki)));
    Result v = cli.run("verify-blob", "--key", BlobFixture.pub(prefix), "--insecure-ignore-tlog", "--bundle", bundle.toString(),
        blob.toString());
    assertEquals(0, v.code(), v.describe());
  }

  @Test
  void logFailuresWriteNothing() {
    for (String url : List.of("http://127.0.0.1:1", rekor.failingUrl(400), rekor.failingUrl(500), rekor.tamperingUrl())) {
      Path bundle = dir.resolve("never.json");
      Path sig = dir.resolve("never.sig");
      Result r = cli.run("sign-blob", "--key", key, "--rekor-url", url, "--bundle", bundle.toString(),
          "--output-signature", sig.toString(), blob.toString());
      assertCleanFailure(r, 1, List.of("transparency log", url));
      assertEquals("", r.out());
      assertFalse(Files.exists(bundle), url);
      assertFalse(Files.exists(sig), url);
    }
  }

  private static List<String> fieldNames(JsonNode n) {
    List<String> out = new java.util.ArrayList<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
