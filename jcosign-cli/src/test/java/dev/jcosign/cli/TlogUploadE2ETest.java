package dev.jcosign.cli;

import static dev.jcosign.testing.CleanErrors.assertCleanFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcosign.core.json.Json;
import dev.jcosign.core.keys.DigestAlgorithm;
import dev.jcosign.core.keys.PublicKeys;
import dev.jcosign.core.tlog.ExpectedContent;
import dev.jcosign.core.tlog.RekorEntries;
import dev.jcosign.core.tlog.SignedEntryTimestamp;
import dev.jcosign.core.tlog.TlogEntries;
import dev.jcosign.core.rekor.TlogEntry;
import dev.jcosign.core.tlog.TlogEntryVerifier;
import dev.jcosign.core.tlog.TrustedRoot;
import dev.jcosign.testing.AttestFixture;
import dev.jcosign.testing.CliRunner.Result;
import dev.jcosign.testing.RegistryPeek;
import dev.jcosign.testkit.SigstoreMockServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sign / attest with the transparency log on (the default), against a real registry and a loopback
 * Rekor: the {@code dev.sigstore.cosign/bundle} annotation (spec §3.2, §6.3), and nothing pushed when
 * the log fails.
 */
@Tag("e2e")
class TlogUploadE2ETest {
  @TempDir static Path home;
  static AttestFixture f;
  static SigstoreMockServer rekor;
  static TrustedRoot root;

  @BeforeAll
  static void setUp() {
    f = new AttestFixture(home);
    rekor = SigstoreMockServer.get();
    root = rekor.trustedRoot();
  }

  private static String sigTag(String ref) {
    return AttestFixture.digestOf(ref).tagStem() + ".sig";
  }

  private static JsonNode sigManifest(String ref) {
    return Json.parse(RegistryPeek.manifest(f.reg, AttestFixture.repoOf(f.reg, ref), sigTag(ref)).orElseThrow(), "sig");
  }

  private static TlogEntry bundleOf(JsonNode layer) {
    String annotation = layer.at("/annotations/dev.sigstore.cosign~1bundle").asText();
    TlogEntry e = TlogEntries.fromLegacyBundle(annotation.getBytes(StandardCharsets.UTF_8));
    // exact compact JSON, keys in cosign's order, log ID hex (spec §3.2)
    assertEquals(Json.writeString(RekorEntries.legacyBundle(e)), annotation);
    assertTrue(annotation.startsWith("{\"SignedEntryTimestamp\":\"") && annotation.contains(",\"logID\":\"" + e.logIdHex() + "\"}}"));
    return e;
  }

  @Test
  void signWritesAVerifiableBundleAnnotation() throws Exception {
    String ref = f.push("tlog/sign", "tlog-sign");
    Result r = f.cli.run("sign", "--key", f.key, "--rekor-url", rekor.url(), ref);
    assertEquals(0, r.code(), r.describe());
    assertTrue(r.err().contains("tlog entry created with index: "), r.err());
    JsonNode layer = sigManifest(ref).get("layers").get(0);
    byte[] payload = RegistryPeek.blob(f.reg, AttestFixture.repoOf(f.reg, ref), layer.get("digest").asText()).orElseThrow();
    byte[] sig = Base64.getDecoder().decode(layer.at("/annotations/dev.cosignproject.cosign~1signature").asText());
    TlogEntry e = bundleOf(layer);
    SignedEntryTimestamp.verify(e, root);
    byte[] spki = PublicKeys.fromPem(Files.readAllBytes(Path.of(f.pub))).getEncoded();
    TlogEntryVerifier.verify(e, root, new ExpectedContent.MessageSignature(DigestAlgorithm.SHA256,
        DigestAlgorithm.SHA256.digest(payload), sig, ExpectedContent.Verifier.publicKey(spki)));

    // duplicate rule (spec §3.2): every annotation but the signature must match, and each upload has
    // its own bundle, so signing again with the log on appends a second layer
    assertEquals(0, f.cli.run("sign", "--key", f.key, "--rekor-url", rekor.url(), ref).code());
    assertEquals(2, sigManifest(ref).get("layers").size());
    Result v = f.cli.run("verify", "--key", f.pub, "--insecure-ignore-tlog", ref);
    assertEquals(0, v.code(), v.describe());
  }

