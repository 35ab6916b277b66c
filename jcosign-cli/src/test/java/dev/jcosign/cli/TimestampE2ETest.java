package dev.jcosign.cli;

import static dev.jcosign.testing.CleanErrors.assertCleanFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcosign.core.json.Json;
import dev.jcosign.core.timestamp.TimestampAnnotation;
import dev.jcosign.core.tlog.TrustedAuthority;
import dev.jcosign.testing.AttestFixture;
import dev.jcosign.testing.CliRunner.Result;
import dev.jcosign.testing.RegistryPeek;
import dev.jcosign.testkit.SigstoreMockServer;
import dev.jcosign.testkit.TestCerts;
import dev.jcosign.testkit.TestTsa;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --timestamp-server-url} and {@code --use-signed-timestamps} (spec §6.4, §4.4 steps 2 and 7,
 * §7) against a real registry and the loopback Rekor + TSA, verified offline with the trusted root
 * that server publishes; the stored token is cross-checked with {@code openssl ts}.
 */
@Tag("e2e")
class TimestampE2ETest {
  @TempDir static Path home;
  static AttestFixture f;
  static SigstoreMockServer mock;
  static Path root;

  @BeforeAll
  static void setUp() throws Exception {
    f = new AttestFixture(home);
    mock = SigstoreMockServer.get();
    root = Files.write(home.resolve("trusted_root.json"), mock.trustedRootJson());
  }

  private Path signBlob(String name, String content) {
    Path blob = f.file(name, content);
    Path bundle = home.resolve(name + ".bundle.json");
    Result r = f.cli.run("sign-blob", "--key", f.key, "--rekor-url", mock.url(), "--timestamp-server-url", mock.tsaUrl(),
        "--new-bundle-format", "--bundle", bundle.toString(), blob.toString());
    assertEquals(0, r.code(), r.describe());
    return bundle;
  }

  private Result verifyBlob(Path bundle, Path trustedRoot, String blob, String... more) {
    List<String> args = new ArrayList<>(List.of("verify-blob", "--key", f.pub, "--bundle", bundle.toString(),
        "--trusted-root", trustedRoot.toString()));
    args.addAll(List.of(more));
    args.add(home.resolve(blob).toString());
    return f.cli.run(args.toArray(String[]::new));
  }

  private static byte[] signedTimestamp(Path bundle) throws Exception {
    JsonNode b = Json.parse(Files.readAllBytes(bundle), "bundle");
    return Base64.getDecoder().decode(
        b.at("/verificationMaterial/timestampVerificationData/rfc3161Timestamps/0/signedTimestamp").asText());
  }

  private static Path withTimestamp(Path bundle, byte[] der, String name) throws Exception {
    ObjectNode b = (ObjectNode) Json.parse(Files.readAllBytes(bundle), "bundle");
    ((ObjectNode) b.at("/verificationMaterial/timestampVerificationData/rfc3161Timestamps/0"))
        .put("signedTimestamp", Base64.getEncoder().encodeToString(der));
    return Files.write(home.resolve(name), Json.write(b));
  }

  private static Path rootWithTsas(List<TrustedAuthority> tsas, String name) throws Exception {
    ObjectNode r = (ObjectNode) Json.parse(mock.trustedRootJson(), "root");
    ArrayNode list = r.putArray("timestampAuthorities");
    for (TrustedAuthority tsa : tsas) {
      ObjectNode a = list.addObject();
      a.putObject("subject").put("commonName", tsa.commonName());
      ArrayNode certs = a.putObject("certChain").putArray("certificates");
      tsa.certChain().forEach(c -> certs.addObject().put("rawBytes", Base64.getEncoder().encodeToString(c)));
      a.putObject("validFor").put("start", "2000-01-01T00:00:00Z");
    }
    return Files.write(home.resolve(name), Json.write(r));
  }

