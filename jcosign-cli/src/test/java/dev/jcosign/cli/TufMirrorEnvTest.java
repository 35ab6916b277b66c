package dev.jcosign.cli;

import static dev.jcosign.testing.CleanErrors.assertCleanFailure;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcosign.core.json.Json;
import dev.jcosign.testing.FileTrees;
import dev.jcosign.testing.CliRunner;
import dev.jcosign.testing.CliRunner.Result;
import dev.jcosign.testing.KeyVectors;
import dev.jcosign.testkit.TestTufRepository;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
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
 * {@code TUF_MIRROR} and {@code TUF_ROOT_JSON} (spec §1.3 environment, §4.1) with {@code verify-blob}
 * against a TUF repository signed in the test and served on loopback ({@link TestTufRepository}): the
 * trusted root is fetched without {@code initialize}, then read from the cache while its metadata is
 * fresh, refreshed once it expired, and a failed refresh leaves the cache as it was. The bundle is a
 * public-good one, so it verifies exactly when the mirror serves the public-good trusted root.
 */
class TufMirrorEnvTest {
  static final byte[] PGI_ROOT = InitializeCommandTest.PGI_ROOT;
  static final byte[] OTHER_ROOT = InitializeCommandTest.OTHER_ROOT;

  @TempDir Path dir;
  TestTufRepository repo;
  Path tuf;
  Path root1;
  CliRunner cli;
  CliRunner live;

  @BeforeEach
  void setUp() throws IOException {
    repo = new TestTufRepository().target("trusted_root.json", PGI_ROOT);
    tuf = dir.resolve("cache").resolve("root");
    root1 = repo.writeRoot(1, dir.resolve("1.root.json"));
    cli = new CliRunner(dir).with("TUF_ROOT", tuf.toString());
    live = cli.with("TUF_MIRROR", repo.url()).with("TUF_ROOT_JSON", root1.toString());
  }

  @AfterEach
  void tearDown() {
    repo.close();
  }

  private Result verifyBlob(CliRunner c, String... extra) {
    Path a = KeyVectors.copy("conformance/a.txt", dir);
    Path pub = KeyVectors.copy("conformance/managed-key-happy-path/key.pub", dir);
    Path bundle = KeyVectors.copy("conformance/managed-key-happy-path/bundle.sigstore.json", dir);
    List<String> args = new java.util.ArrayList<>(List.of("verify-blob", "--key", pub.toString(), "--bundle", bundle.toString()));
    args.addAll(List.of(extra));
    args.add(a.toString());
    return c.run(args.toArray(String[]::new));
  }

  private static Path mirrorDir(Path tufRoot, TestTufRepository r) {
    return tufRoot.resolve(r.url().replace("http://", "").replace(':', '-'));
  }

  private Path mirrorDir() {
    return mirrorDir(tuf, repo);
  }

  /** Makes the cached timestamp.json look expired, as it will once its time has passed. */
  private void expireCachedTimestamp() throws IOException {
    expireCachedTimestamp(mirrorDir());
  }