  @Test
  void attestLogsADsseEntry() {
    String ref = f.push("tlog/attest", "tlog-attest");
    Result r = f.cli.run("attest", "--key", f.key, "--rekor-url", rekor.url(), "--type", "custom", "--predicate",
        f.file("pred.txt", "hello\n").toString(), ref);
    assertEquals(0, r.code(), r.describe());
    JsonNode layer = f.attManifest(ref).get("layers").get(0);
    assertEquals("", layer.at("/annotations/dev.cosignproject.cosign~1signature").asText());
    TlogEntry e = bundleOf(layer);
    SignedEntryTimestamp.verify(e, root);
    JsonNode body = Json.parse(e.canonicalBody(), "body");
    assertEquals("dsse", body.get("kind").asText());
    assertEquals("0.0.1", body.get("apiVersion").asText());
  }

  /** Both entry kinds of cosign v2 (spec §6.3), logged by the loopback Rekor and verified offline. */
  @Test
  void attestationsVerifyAgainstTheirDsseOrIntotoEntry() throws Exception {
    Path trusted = Files.write(home.resolve("att-root.json"), rekor.trustedRootJson());
    for (String kind : List.of("dsse", "intoto")) {
      String ref = f.push("tlog/att-" + kind, "att-" + kind);
      Result r = f.cli.run("attest", "--key", f.key, "--rekor-url", rekor.url(), "--rekor-entry-type", kind, "--type", "custom",
          "--predicate", f.file("pred-" + kind + ".txt", kind + "\n").toString(), ref);
      assertEquals(0, r.code(), r.describe());
      JsonNode body = Json.parse(bundleOf(f.attManifest(ref).get("layers").get(0)).canonicalBody(), "body");
      assertEquals(kind, body.get("kind").asText());
      Result v = f.cli.run("verify-attestation", "--key", f.pub, "--trusted-root", trusted.toString(), "--offline",
          "--type", "custom", ref);
      assertEquals(0, v.code(), v.describe());
      assertTrue(v.err().contains("verified offline"), v.err());
      Result wrongKey = f.cli.run("verify-attestation", "--key", f.otherPub, "--trusted-root", trusted.toString(), ref);
      assertEquals(1, wrongKey.code(), wrongKey.describe());
    }
    assertCleanFailure(f.cli.run("attest", "--key", f.key, "--rekor-entry-type", "rekord", "--type", "custom", "--predicate",
        f.file("pred-bad.txt", "x").toString(), f.push("tlog/att-bad", "att-bad")), 1,
        List.of("invalid --rekor-entry-type \"rekord\": expected dsse or intoto"));
  }

