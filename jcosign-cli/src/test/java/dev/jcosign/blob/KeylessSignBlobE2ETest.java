package dev.jcosign.blob;

import static dev.jcosign.testing.CleanErrors.assertCleanFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.jcosign.core.json.Json;
import dev.jcosign.testing.CliRunner;
import dev.jcosign.testing.CliRunner.Result;
import dev.jcosign.testing.KeyVectors;
import dev.jcosign.testkit.SigstoreMockServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keyless {@code sign-blob} end to end (issue 9, keyless spec §1.1-1.4, §3.3 items 2 and 4) against the
 * loopback Fulcio + CT log + Rekor + TSA + toy OIDC issuer (src/test/node/sigstore-mock, which verifies
 * the token and the proof of possession as fulcio.sigstore.dev does): the bundle verifies with jcosign and
 * with sigstore-js; every bad token and every Fulcio failure is one line and writes nothing.
 */
@Tag("e2e")
class KeylessSignBlobE2ETest {
  static final String USER = "user@example.com";
  @TempDir static Path dir;
  static SigstoreMockServer mock;
  static CliRunner cli;
  static Path root;
  static Path blob;
  static Path verifyScript;

  @BeforeAll
  static void setUp() throws Exception {
    mock = SigstoreMockServer.get();
    cli = new CliRunner(dir);
    root = Files.write(dir.resolve("mock-root.json"), mock.trustedRootJson());
    blob = Files.writeString(dir.resolve("app.tar.gz"), "a release artefact\n");
    if (!Files.isDirectory(SigstoreJsCrossCheckTest.NPM_DIR.resolve("node_modules/@sigstore/verify"))) {
      Files.createDirectories(SigstoreJsCrossCheckTest.NPM_DIR);
      SigstoreJsCrossCheckTest.Proc r = SigstoreJsCrossCheckTest.run(SigstoreJsCrossCheckTest.NPM_DIR, "npm", "install",
          "--no-audit", "--no-fund", "--loglevel=error", "@sigstore/verify@4.1.3");
      assertEquals(0, r.code(), "npm install @sigstore/verify@4.1.3 failed: " + r.err());
    }
    verifyScript = SigstoreJsCrossCheckTest.NPM_DIR.resolve("verify-keyless-bundle.js");
    Files.write(verifyScript, KeyVectors.class.getResourceAsStream("/sigstore-js/verify-keyless-bundle.js").readAllBytes());
  }

  static Result signBlob(CliRunner c, Path bundle, String... extra) {
    List<String> args = new ArrayList<>(List.of("sign-blob", "-y", "--fulcio-url", mock.url(), "--rekor-url", mock.url(),
        "--trusted-root", root.toString(), "--bundle", bundle.toString()));
    args.addAll(List.of(extra));
    args.add(blob.toString());
    return c.run(args.toArray(String[]::new));
  }

  static Result verifyBlob(Path bundle, String identity, String issuer) {
    return cli.run("verify-blob", "--bundle", bundle.toString(), "--trusted-root", root.toString(),
        "--certificate-identity", identity, "--certificate-oidc-issuer", issuer, blob.toString());
  }