  private static String deadUrl() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return "http://127.0.0.1:" + s.getLocalPort();
    }
  }



  private List<String> listing(Path d) throws IOException {
    try (Stream<Path> s = Files.list(d)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void verifyFetchesTheTrustedRootWithoutInitializeThenReadsTheCacheOffline() throws IOException {
    Result r = verifyBlob(live);
    assertEquals(0, r.code(), r.describe());
    assertEquals("Verified OK\n", r.err(), "the refresh prints nothing, as cosign's");
    assertArrayEquals(PGI_ROOT, Files.readAllBytes(mirrorDir().resolve("targets/trusted_root.json")));
    for (String meta : List.of("root.json", "timestamp.json", "snapshot.json", "targets.json")) {
      assertTrue(Files.isRegularFile(mirrorDir().resolve(meta)), meta);
    }
    assertEquals(List.of(mirrorDir().getFileName().toString()), listing(tuf),
        "only the mirror's directory: no remote.json (cosign's live fetch writes none), no staging directory");
    if (Files.getFileStore(tuf).supportsFileAttributeView("posix")) {
      assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(tuf)));
    }
    assertTrue(repo.requests().contains("GET /timestamp.json"), repo.requests().toString());

    // the metadata is fresh: no request at all, and the mirror may be gone
    int seen = repo.requests().size();
    assertEquals(0, verifyBlob(live).code());
    assertEquals(seen, repo.requests().size(), "a fresh cache is used without contacting the mirror");
    repo.close();
    Result offline = verifyBlob(live);
    assertEquals(0, offline.code(), offline.describe());
  }

  @Test
  void theFetchedRootIsTheOneVerificationUses() {
    repo.target("trusted_root.json", OTHER_ROOT);
    assertCleanFailure(verifyBlob(live), 1, List.of("unknown transparency log c0d23d6a"));
  }

  @Test
  void anExpiredTimestampIsRefreshed() throws IOException {
    assertEquals(0, verifyBlob(live).code());
    repo.target("trusted_root.json", OTHER_ROOT); // the mirror moved on
    assertEquals(0, verifyBlob(live).code(), "still fresh: the cached root is used");
    expireCachedTimestamp();
    assertCleanFailure(verifyBlob(live), 1, List.of("unknown transparency log c0d23d6a"));
    assertArrayEquals(OTHER_ROOT, Files.readAllBytes(mirrorDir().resolve("targets/trusted_root.json")));
    assertEquals(List.of(mirrorDir().getFileName().toString()), listing(tuf), "no staging or old directory is left");
  }

  @Test
  void anExpiredCacheWithTheMirrorDownIsACleanErrorAndStaysAsItWas() throws IOException {
    assertEquals(0, verifyBlob(live).code());
    expireCachedTimestamp();
    Map<String, String> before = FileTrees.digests(tuf);
    repo.close();
    assertCleanFailure(verifyBlob(live), 1, List.of("refreshing TUF cache " + mirrorDir().toAbsolutePath(),
        "cannot reach TUF mirror at " + repo.url() + ": connection refused"));
    assertEquals(before, FileTrees.digests(tuf), "the previous cache is left as it was");
    assertEquals(List.of(mirrorDir().getFileName().toString()), listing(tuf), "no staging directory is left");
    // --offline uses it as it is, with a warning
    Result offline = verifyBlob(live, "--offline");
    assertEquals(0, offline.code(), offline.describe());
    assertTrue(offline.err().contains("WARNING: the TUF metadata cached for " + repo.url() + " in "), offline.describe());
    assertTrue(offline.err().contains("expired at 2020-01-01T00:00:00Z; using its trusted_root.json as it is (--offline)"),
        offline.describe());
  }

  @Test
  void aFailedTufCheckLeavesTheCacheAsItWas() throws IOException {
    assertEquals(0, verifyBlob(live).code());
    expireCachedTimestamp();
    Map<String, String> before = FileTrees.digests(tuf);
    repo.target("trusted_root.json", OTHER_ROOT).tamperTarget("trusted_root.json");
    assertCleanFailure(verifyBlob(live), 1, List.of("refreshing TUF cache", "hashes for trusted_root.json did not match"));
    assertEquals(before, FileTrees.digests(tuf));
  }

  @Test
  void aCustomMirrorNeedsAnInitialRoot() throws IOException {
    assertCleanFailure(verifyBlob(cli.with("TUF_MIRROR", repo.url())), 1,
        List.of("could not find cached root.json for TUF mirror " + repo.url(), "TUF_ROOT_JSON",
            "jcosign initialize --mirror " + repo.url() + " --root FILE"));
    Path missing = dir.resolve("no-root.json");
    assertCleanFailure(verifyBlob(cli.with("TUF_MIRROR", repo.url()).with("TUF_ROOT_JSON", missing.toString())), 1,
        List.of("error reading root.json given by TUF_ROOT_JSON " + missing + ": no such file"));
    assertCleanFailure(verifyBlob(cli.with("TUF_MIRROR", "ftp://mirror.example")), 1,
        List.of("invalid TUF_MIRROR \"ftp://mirror.example\""));
    assertTrue(repo.requests().isEmpty(), repo.requests().toString());
  }

  @Test
  void aWrongInitialRootIsRejected() throws IOException {
    try (TestTufRepository other = new TestTufRepository()) {
      Path foreign = other.writeRoot(1, dir.resolve("foreign.root.json"));
      assertCleanFailure(verifyBlob(live.with("TUF_ROOT_JSON", foreign.toString())), 1,
          List.of("refreshing TUF cache", "not signed by enough trusted keys"));
    }
    assertFalse(Files.exists(mirrorDir()), "nothing is cached from an untrusted repository");
  }

  @Test
  void offlineWithoutACacheNamesInitialize() {
    assertCleanFailure(verifyBlob(live, "--offline"), 1, List.of("no trusted_root.json cached for TUF mirror " + repo.url(),
        "--offline forbids fetching it", "jcosign initialize --mirror " + repo.url() + " --root FILE"));
    assertTrue(repo.requests().isEmpty(), repo.requests().toString());
  }

  @Test
  void nothingIsFetchedWhenTheLogIsIgnoredOrTrustComesFromElsewhere() throws IOException {
    CliRunner dead = cli.with("TUF_MIRROR", deadUrl()).with("TUF_ROOT_JSON", root1.toString());
    Result ignored = verifyBlob(dead, "--insecure-ignore-tlog");
    assertEquals(0, ignored.code(), ignored.describe());
    Path pgi = KeyVectors.copy("trusted-roots/trusted_root_pgi.json", dir);
    Result flag = verifyBlob(dead, "--trusted-root", pgi.toString());
    assertEquals(0, flag.code(), flag.describe());
    assertFalse(Files.exists(tuf), "the TUF cache is never touched");
  }

  @Test
  void aRefreshForMirrorBLeavesTheInitializedCacheOfMirrorAIntact() throws IOException {
    Result init = cli.run("initialize", "--mirror", repo.url(), "--root", root1.toString());
    assertEquals(0, init.code(), init.describe());
    Map<String, String> before = FileTrees.digests(tuf);
    try (TestTufRepository b = new TestTufRepository().target("trusted_root.json", OTHER_ROOT)) {
      Path rootB = b.writeRoot(1, dir.resolve("b.root.json"));
      CliRunner toB = cli.with("TUF_MIRROR", b.url()).with("TUF_ROOT_JSON", rootB.toString());
      assertCleanFailure(verifyBlob(toB), 1, List.of("unknown transparency log c0d23d6a"));
      assertArrayEquals(OTHER_ROOT, Files.readAllBytes(mirrorDir(tuf, b).resolve("targets/trusted_root.json")));
      Map<String, String> after = FileTrees.digests(tuf);
      after.keySet().removeIf(k -> k.startsWith(mirrorDir(tuf, b).getFileName() + "/"));
      assertEquals(before, after, "mirror A's cache and remote.json are untouched");
      // without TUF_MIRROR, remote.json still selects mirror A
      Result a = verifyBlob(cli);
      assertEquals(0, a.code(), a.describe());
      // and a stale cache of B is refreshed from B again, A still untouched
      expireCachedTimestamp(mirrorDir(tuf, b));
      assertEquals(1, verifyBlob(toB).code());
      after = FileTrees.digests(tuf);
      after.keySet().removeIf(k -> k.startsWith(mirrorDir(tuf, b).getFileName() + "/"));
      assertEquals(before, after);
    }
  }

  private static void expireCachedTimestamp(Path mirrorDir) throws IOException {
    Path ts = mirrorDir.resolve("timestamp.json");
    ObjectNode doc = (ObjectNode) Json.parse(Files.readAllBytes(ts), "timestamp");
    ((ObjectNode) doc.path("signed")).put("expires", "2020-01-01T00:00:00Z");
    Files.write(ts, Json.write(doc));
  }

  @Test
  void tufMirrorOfAnInitializedMirrorRefreshesFromItsCachedRoot() throws IOException {
    repo.rotateRoot(true);
    assertEquals(0, cli.run("initialize", "--mirror", repo.url(), "--root", root1.toString()).code());
    expireCachedTimestamp();
    int seen = repo.requests().size();
    // no TUF_ROOT_JSON: the cached root.json (version 2) is the initial root, as in cosign
    Result r = verifyBlob(cli.with("TUF_MIRROR", repo.url()));
    assertEquals(0, r.code(), r.describe());
    List<String> refresh = repo.requests().subList(seen, repo.requests().size());
    assertTrue(refresh.contains("GET /3.root.json") && !refresh.contains("GET /2.root.json"), refresh.toString());
  }

  @Test
  void tufRootJsonAloneCountsOnlyForANonDefaultMirror() throws IOException {
    // no remote.json: the default mirror, whose initial root is embedded; TUF_ROOT_JSON is ignored and
    // nothing is fetched (the embedded public-good root verifies the bundle)
    Result none = verifyBlob(cli.with("TUF_ROOT_JSON", dir.resolve("absent.json").toString()));
    assertEquals(0, none.code(), none.describe());
    assertFalse(Files.exists(tuf));
    // remote.json names the loopback mirror: TUF_ROOT_JSON switches the on-demand refresh on
    assertEquals(0, cli.run("initialize", "--mirror", repo.url(), "--root", root1.toString()).code());
    expireCachedTimestamp();
    repo.target("trusted_root.json", OTHER_ROOT);
    assertEquals(0, verifyBlob(cli).code(), "without the variables the cache is used as initialize left it");
    assertCleanFailure(verifyBlob(cli.with("TUF_ROOT_JSON", root1.toString())), 1, List.of("unknown transparency log c0d23d6a"));
    assertArrayEquals(OTHER_ROOT, Files.readAllBytes(mirrorDir().resolve("targets/trusted_root.json")));
  }

  @Test
  void anEmptyTufMirrorIsUnset() {
    Result r = verifyBlob(cli.with("TUF_MIRROR", "").with("TUF_ROOT_JSON", ""));
    assertEquals(0, r.code(), r.describe());
    assertFalse(Files.exists(tuf));
  }
}
