package dev.jcosign.cli;

import static dev.jcosign.testing.CleanErrors.assertCleanFailure;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcosign.core.json.Json;
import dev.jcosign.testing.FileTrees;
import dev.jcosign.testing.CliRunner;
import dev.jcosign.testing.CliRunner.Result;
import dev.jcosign.testing.KeyVectors;
import dev.jcosign.testkit.TestTufRepository;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code initialize} (spec §1.3) against a TUF repository signed in the test and served on loopback
 * ({@link TestTufRepository}): the cache lands in sigstore-go's layout and the verify commands read it;
 * root rotation is followed; every TUF check that fails (checksum, signature, expiry, hash, network)
 * is one clean error and leaves the previous cache exactly as it was.
 */
class InitializeCommandTest {
  static final byte[] PGI_ROOT = KeyVectors.bytes("trusted-roots/trusted_root_pgi.json");
  static final byte[] OTHER_ROOT = KeyVectors.bytes("conformance/rekor2-dsse-happy-path/trusted_root.json");
  static final byte[] SIGNING_CONFIG = "{\"mediaType\":\"application/vnd.dev.sigstore.signingconfig.v0.2+json\"}"
      .getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;
  TestTufRepository repo;
  Path tuf;
  Path root1;
  CliRunner cli;

  @BeforeEach
  void setUp() throws IOException {
    repo = new TestTufRepository().target("trusted_root.json", PGI_ROOT).target("signing_config.v0.2.json", SIGNING_CONFIG);
    tuf = dir.resolve("cache").resolve("root");
    root1 = repo.writeRoot(1, dir.resolve("1.root.json"));
    cli = new CliRunner(dir).with("TUF_ROOT", tuf.toString());
  }

  @AfterEach
  void tearDown() {
    repo.close();
  }

  private Result init(String... extra) {
    List<String> args = new ArrayList<>(List.of("initialize", "--mirror", repo.url(), "--root", root1.toString()));
    args.addAll(List.of(extra));
    return cli.run(args.toArray(String[]::new));
  }

  private Path mirrorDir() {
    return tuf.resolve(repo.url().replace("http://", "").replace(':', '-'));
  }

  private Result verifyBlob() {
    Path a = KeyVectors.copy("conformance/a.txt", dir);
    Path pub = KeyVectors.copy("conformance/managed-key-happy-path/key.pub", dir);
    Path bundle = KeyVectors.copy("conformance/managed-key-happy-path/bundle.sigstore.json", dir);
    return cli.run("verify-blob", "--key", pub.toString(), "--bundle", bundle.toString(), a.toString());
  }

  /** A first good refresh; returns the cache's content (path -> sha256) to compare after a failure. */
  private Map<String, String> goodCache() throws IOException {
    Result r = init();
    assertEquals(0, r.code(), r.describe());
    return FileTrees.digests(tuf);
  }

  private void assertIntact(Map<String, String> before) throws IOException {
    assertEquals(before, FileTrees.digests(tuf), "the previous cache must be left as it was");
    try (Stream<Path> s = Files.list(tuf.getParent())) {
      assertEquals(List.of(tuf), s.toList(), "no staging directory is left behind");
    }
    assertEquals(0, verifyBlob().code(), "the previous cache still serves verification");
  }