  @Test
  void signsWithSigstoreIdToken_andBothVerifiersAccept() throws Exception {
    String token = mock.token("sub=" + USER);
    Path bundle = dir.resolve("env.sigstore.json");
    Result s = signBlob(cli.with("SIGSTORE_ID_TOKEN", token), bundle, "--timestamp-server-url", mock.tsaUrl());
    assertEquals(0, s.code(), s.describe());
    assertEquals("", s.out(), s.describe());
    assertFalse(s.err().contains(token), "the token must never be printed");
    assertTrue(s.err().contains("Generating ephemeral keys..."), s.describe());
    JsonNode b = Json.parse(Files.readAllBytes(bundle), "bundle");
    assertEquals("application/vnd.dev.sigstore.bundle.v0.3+json", b.path("mediaType").asText());
    assertTrue(b.path("verificationMaterial").path("certificate").has("rawBytes"), "leaf only, no chain: " + b);
    assertFalse(b.path("verificationMaterial").has("publicKey"));
    assertEquals(1, b.path("verificationMaterial").path("timestampVerificationData").path("rfc3161Timestamps").size());
    String kind = new String(java.util.Base64.getDecoder().decode(
        b.path("verificationMaterial").path("tlogEntries").get(0).path("canonicalizedBody").asText()), StandardCharsets.UTF_8);
    assertTrue(kind.contains("\"kind\":\"hashedrekord\"") && kind.contains("LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t"),
        "hashedrekord naming the certificate PEM: " + kind);
    Result v = verifyBlob(bundle, USER, mock.url());
    assertEquals(0, v.code(), v.describe());
    assertEquals("Verified OK\n", v.err());
    assertCleanFailure(verifyBlob(bundle, "other@example.com", mock.url()), 1, List.of("expected SAN value \"other@example.com\""));
    SigstoreJsCrossCheckTest.Proc js = SigstoreJsCrossCheckTest.run(SigstoreJsCrossCheckTest.NPM_DIR, "node",
        verifyScript.toString(), bundle.toString(), blob.toString(), root.toString(), USER, mock.url());
    assertEquals(0, js.code(), "sigstore-js must accept jcosign's keyless bundle: " + js.out() + js.err());
    SigstoreJsCrossCheckTest.Proc jsWrong = SigstoreJsCrossCheckTest.run(SigstoreJsCrossCheckTest.NPM_DIR, "node",
        verifyScript.toString(), bundle.toString(), blob.toString(), root.toString(), "other@example.com", mock.url());
    assertNotEquals(0, jsWrong.code(), "sigstore-js must refuse another identity");
  }

  /** sigstore-java's KeylessVerifier (an independent implementation) over one of our bundles, trusting only the mock's root. */
  static void sigstoreJavaVerifies(Path bundle, String san, String issuer) throws Exception {
    var verifier = dev.sigstore.KeylessVerifier.builder()
        .trustedRootProvider(dev.sigstore.TrustedRootProvider.from(root)).build();
    var opts = dev.sigstore.VerificationOptions.builder().addCertificateMatchers(
        dev.sigstore.VerificationOptions.CertificateMatcher.fulcio()
            .subjectAlternativeName(dev.sigstore.strings.StringMatcher.string(san))
            .issuer(dev.sigstore.strings.StringMatcher.string(issuer)).build()).build();
    verifier.verify(blob, dev.sigstore.bundle.Bundle.from(bundle, StandardCharsets.UTF_8), opts);
  }