  @Test
  void imageSignedWithTimestampVerifiesOffline() throws Exception {
    String ref = f.push("tsa/sign", "tsa-sign");
    Result s = f.cli.run("sign", "--key", f.key, "--rekor-url", mock.url(), "--timestamp-server-url", mock.tsaUrl(), ref);
    assertEquals(0, s.code(), s.describe());
    String sigTag = AttestFixture.digestOf(ref).tagStem() + ".sig";
    JsonNode layer = Json.parse(RegistryPeek.manifest(f.reg, AttestFixture.repoOf(f.reg, ref), sigTag).orElseThrow(), "sig")
        .get("layers").get(0);
    String annotation = layer.at("/annotations/dev.sigstore.cosign~1rfc3161timestamp").asText();
    assertTrue(annotation.startsWith("{\"SignedRFC3161Timestamp\":\""), annotation);
    byte[] sig = Base64.getDecoder().decode(layer.at("/annotations/dev.cosignproject.cosign~1signature").asText());
    openssl(TimestampAnnotation.read(annotation), sig);

    Result v = f.cli.run("verify", "--key", f.pub, "--trusted-root", root.toString(), "--use-signed-timestamps", ref);
    assertEquals(0, v.code(), v.describe());
    // TSA not in the root: an empty list, and a root naming another TSA
    Result none = f.cli.run("verify", "--key", f.pub, "--trusted-root", rootWithTsas(List.of(), "no-tsa.json").toString(),
        "--use-signed-timestamps", ref);
    assertCleanFailure(none, 12, List.of("names no timestamp authority"));
    Result other = f.cli.run("verify", "--key", f.pub, "--trusted-root",
        rootWithTsas(List.of(TestTsa.current("other").authority()), "other-tsa.json").toString(), "--use-signed-timestamps", ref);
    assertCleanFailure(other, 12, List.of("rfc3161 timestamp: not signed by a timestamp authority in the trusted root"));
  }

  @Test
  void attestationTimestampCoversTheDsseSignature() throws Exception {
    String ref = f.push("tsa/attest", "tsa-attest");
    // the mock stores dsse log entries as proposed (test-peers.md §4), so the log is left out here;
    // timestamps are checked with --insecure-ignore-tlog too
    Result a = f.cli.run("attest", "--key", f.key, "--tlog-upload=false", "--timestamp-server-url", mock.tsaUrl(),
        "--type", "custom", "--predicate", f.file("pred.json", "{\"a\":1}").toString(), ref);
    assertEquals(0, a.code(), a.describe());
    JsonNode layer = f.attManifest(ref).get("layers").get(0);
    byte[] der = TimestampAnnotation.read(layer.at("/annotations/dev.sigstore.cosign~1rfc3161timestamp").asText());
    JsonNode env = Json.parse(f.attLayer(ref, 0), "envelope");
    openssl(der, Base64.getDecoder().decode(env.at("/signatures/0/sig").asText()));
    Result v = f.cli.run("verify-attestation", "--key", f.pub, "--insecure-ignore-tlog", "--type", "custom", "--trusted-root", root.toString(),
        "--use-signed-timestamps", ref);
    assertEquals(0, v.code(), v.describe());
    Result other = f.cli.run("verify-attestation", "--key", f.pub, "--insecure-ignore-tlog", "--type", "custom", "--trusted-root",
        rootWithTsas(List.of(TestTsa.current("other").authority()), "other-tsa-att.json").toString(), "--use-signed-timestamps", ref);
    assertTrue(other.code() != 0 && other.err().contains("rfc3161 timestamp: not signed by a timestamp authority"), other.describe());
  }

  @Test
  void imageWithoutTimestampFailsWhenOneIsRequired() {
    String ref = f.push("tsa/none", "tsa-none");
    assertEquals(0, f.cli.run("sign", "--key", f.key, "--rekor-url", mock.url(), ref).code());
    Result v = f.cli.run("verify", "--key", f.pub, "--trusted-root", root.toString(), "--use-signed-timestamps", ref);
    assertCleanFailure(v, 12, List.of("--use-signed-timestamps: the signature carries no rfc3161 timestamp"));
    assertEquals(0, f.cli.run("verify", "--key", f.pub, "--trusted-root", root.toString(), ref).code());
  }