  /** An attestation without a bundle is looked up online by the entry attest would have made (spec §4.4 step 3). */
  @Test
  void attestationWithoutBundleIsFoundOnline() throws Exception {
    Path trusted = Files.write(home.resolve("att-online-root.json"), rekor.trustedRootJson());
    String ref = f.push("tlog/att-online", "att-online");
    assertEquals(0, f.attest(ref, "custom", f.file("pred-online.txt", "online\n")).code());
    List<String> verify = List.of("verify-attestation", "--key", f.pub, "--rekor-url", rekor.url(), "--trusted-root",
        trusted.toString(), "--type", "custom", ref);
    assertCleanFailure(f.cli.run(verify.toArray(String[]::new)), 1,
        List.of("no matching attestations: signature not found in transparency log"));
    // another client logs the envelope as a dsse entry (JSON written by hand)
    byte[] envelope = f.attLayer(ref, 0);
    String proposal = "{\"apiVersion\":\"0.0.1\",\"kind\":\"dsse\",\"spec\":{\"proposedContent\":{\"envelope\":"
        + Json.writeString(Json.mapper().getNodeFactory().textNode(new String(envelope, StandardCharsets.UTF_8)))
        + ",\"verifiers\":[\"" + Base64.getEncoder().encodeToString(Files.readAllBytes(Path.of(f.pub))) + "\"]}}}";
    java.net.http.HttpResponse<String> posted = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(rekor.url() + "/api/v1/log/entries"))
            .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(proposal)).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(201, posted.statusCode(), posted.body());
    Result found = f.cli.run(verify.toArray(String[]::new));
    assertEquals(0, found.code(), found.describe());
    assertTrue(found.err().contains("  - The claims were present in the transparency log\n"), found.err());
    assertEquals(new String(envelope, StandardCharsets.UTF_8) + "\n", found.out());
  }

  @Test
  void logFailuresPushNothing() {
    String ref = f.push("tlog/fails", "tlog-fails");
    String repo = AttestFixture.repoOf(f.reg, ref);
    for (String url : List.of("http://127.0.0.1:1", rekor.failingUrl(400), rekor.failingUrl(500), rekor.failingUrl(503))) {
      Result s = f.cli.run("sign", "--key", f.key, "--rekor-url", url, ref);
      assertCleanFailure(s, 1, List.of("transparency log", url));
      Result a = f.cli.run("attest", "--key", f.key, "--rekor-url", url, "--type", "custom", "--predicate",
          f.file("p.txt", "x").toString(), ref);
      assertCleanFailure(a, 1, List.of("transparency log", url));
    }
    Result forged = f.cli.run("sign", "--key", f.key, "--rekor-url", rekor.tamperingUrl(), ref);
    assertCleanFailure(forged, 1, List.of("transparency log response from " + rekor.tamperingUrl(), "SET: signature invalid"));
    Result slow = f.cli.run("sign", "--key", f.key, "-t", "2s", "--rekor-url", rekor.hangingUrl(), ref);
    assertCleanFailure(slow, 1, List.of("did not answer within 2s"));
    assertFalse(RegistryPeek.manifest(f.reg, repo, sigTag(ref)).isPresent(), "no .sig pushed");
    assertFalse(RegistryPeek.manifest(f.reg, repo, AttestFixture.attTag(ref)).isPresent(), "no .att pushed");
  }

  @Test
  void defaultIsThePublicLog() {
    String ref = f.push("tlog/default", "tlog-default");
    String repo = AttestFixture.repoOf(f.reg, ref);
    Path out = home.resolve("sig.b64");
    // [v2] prompt before the public log (spec §1.2); no answer = declined, nothing written or pushed
    Result asked = f.cli.run("sign", "--key", f.key, "--output-signature", out.toString(), ref);
    assertCleanFailure(asked, 1, List.of("user declined the prompt"));
    assertTrue(asked.err().contains("https://rekor.sigstore.dev"), asked.err());
    Result yes = f.cli.run("sign", "--key", f.key, "-y", "--output-signature", out.toString(), ref);
    assertCleanFailure(yes, 1, List.of("cannot reach transparency log at https://rekor.sigstore.dev"));
    Result env = f.cli.with("COSIGN_YES", "true").run("attest", "--key", f.key, "--type", "custom", "--predicate",
        f.file("q.txt", "x").toString(), ref);
    assertCleanFailure(env, 1, List.of("cannot reach transparency log at https://rekor.sigstore.dev"));
    assertFalse(Files.exists(out));
    assertFalse(RegistryPeek.manifest(f.reg, repo, sigTag(ref)).isPresent());
    assertFalse(RegistryPeek.manifest(f.reg, repo, AttestFixture.attTag(ref)).isPresent());
    // an answered prompt goes on to the (unreachable) log; a piped answer is not echoed, so the
    // error follows the prompt on its line, as with cosign
    Result typed = f.cli.runWithStdin("y\n", "sign", "--key", f.key, ref);
    assertEquals(1, typed.code(), typed.describe());
    assertTrue(typed.err().contains("[y/N] Error: cannot reach transparency log at https://rekor.sigstore.dev: unknown host\n"),
        typed.err());
  }

  @Test
  void uploadAnswersAreCheckedWithTheTrustedRootWhenItKnowsTheLog() throws Exception {
    String ref = f.push("tlog/trust", "tlog-trust");
    // a log the verifiers do not trust by default: its own key vouches for the answer, and a warning says so
    Result unknown = f.cli.run("sign", "--key", f.key, "--rekor-url", rekor.url(), ref);
    assertEquals(0, unknown.code(), unknown.describe());
    assertTrue(unknown.err().contains("WARNING: transparency log " + rekor.url() + "/ (log ID ")
        || unknown.err().contains("WARNING: transparency log " + rekor.url() + " (log ID "), unknown.err());
    assertTrue(unknown.err().contains("is not in the trusted root (embedded public-good trusted root)"), unknown.err());

    // SIGSTORE_REKOR_PUBLIC_KEY names the log (spec §4.1): checked with that key, no warning
    Path keyFile = Files.write(home.resolve("rekor.pub"), PublicKeys.toPem(root.tlogs().get(0).publicKey()));
    dev.jcosign.testing.CliRunner trusting = f.cli.with("SIGSTORE_REKOR_PUBLIC_KEY", keyFile.toString());
    String ref2 = f.push("tlog/trust2", "tlog-trust2");
    Result known = trusting.run("sign", "--key", f.key, "--rekor-url", rekor.url(), ref2);
    assertEquals(0, known.code(), known.describe());
    assertFalse(known.err().contains("WARNING"), known.err());
    Result forged = trusting.run("sign", "--key", f.key, "--rekor-url", rekor.tamperingUrl(), f.push("tlog/trust3", "tlog-trust3"));
    assertCleanFailure(forged, 1, List.of("transparency log response from " + rekor.tamperingUrl(), "SET: signature invalid"));
    Result v = trusting.run("verify", "--key", f.pub, "--offline", ref2);
    assertEquals(0, v.code(), v.describe());

    // an unreadable trust source is reported before anything is logged or pushed
    String ref4 = f.push("tlog/trust4", "tlog-trust4");
    Path missing = home.resolve("no-such-rekor.pub");
    Result broken = f.cli.with("SIGSTORE_REKOR_PUBLIC_KEY", missing.toString())
        .run("sign", "--key", f.key, "--rekor-url", rekor.url(), ref4);
    assertCleanFailure(broken, 1, List.of("SIGSTORE_REKOR_PUBLIC_KEY", missing.toString()));
    assertFalse(broken.err().contains("tlog entry created"), broken.err());
    assertFalse(RegistryPeek.manifest(f.reg, AttestFixture.repoOf(f.reg, ref4), sigTag(ref4)).isPresent(), "nothing pushed");
  }

  /**
   * The whole chain on loopback: a TUF repository publishes the loopback log's trusted root,
   * {@code initialize} caches it, {@code sign} then trusts that log without a warning, and
   * {@code verify} checks the bundle offline with nothing but {@code TUF_ROOT}.
   */
  @Test
  void initializedTufCacheIsTheTrustForSignAndVerify() throws Exception {
    Path tuf = home.resolve("tuf-cache");
    try (dev.jcosign.testkit.TestTufRepository repo = new dev.jcosign.testkit.TestTufRepository()
        .target("trusted_root.json", rekor.trustedRootJson())) {
      dev.jcosign.testing.CliRunner cached = f.cli.with("TUF_ROOT", tuf.toString());
      Path root1 = repo.writeRoot(1, home.resolve("tuf-1.root.json"));
      Result init = cached.run("initialize", "--mirror", repo.url(), "--root", root1.toString());
      assertEquals(0, init.code(), init.describe());
      String ref = f.push("tlog/tuf", "tlog-tuf");
      Result s = cached.run("sign", "--key", f.key, "--rekor-url", rekor.url(), ref);
      assertEquals(0, s.code(), s.describe());
      assertFalse(s.err().contains("WARNING"), s.err());
      Result v = cached.run("verify", "--key", f.pub, "--offline", ref);
      assertEquals(0, v.code(), v.describe());
      assertTrue(v.err().contains("verified offline"), v.err());
      // without the cache, the embedded public-good root does not know the loopback log
      assertCleanFailure(f.cli.with("TUF_ROOT", home.resolve("empty-cache").toString()).run("verify", "--key", f.pub,
          "--offline", ref), 12, List.of("unknown transparency log"));
    }
  }

  @Test
  void tlogUploadFalseWritesNoBundle() {
    String ref = f.push("tlog/off", "tlog-off");
    assertEquals(0, f.cli.run("sign", "--key", f.key, "--tlog-upload=false", "--rekor-url", "http://127.0.0.1:1", ref).code());
    assertTrue(sigManifest(ref).get("layers").get(0).at("/annotations/dev.sigstore.cosign~1bundle").isMissingNode());
  }
}