  @Test
  void sigstoreJavaAcceptsOurKeylessBundle_andRefusesAnotherIdentity() throws Exception {
    Path bundle = dir.resolve("sj.sigstore.json");
    Result s = signBlob(cli.with("SIGSTORE_ID_TOKEN", mock.token("sub=" + USER)), bundle, "--timestamp-server-url", mock.tsaUrl());
    assertEquals(0, s.code(), s.describe());
    sigstoreJavaVerifies(bundle, USER, mock.url());
    org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> sigstoreJavaVerifies(bundle, "other@example.com", mock.url()));
  }

  static final Path NPM_SIGN_DIR = Path.of("target", "npm-sigstore-sign").toAbsolutePath();

  /** sigstore-js signs {@code file} keyless against the loopback services; returns the bundle path. */
  static Path sigstoreJsSigns(Path file, String mode) throws Exception {
    if (!Files.isDirectory(NPM_SIGN_DIR.resolve("node_modules/@sigstore/sign"))) { // kept between runs (target/)
      Files.createDirectories(NPM_SIGN_DIR);
      SigstoreJsCrossCheckTest.Proc r = SigstoreJsCrossCheckTest.run(NPM_SIGN_DIR, "npm", "install", "--no-audit", "--no-fund",
          "--loglevel=error", "sigstore@5.0.1");
      assertEquals(0, r.code(), "npm install sigstore@5.0.1 failed: " + r.err());
    }
    Path script = NPM_SIGN_DIR.resolve("sign-blob.js");
    Files.write(script, KeyVectors.class.getResourceAsStream("/sigstore-js/sign-blob.js").readAllBytes());
    Path out = dir.resolve("sigstore-js-" + mode + ".sigstore.json");
    SigstoreJsCrossCheckTest.Proc p = SigstoreJsCrossCheckTest.run(NPM_SIGN_DIR, "node", script.toString(), mock.url(),
        mock.token("sub=js-user@example.com"), file.toString(), out.toString(), mode);
    assertEquals(0, p.code(), "sigstore-js could not sign: " + p.out() + p.err());
    return out;
  }

  @Test
  void bundlesWrittenBySigstoreJs_verifyWithJcosign() throws Exception {
    Path msg = sigstoreJsSigns(blob, "message");
    Result ok = verifyBlob(msg, "js-user@example.com", mock.url());
    assertEquals(0, ok.code(), ok.describe());
    assertCleanFailure(verifyBlob(msg, USER, mock.url()), 1, List.of("expected SAN value"));
    // one byte of the signature changed: refused
    JsonNode b = Json.parse(Files.readAllBytes(msg), "bundle");
    String sig = b.path("messageSignature").path("signature").asText();
    byte[] raw = java.util.Base64.getDecoder().decode(sig);
    raw[raw.length - 1] ^= 1;
    ((com.fasterxml.jackson.databind.node.ObjectNode) b.path("messageSignature")).put("signature",
        java.util.Base64.getEncoder().encodeToString(raw));
    Path tampered = Files.write(dir.resolve("sigstore-js-tampered.json"), Json.write(b));
    // keyless bundles have their log entry checked first (it names the signature), so that is what says no
    assertCleanFailure(verifyBlob(tampered, "js-user@example.com", mock.url()), 1, List.of("signature does not match"));
    assertCleanFailure(cli.run("verify-blob", "--bundle", tampered.toString(), "--trusted-root", root.toString(),
        "--insecure-ignore-tlog", "--certificate-identity", "js-user@example.com", "--certificate-oidc-issuer", mock.url(),
        blob.toString()), 1, List.of("invalid signature"));
    // a DSSE bundle over an in-toto statement naming the blob, logged as intoto by sigstore-js
    Path statement = Files.writeString(dir.resolve("statement.json"), "{\"_type\":\"https://in-toto.io/Statement/v1\","
        + "\"subject\":[{\"name\":\"app.tar.gz\",\"digest\":{\"sha256\":\"" + java.util.HexFormat.of().formatHex(
            java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(blob))) + "\"}}],"
        + "\"predicateType\":\"https://slsa.dev/provenance/v1\",\"predicate\":{}}");
    Path dsse = sigstoreJsSigns(statement, "dsse");
    Result d = verifyBlob(dsse, "js-user@example.com", mock.url());
    assertEquals(0, d.code(), d.describe());
  }

  @Test
  void identityTokenFlag_inlineOrFile_andUriSubjects() throws Exception {
    String workflow = "https://github.com/org/repo/.github/workflows/rel.yml@refs/heads/main";
    String token = mock.token("sub=" + workflow + "&iss=https://token.actions.githubusercontent.com"
        + "&event_name=push&repository=org/repo&ref=refs/heads/main&sha=abc123&workflow=rel");
    Path inline = dir.resolve("inline.sigstore.json");
    Result s = signBlob(cli, inline, "--identity-token", token);
    assertEquals(0, s.code(), s.describe());
    Result v = cli.run("verify-blob", "--bundle", inline.toString(), "--trusted-root", root.toString(),
        "--certificate-identity", workflow, "--certificate-oidc-issuer", "https://token.actions.githubusercontent.com",
        "--certificate-github-workflow-repository", "org/repo", "--certificate-github-workflow-trigger", "push",
        blob.toString());
    assertEquals(0, v.code(), v.describe());
    Path file = Files.writeString(dir.resolve("token.txt"), mock.token("sub=" + USER) + "\n"); // echo's newline
    Path fromFile = dir.resolve("file.sigstore.json");
    Result f = signBlob(cli, fromFile, "--identity-token", file.toString());
    assertEquals(0, f.code(), f.describe());
    assertEquals(0, verifyBlob(fromFile, USER, mock.url()).code());
  }

  @Test
  void emptySigstoreIdToken_fallsThrough_andNoTokenAtAllIsOneLine() {
    Path bundle = dir.resolve("none.sigstore.json");
    assertCleanFailure(signBlob(cli.with("SIGSTORE_ID_TOKEN", ""), bundle, "--oidc-issuer", "http://127.0.0.1:1"), 1,
        List.of("no identity token for keyless signing"));
    assertFalse(Files.exists(bundle));
  }

  @Test
  void badTokens_oneLineNothingWrittenTokenNeverShown() {
    Path bundle = dir.resolve("bad.sigstore.json");
    String expired = mock.token("sub=" + USER + "&exp=-120");
    assertCleanFailure(signBlob(cli.with("SIGSTORE_ID_TOKEN", expired), bundle), 1, List.of("expired"), expired);
    String unverified = mock.token("sub=" + USER + "&email_verified=false");
    assertCleanFailure(signBlob(cli.with("SIGSTORE_ID_TOKEN", unverified), bundle), 1,
        List.of("not verified by identity provider"), unverified);
    String unsigned = mock.token("sub=" + USER + "&alg=none");
    assertCleanFailure(signBlob(cli.with("SIGSTORE_ID_TOKEN", unsigned), bundle), 1,
        List.of("Fulcio at " + mock.url() + " returned 401", "error processing the identity token"), unsigned);
    String otherAudience = mock.token("sub=" + USER + "&aud=not-sigstore");
    assertCleanFailure(signBlob(cli.with("SIGSTORE_ID_TOKEN", otherAudience), bundle), 1, List.of("returned 401"), otherAudience);
    assertCleanFailure(signBlob(cli.with("SIGSTORE_ID_TOKEN", "not.a.jwt"), bundle), 1, List.of("SIGSTORE_ID_TOKEN"), "not.a.jwt");
    assertCleanFailure(signBlob(cli, bundle, "--identity-token", dir.resolve("missing-token").toString()), 1,
        List.of("no such file"));
    assertFalse(Files.exists(bundle), "nothing may be written when signing fails");
  }

  @Test
  void fulcioFailures_oneLineAfterOneRetry() {
    Path bundle = dir.resolve("fulcio.sigstore.json");
    String token = mock.token("sub=" + USER);
    for (int status : new int[] {400, 503, 429}) {
      Result r = cli.with("SIGSTORE_ID_TOKEN", token).run("sign-blob", "-y", "--fulcio-url", mock.failingUrl(status),
          "--rekor-url", mock.url(), "--trusted-root", root.toString(), "--bundle", bundle.toString(), blob.toString());
      assertCleanFailure(r, 1, List.of("returned " + status, "injected failure"), token);
    }
    assertCleanFailure(cli.with("SIGSTORE_ID_TOKEN", token).run("sign-blob", "-y", "--fulcio-url", "http://127.0.0.1:1",
        "--rekor-url", mock.url(), "--bundle", bundle.toString(), blob.toString()), 1, List.of("cannot reach certificate authority"));
    assertFalse(Files.exists(bundle));
  }

  @Test
  void aCertificateThatDoesNotChainToTheTrustedRoot_isNotWritten() throws Exception {
    Path bundle = dir.resolve("untrusted.sigstore.json");
    Path pgi = KeyVectors.copy("trusted-roots/trusted_root_pgi.json", dir);
    Result r = cli.with("SIGSTORE_ID_TOKEN", mock.token("sub=" + USER)).run("sign-blob", "-y", "--fulcio-url", mock.url(),
        "--tlog-upload=false", "--trusted-root", pgi.toString(), "--bundle", bundle.toString(), blob.toString());
    assertCleanFailure(r, 1, List.of("does not verify against the trusted root", "does not chain to a trusted Fulcio CA"));
    assertFalse(Files.exists(bundle));
  }

  @Test
  void githubActionsProvider_fetchesWithTheAudience() throws Exception {
    String token = mock.token("sub=https://github.com/org/repo/.github/workflows/ci.yml@refs/heads/main");
    AtomicReference<String> seen = new AtomicReference<>();
    HttpServer gh = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    gh.createContext("/token", ex -> {
      seen.set(ex.getRequestURI().getRawQuery() + " " + ex.getRequestHeaders().getFirst("Authorization"));
      byte[] body = ("{\"count\":1,\"value\":\"" + token + "\"}").getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    gh.start();
    try {
      Path bundle = dir.resolve("gha.sigstore.json");
      Result r = signBlob(cli.with("ACTIONS_ID_TOKEN_REQUEST_URL", "http://127.0.0.1:" + gh.getAddress().getPort() + "/token?api-version=2.0")
          .with("ACTIONS_ID_TOKEN_REQUEST_TOKEN", "request-secret"), bundle);
      assertEquals(0, r.code(), r.describe());
      assertFalse(r.err().contains("request-secret"));
      assertEquals("api-version=2.0&audience=sigstore bearer request-secret", seen.get());
      assertEquals(0, verifyBlob(bundle, "https://github.com/org/repo/.github/workflows/ci.yml@refs/heads/main", mock.url()).code());
    } finally {
      gh.stop(0);
    }
  }

  static String service(String url) {
    return "{\"url\":\"" + url + "\",\"majorApiVersion\":1,\"validFor\":{\"start\":\"2020-01-01T00:00:00Z\"},"
        + "\"operator\":\"loopback\"}";
  }

  @Test
  void signingConfigChoosesFulcio_andFlagsConflictWithIt() throws Exception {
    Path config = Files.writeString(dir.resolve("signing_config.json"), "{\"mediaType\":\"application/vnd.dev.sigstore.signingconfig.v0.2+json\","
        + "\"caUrls\":[" + service(mock.url()) + "],\"oidcUrls\":[" + service(mock.url()) + "],"
        + "\"rekorTlogUrls\":[" + service(mock.url()) + "],\"rekorTlogConfig\":{\"selector\":\"ANY\"},"
        + "\"tsaUrls\":[" + service(mock.tsaUrl()) + "],\"tsaConfig\":{\"selector\":\"ANY\"}}");
    Path bundle = dir.resolve("config.sigstore.json");
    CliRunner c = cli.with("SIGSTORE_ID_TOKEN", mock.token("sub=" + USER));
    Result r = c.run("sign-blob", "-y", "--signing-config", config.toString(), "--trusted-root", root.toString(),
        "--bundle", bundle.toString(), blob.toString());
    assertEquals(0, r.code(), r.describe());
    JsonNode b = Json.parse(Files.readAllBytes(bundle), "bundle");
    assertEquals(1, b.path("verificationMaterial").path("tlogEntries").size());
    assertEquals(1, b.path("verificationMaterial").path("timestampVerificationData").path("rfc3161Timestamps").size());
    assertEquals(0, verifyBlob(bundle, USER, mock.url()).code());
    assertCleanFailure(c.run("sign-blob", "-y", "--signing-config", config.toString(), "--fulcio-url", mock.url(),
        "--trusted-root", root.toString(), "--bundle", dir.resolve("conflict.json").toString(), blob.toString()), 1,
        List.of("cannot specify service URLs and use signing config"));
  }

  @Test
  void buildkiteProvider_postsTheAudienceWithTheAgentToken() throws Exception {
    String token = mock.token("sub=https://buildkite.com/org/pipeline");
    AtomicReference<String> seen = new AtomicReference<>();
    HttpServer bk = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    bk.createContext("/v3/jobs/job-42/oidc/tokens", ex -> {
      seen.set(ex.getRequestMethod() + " " + ex.getRequestHeaders().getFirst("Authorization") + " "
          + new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      byte[] body = ("{\"token\":\"" + token + "\"}").getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(201, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    bk.start();
    try {
      Path bundle = dir.resolve("buildkite.sigstore.json");
      Result r = signBlob(cli.with("BUILDKITE_AGENT_ACCESS_TOKEN", "agent-secret").with("BUILDKITE_JOB_ID", "job-42")
          .with("BUILDKITE_AGENT_ENDPOINT", "http://127.0.0.1:" + bk.getAddress().getPort() + "/v3"), bundle);
      assertEquals(0, r.code(), r.describe());
      assertEquals("POST Token agent-secret {\"audience\":\"sigstore\"}", seen.get());
      assertFalse(r.err().contains("agent-secret"));
      assertEquals(0, verifyBlob(bundle, "https://buildkite.com/org/pipeline", mock.url()).code());
      // Buildkite comes before SIGSTORE_ID_TOKEN in cosign's effective provider order
      Result both = signBlob(cli.with("BUILDKITE_AGENT_ACCESS_TOKEN", "agent-secret").with("BUILDKITE_JOB_ID", "job-42")
          .with("BUILDKITE_AGENT_ENDPOINT", "http://127.0.0.1:" + bk.getAddress().getPort() + "/v3")
          .with("SIGSTORE_ID_TOKEN", mock.token("sub=" + USER)), dir.resolve("both.sigstore.json"));
      assertEquals(0, both.code(), both.describe());
      assertEquals(0, verifyBlob(dir.resolve("both.sigstore.json"), "https://buildkite.com/org/pipeline", mock.url()).code());
      Result forced = signBlob(cli.with("BUILDKITE_AGENT_ACCESS_TOKEN", "agent-secret").with("BUILDKITE_JOB_ID", "job-42")
          .with("BUILDKITE_AGENT_ENDPOINT", "http://127.0.0.1:" + bk.getAddress().getPort() + "/v3")
          .with("SIGSTORE_ID_TOKEN", mock.token("sub=" + USER)), dir.resolve("forced.sigstore.json"), "--oidc-provider", "envvar");
      assertEquals(0, forced.code(), forced.describe());
      assertEquals(0, verifyBlob(dir.resolve("forced.sigstore.json"), USER, mock.url()).code());
    } finally {
      bk.stop(0);
    }
  }

  @Test
  void legacyKeylessOutputs_signatureCertificateAndBundle_verify() throws Exception {
    Path sig = dir.resolve("legacy.sig");
    Path cert = dir.resolve("legacy.crt.b64");
    Path bundle = dir.resolve("legacy.bundle.json");
    Result s = signBlob(cli.with("SIGSTORE_ID_TOKEN", mock.token("sub=" + USER)), bundle, "--new-bundle-format=false",
        "--output-signature", sig.toString(), "--output-certificate", cert.toString());
    assertEquals(0, s.code(), s.describe());
    JsonNode legacy = Json.parse(Files.readAllBytes(bundle), "legacy bundle");
    assertTrue(new String(java.util.Base64.getDecoder().decode(legacy.path("cert").asText()), StandardCharsets.US_ASCII)
        .startsWith("-----BEGIN CERTIFICATE-----"), legacy.toString());
    assertTrue(legacy.path("rekorBundle").has("SignedEntryTimestamp"), legacy.toString());
    // cosign v2's keyless verify-blob: signature + certificate (base64 of PEM), the entry found in the log
    Result bySig = cli.run("verify-blob", "--signature", sig.toString(), "--certificate", cert.toString(),
        "--rekor-url", mock.url(), "--trusted-root", root.toString(), "--certificate-identity", USER,
        "--certificate-oidc-issuer", mock.url(), blob.toString());
    assertEquals(0, bySig.code(), bySig.describe());
    Result byBundle = cli.run("verify-blob", "--bundle", bundle.toString(), "--offline", "--trusted-root", root.toString(),
        "--certificate-identity", USER, "--certificate-oidc-issuer", mock.url(), blob.toString());
    assertEquals(0, byBundle.code(), byBundle.describe());
    assertCleanFailure(cli.run("verify-blob", "--bundle", bundle.toString(), "--offline", "--trusted-root", root.toString(),
        "--certificate-identity", "other@example.com", "--certificate-oidc-issuer", mock.url(), blob.toString()), 1,
        List.of("none of the expected identities matched", "got subjects [" + USER + "]"));
    // --certificate-chain: the loopback CA's root as the only trust for the certificate
    JsonNode tr = Json.parse(Files.readAllBytes(root), "root");
    String caRoot = tr.path("certificateAuthorities").get(0).path("certChain").path("certificates").get(0).path("rawBytes").asText();
    Path chain = Files.write(dir.resolve("ca.pem"), new dev.jcosign.core.keys.PemBlock("CERTIFICATE",
        java.util.Base64.getDecoder().decode(caRoot)).encode());
    Result withChain = cli.run("verify-blob", "--bundle", bundle.toString(), "--offline", "--trusted-root", root.toString(),
        "--certificate-chain", chain.toString(), "--certificate-identity", USER, "--certificate-oidc-issuer", mock.url(), blob.toString());
    assertEquals(0, withChain.code(), withChain.describe());
    Path pgiChain = Files.writeString(dir.resolve("pgi-chain.pem"), KeyVectors.text("legacy-keyless-signature/chain.pem"));
    assertCleanFailure(cli.run("verify-blob", "--bundle", bundle.toString(), "--offline", "--trusted-root", root.toString(),
        "--certificate-chain", pgiChain.toString(), "--certificate-identity", USER, "--certificate-oidc-issuer", mock.url(),
        blob.toString()), 1, List.of("does not chain to a trusted Fulcio CA"));
    assertCleanFailure(cli.run("verify-blob", "--signature", sig.toString(), "--trusted-root", root.toString(),
        "--certificate-identity", USER, "--certificate-oidc-issuer", mock.url(), blob.toString()), 1, List.of("--certificate FILE"));
  }

  @Test
  void issueCertificate_certifiesTheUsersKey() throws Exception {
    CliRunner c = cli.with("COSIGN_PASSWORD", "pw").with("SIGSTORE_ID_TOKEN", mock.token("sub=" + USER));
    Result g = c.run("generate-key-pair", "--output-key-prefix", dir.resolve("certified").toString());
    assertEquals(0, g.code(), g.describe());
    Path bundle = dir.resolve("certified.sigstore.json");
    Result s = signBlob(c, bundle, "--key", dir.resolve("certified.key").toString(), "--issue-certificate");
    assertEquals(0, s.code(), s.describe());
    Result v = verifyBlob(bundle, USER, mock.url());
    assertEquals(0, v.code(), v.describe());
    // the certificate is for the user's key: the same bundle's signature verifies with the .pub
    JsonNode b = Json.parse(Files.readAllBytes(bundle), "bundle");
    java.security.cert.X509Certificate x = (java.security.cert.X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
        .generateCertificate(new java.io.ByteArrayInputStream(java.util.Base64.getDecoder().decode(
            b.path("verificationMaterial").path("certificate").path("rawBytes").asText())));
    assertEquals(dev.jcosign.core.keys.PublicKeys.fromPem(Files.readAllBytes(dir.resolve("certified.pub"))), x.getPublicKey());
  }

  @Test
  void unsupportedProvidersNameTheAlternative() {
    Path bundle = dir.resolve("p.sigstore.json");
    assertCleanFailure(signBlob(cli, bundle, "--oidc-provider", "spiffe"), 1, List.of("spiffe token provider is not supported",
        "SIGSTORE_ID_TOKEN"));
    assertCleanFailure(signBlob(cli, bundle, "--oidc-provider", "nope"), 1, List.of("nope is not a valid provider"));
    // the key comes first, as in cosign: a bad --signing-algorithm fails before any token is looked for
    assertCleanFailure(signBlob(cli, bundle, "--signing-algorithm", "ed25519-ph"), 1, List.of("ed25519ph unsupported by Fulcio"));
    assertCleanFailure(signBlob(cli.with("SIGSTORE_ID_TOKEN", mock.token("sub=" + USER)), bundle,
        "--oidc-disable-ambient-providers", "--oidc-issuer", "http://127.0.0.1:1"), 1, List.of("no identity token for keyless signing"));
  }
}