  private static String sha512(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(b));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void writesRemoteJsonMetadataAndTargetsInSigstoreGosLayout() throws IOException {
    Result r = init();
    assertEquals(0, r.code(), r.describe());
    assertEquals("", r.out(), "stdout stays clean");
    assertTrue(r.err().contains("Initialized TUF cache " + tuf + " from " + repo.url() + ": root version 1"), r.describe());
    assertEquals("{\"mirror\":\"" + repo.url() + "\"}", Files.readString(tuf.resolve("remote.json")));
    for (String meta : List.of("root.json", "timestamp.json", "snapshot.json", "targets.json")) {
      assertTrue(Files.isRegularFile(mirrorDir().resolve(meta)), meta + " in " + FileTrees.digests(tuf));
    }
    assertArrayEquals(PGI_ROOT, Files.readAllBytes(mirrorDir().resolve("targets/trusted_root.json")));
    assertArrayEquals(SIGNING_CONFIG, Files.readAllBytes(mirrorDir().resolve("targets/signing_config.v0.2.json")));
    // consistent snapshots: versioned metadata and hash-prefixed target names; 2.root.json ends the root walk
    List<String> seen = repo.requests();
    assertTrue(seen.contains("GET /2.root.json") && seen.contains("GET /timestamp.json")
        && seen.stream().anyMatch(s -> s.matches("GET /\\d+\\.snapshot\\.json"))
        && seen.contains("GET /targets/" + sha512(PGI_ROOT) + ".trusted_root.json"), seen.toString());
    if (Files.getFileStore(tuf).supportsFileAttributeView("posix")) {
      assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(tuf)));
    }
  }

  @Test
  void verifyBlobReadsTheRefreshedCacheInsteadOfTrustedRootFlag() throws IOException {
    goodCache();
    Result ok = verifyBlob();
    assertEquals(0, ok.code(), ok.describe());
    // the mirror now publishes a root without the public-good Rekor key: a refresh replaces the cache
    repo.target("trusted_root.json", OTHER_ROOT);
    assertEquals(0, init().code());
    assertArrayEquals(OTHER_ROOT, Files.readAllBytes(mirrorDir().resolve("targets/trusted_root.json")));
    assertCleanFailure(verifyBlob(), 1, List.of("unknown transparency log"));
  }

  @Test
  void rootRotationIsFollowed() throws IOException {
    repo.rotateRoot(true).rotateRoot(true);
    Result r = init();
    assertEquals(0, r.code(), r.describe());
    assertTrue(r.err().contains("root version 3"), r.describe());
    assertEquals(3, Json.parse(Files.readAllBytes(mirrorDir().resolve("root.json")), "root").path("signed").path("version").asInt());
  }

  @Test
  void anExpiredInitialRootIsFineWhenTheMirrorHasANewerOne() throws IOException {
    repo.close();
    repo = new TestTufRepository(Instant.now().minus(Duration.ofDays(30))).target("trusted_root.json", PGI_ROOT);
    root1 = repo.writeRoot(1, dir.resolve("expired.root.json"));
    assertCleanFailure(init(), 1, List.of("initial TUF root", "expired at"));
    repo.rotateRoot(true);
    Result r = init();
    assertEquals(0, r.code(), r.describe());
  }

  @Test
  void aRotationNotSignedByTheOldRootKeyIsRejected() throws IOException {
    Map<String, String> before = goodCache();
    repo.rotateRoot(false);
    assertCleanFailure(init(), 1, List.of("2.root.json from " + repo.url(), "not signed by enough trusted keys"));
    assertIntact(before);
  }

  @Test
  void rootChecksumIsChecked() throws IOException {
    byte[] root = Files.readAllBytes(root1);
    assertEquals(0, init("--root-checksum", FileTrees.sha256Hex(root)).code());
    assertEquals(0, init("--root-checksum", "sha512:" + sha512(root).toUpperCase(java.util.Locale.ROOT)).code());
    Map<String, String> before = FileTrees.digests(tuf);
    String wrong = FileTrees.sha256Hex("other".getBytes(StandardCharsets.UTF_8));
    assertCleanFailure(init("--root-checksum", wrong), 1,
        List.of("incorrect checksum for file " + root1 + ": expected " + wrong + " but got " + FileTrees.sha256Hex(root)));
    assertCleanFailure(init("--root-checksum", "md5:" + wrong), 1, List.of("unsupported checksum algorithm: md5"));
    assertCleanFailure(init("--root-checksum", "sha256:ab:cd"), 1, List.of("at most 1 colon"));
    assertIntact(before);
  }

  @Test
  void rootFromAUrlWarnsWithoutAChecksum() throws IOException {
    String url = repo.url() + "/1.root.json";
    Result r = cli.run("initialize", "--mirror", repo.url(), "--root", url);
    assertEquals(0, r.code(), r.describe());
    assertTrue(r.err().contains("WARNING: Fetching initial root from URL without providing its checksum is deprecated"), r.describe());
    Result checked = cli.run("initialize", "--mirror", repo.url(), "--root", url, "--root-checksum", FileTrees.sha256Hex(repo.root(1)));
    assertEquals(0, checked.code(), checked.describe());
    assertFalse(checked.err().contains("WARNING"), checked.describe());
    assertCleanFailure(cli.run("initialize", "--mirror", repo.url(), "--root", repo.url() + "/9.root.json"), 1,
        List.of("fetching --root " + repo.url() + "/9.root.json: HTTP 404"));
  }

  @Test
  void aTamperedTargetIsRejected() throws IOException {
    Map<String, String> before = goodCache();
    repo.target("trusted_root.json", OTHER_ROOT).tamperTarget("trusted_root.json");
    assertCleanFailure(init(), 1, List.of("TUF mirror " + repo.url(), "hashes for trusted_root.json did not match"));
    assertIntact(before);
  }

  @Test
  void anExpiredTimestampIsRejected() throws IOException {
    Map<String, String> before = goodCache();
    repo.timestampExpires(Instant.now().minus(Duration.ofHours(1)));
    assertCleanFailure(init(), 1, List.of("timestamp.json from " + repo.url(), "expired at"));
    assertIntact(before);
  }

  @Test
  void aBadSnapshotSignatureIsRejected() throws IOException {
    Map<String, String> before = goodCache();
    repo.corruptSnapshotSignature();
    assertCleanFailure(init(), 1, List.of(".snapshot.json from " + repo.url(), "not signed by enough trusted keys"));
    assertIntact(before);
  }

  @Test
  void anUnreachableMirrorFailsQuickly() throws IOException {
    Map<String, String> before = goodCache();
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    long t0 = System.nanoTime();
    Result r = cli.run("initialize", "--mirror", "http://127.0.0.1:" + port, "--root", root1.toString());
    assertTrue(Duration.ofNanos(System.nanoTime() - t0).toSeconds() < 10, "no hang");
    assertCleanFailure(r, 1, List.of("cannot reach TUF mirror at http://127.0.0.1:" + port));
    assertIntact(before);
  }

  @Test
  void aMirrorThatNeverAnswersIsBoundedByTheTimeoutFlag() throws IOException {
    Map<String, String> before = goodCache();
    // the kernel completes the TCP handshake from the backlog; nothing ever reads or answers
    try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      String url = "http://127.0.0.1:" + silent.getLocalPort();
      long t0 = System.nanoTime();
      Result r = cli.run("initialize", "-t", "1s", "--mirror", url, "--root", root1.toString());
      assertTrue(Duration.ofNanos(System.nanoTime() - t0).toSeconds() < 10, "bounded by -t");
      assertCleanFailure(r, 1, List.of("TUF mirror at " + url + " did not answer within 1s (-t/--timeout)"));
    }
    assertIntact(before);
  }

  @Test
  void theDefaultMirrorIsRefreshedOrACleanErrorWithoutNetwork() {
    // cosign's CDN: with no network here this is a quick one-line error; with network it works
    long t0 = System.nanoTime();
    Result r = cli.run("initialize", "-t", "20s");
    assertTrue(Duration.ofNanos(System.nanoTime() - t0).toSeconds() < 60, "no hang");
    if (r.code() != 0) {
      assertCleanFailure(r, 1, List.of("https://tuf-repo-cdn.sigstore.dev"));
      assertFalse(Files.exists(tuf), "nothing is written when the refresh fails");
    } else {
      assertTrue(Files.isRegularFile(tuf.resolve("tuf-repo-cdn.sigstore.dev/targets/trusted_root.json")));
    }
  }

  @Test
  void aRepositoryWithoutTrustedRootIsAnErrorAndMissingSigningConfigAWarning() throws IOException {
    Map<String, String> before = goodCache();
    try (TestTufRepository bare = new TestTufRepository().target("other.txt", "x".getBytes(StandardCharsets.UTF_8))) {
      Path r1 = bare.writeRoot(1, dir.resolve("bare.root.json"));
      assertCleanFailure(cli.run("initialize", "--mirror", bare.url(), "--root", r1.toString()), 1,
          List.of("TUF repository at " + bare.url() + " has no trusted_root.json target"));
      assertIntact(before);
      bare.target("trusted_root.json", PGI_ROOT);
      Result r = cli.run("initialize", "--mirror", bare.url(), "--root", r1.toString());
      assertEquals(0, r.code(), r.describe());
      assertTrue(r.err().contains("WARNING: Could not fetch signing_config.v0.2.json"), r.describe());
    }
  }

  @Test
  void aFileMirrorWorksOffline() throws IOException {
    Path mirror = repo.writeTo(dir.resolve("mirror"));
    String url = mirror.toUri().toString();
    Result r = cli.run("initialize", "--mirror", url, "--root", root1.toString());
    assertEquals(0, r.code(), r.describe());
    assertEquals("{\"mirror\":\"" + url + "\"}", Files.readString(tuf.resolve("remote.json")));
    assertEquals(0, verifyBlob().code());
  }

  @Test
  void badFlagsAreCleanErrors() {
    assertCleanFailure(cli.run("initialize", "--mirror", "ftp://example.com"), 1, List.of("invalid --mirror \"ftp://example.com\""));
    assertCleanFailure(cli.run("initialize", "--mirror", repo.url(), "--root", dir.resolve("nope.json").toString()), 1,
        List.of("--root " + dir.resolve("nope.json") + ": no such file"));
    assertCleanFailure(cli.run("initialize", "--mirror", repo.url(), "--root", KeyVectors.copy("trusted-roots/trusted_root_pgi.json", dir).toString()),
        1, List.of("initial TUF root"));
  }
}