  @Test
  void blobBundleCarriesAVerifiableTimestamp() throws Exception {
    Path bundle = signBlob("blob.txt", "timestamped blob\n");
    byte[] der = signedTimestamp(bundle);
    byte[] sig = Base64.getDecoder().decode(
        Json.parse(Files.readAllBytes(bundle), "b").at("/messageSignature/signature").asText());
    openssl(der, sig);
    Result ok = verifyBlob(bundle, root, "blob.txt", "--use-signed-timestamps");
    assertEquals(0, ok.code(), ok.describe());

    // a flipped byte in the signed TSTInfo (the imprint's last byte sits right before the serial)
    byte[] flipped = der.clone();
    int imprint = indexOf(der, java.security.MessageDigest.getInstance("SHA-256").digest(sig));
    flipped[imprint + 31] ^= 0x01;
    Path tampered = withTimestamp(bundle, flipped, "tampered.json");
    assertCleanFailure(verifyBlob(tampered, root, "blob.txt", "--use-signed-timestamps"), 1, List.of("rfc3161 timestamp"));
    // checked even without the flag, since the trusted root names a TSA
    assertCleanFailure(verifyBlob(tampered, root, "blob.txt"), 1, List.of("rfc3161 timestamp"));

    // the timestamp of another signature
    Path other = signBlob("other.txt", "another blob\n");
    Path swapped = withTimestamp(bundle, signedTimestamp(other), "swapped.json");
    assertCleanFailure(verifyBlob(swapped, root, "blob.txt", "--use-signed-timestamps"), 1,
        List.of("rfc3161 timestamp: message imprint does not match the signature"));
  }

  /** cosign v2's legacy blob outputs keep the timestamp in its own file (spec §6.4, sign-blob row). */
  @Test
  void legacyBlobTimestampFile() throws Exception {
    Path blob = f.file("legacy-ts.txt", "legacy timestamped\n");
    Path sig = home.resolve("legacy-ts.sig");
    Path ts = home.resolve("legacy-ts.timestamp.json");
    Result needs = f.cli.run("sign-blob", "--key", f.key, "--tlog-upload=false", "--timestamp-server-url", mock.tsaUrl(),
        "--output-signature", sig.toString(), blob.toString());
    assertCleanFailure(needs, 1, List.of("needs --rfc3161-timestamp FILE"));
    assertFalse(Files.exists(sig));
    Result r = f.cli.run("sign-blob", "--key", f.key, "--tlog-upload=false", "--timestamp-server-url", mock.tsaUrl(),
        "--output-signature", sig.toString(), "--rfc3161-timestamp", ts.toString(), blob.toString());
    assertEquals(0, r.code(), r.describe());
    String json = Files.readString(ts);
    assertTrue(json.startsWith("{\"SignedRFC3161Timestamp\":\""), json);
    assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(ts)));
    byte[] rawSig = Base64.getDecoder().decode(Files.readString(sig).trim());
    openssl(TimestampAnnotation.read(json), rawSig);

    List<String> verify = List.of("verify-blob", "--key", f.pub, "--insecure-ignore-tlog", "--trusted-root", root.toString(),
        "--use-signed-timestamps", "--signature", sig.toString());
    java.util.function.BiFunction<List<String>, String, Result> run = (more, file) -> {
      List<String> a = new ArrayList<>(verify);
      a.addAll(more);
      a.add(file);
      return f.cli.run(a.toArray(String[]::new));
    };
    Result ok = run.apply(List.of("--rfc3161-timestamp", ts.toString()), blob.toString());
    assertEquals(0, ok.code(), ok.describe());
    assertTrue(ok.err().contains("Verified OK"), ok.err());
    assertCleanFailure(run.apply(List.of(), blob.toString()), 1, List.of("--use-signed-timestamps: the signature carries no rfc3161 timestamp"));

    // the timestamp of another signature; a file that is not a timestamp
    Path other = f.file("legacy-ts-other.txt", "another blob\n");
    Path otherSig = home.resolve("legacy-ts-other.sig");
    Path otherTs = home.resolve("legacy-ts-other.timestamp.json");
    assertEquals(0, f.cli.run("sign-blob", "--key", f.key, "--tlog-upload=false", "--timestamp-server-url", mock.tsaUrl(),
        "--output-signature", otherSig.toString(), "--rfc3161-timestamp", otherTs.toString(), other.toString()).code());
    assertCleanFailure(run.apply(List.of("--rfc3161-timestamp", otherTs.toString()), blob.toString()), 1,
        List.of("rfc3161 timestamp: message imprint does not match the signature"));
    Path junk = f.file("junk-ts.json", "{\"SignedRFC3161Timestamp\":\"!!\"}");
    assertCleanFailure(run.apply(List.of("--rfc3161-timestamp", junk.toString()), blob.toString()), 1,
        List.of("--rfc3161-timestamp " + junk, "not valid base64"));
    assertCleanFailure(run.apply(List.of("--rfc3161-timestamp", home.resolve("missing.json").toString()), blob.toString()), 1,
        List.of("cannot read --rfc3161-timestamp"));
  }

  @Test
  void unreachableTsaWritesAndPushesNothing() {
    String dead = "http://127.0.0.1:1/api/v1/timestamp";
    String ref = f.push("tsa/dead", "tsa-dead");
    Result s = f.cli.run("sign", "--key", f.key, "--rekor-url", mock.url(), "--timestamp-server-url", dead, ref);
    assertCleanFailure(s, 1, List.of("cannot reach timestamp authority at " + dead));
    String sigTag = AttestFixture.digestOf(ref).tagStem() + ".sig";
    assertFalse(RegistryPeek.manifest(f.reg, AttestFixture.repoOf(f.reg, ref), sigTag).isPresent(), "no .sig pushed");

    Path bundle = home.resolve("dead.bundle.json");
    Result b = f.cli.run("sign-blob", "--key", f.key, "--rekor-url", mock.url(), "--timestamp-server-url", dead,
        "--new-bundle-format", "--bundle", bundle.toString(), f.file("dead.txt", "x").toString());
    assertCleanFailure(b, 1, List.of("cannot reach timestamp authority at " + dead));
    assertFalse(Files.exists(bundle));
    Result refused = f.cli.run("sign", "--key", f.key, "--rekor-url", mock.url(), "--timestamp-server-url",
        mock.failingUrl(500) + "/api/v1/timestamp", ref);
    assertCleanFailure(refused, 1, List.of("answered HTTP 500"));
  }

  /** {@code openssl ts -reply -text} parses the stored response, and {@code -verify} accepts it with the TSA chain. */
  private static void openssl(byte[] der, byte[] sig) throws Exception {
    Path resp = Files.write(home.resolve("resp.der"), der);
    Path data = Files.write(home.resolve("sig.bin"), sig);
    List<TrustedAuthority> tsas = dev.jcosign.core.tlog.TrustedRoot.parse(mock.trustedRootJson()).timestampAuthorities();
    List<byte[]> chain = tsas.get(0).certChain();
    Path leaf = Files.writeString(home.resolve("tsa-leaf.pem"), TestCerts.pem("CERTIFICATE", chain.get(0)));
    Path ca = Files.writeString(home.resolve("tsa-root.pem"), TestCerts.pem("CERTIFICATE", chain.get(chain.size() - 1)));
    String text = run("openssl", "ts", "-reply", "-in", resp.toString(), "-text");
    assertTrue(text.contains("Status: Granted.") && text.contains("Hash Algorithm: sha256"), text);
    String verified = run("openssl", "ts", "-verify", "-in", resp.toString(), "-data", data.toString(),
        "-CAfile", ca.toString(), "-untrusted", leaf.toString());
    assertTrue(verified.contains("Verification: OK"), verified);
  }

  private static String run(String... cmd) throws Exception {
    Process p;
    try {
      p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("this test needs " + cmd[0] + " on PATH (scripts/test installs it)", e);
    }
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), String.join(" ", cmd) + "\n" + out);
    return out;
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("needle not found");
  }
}
