package dev.jcosign.hostile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcosign.testing.CleanErrors;
import dev.jcosign.testing.CliRunner;
import dev.jcosign.testing.CliRunner.Result;
import dev.jcosign.testing.RegistryPeek;
import dev.jcosign.testkit.DockerRegistryServer;
import dev.jcosign.testkit.DockerRegistryServer.Variant;
import dev.jcosign.testkit.FaultProxy;
import dev.jcosign.testkit.FaultProxy.Fault;
import dev.jcosign.testkit.TestImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code docker-registry} behind a {@link FaultProxy} (issue 11): 429/503, resets and truncated
 * bodies added to real answers. Transient faults are ridden out; persistent ones end in one line; and a
 * failed sign never removes or corrupts the signatures already stored.
 */
@Tag("e2e")
@ExtendWith(DockerRegistryServer.LogsOnFailure.class)
class RealRegistryFaultsE2ETest {
  @TempDir static Path home;
  static CliRunner cli;
  static String key;
  static String pub;
  static DockerRegistryServer reg;

  FaultProxy proxy;
  String repo;
  String sigTag;
  String direct;
  String viaProxy;
  byte[] firstSig;

  @BeforeAll
  static void keys() {
    cli = new CliRunner(home).with("COSIGN_PASSWORD", "proxy-test-password");
    assertEquals(0, cli.run("generate-key-pair", "--output-key-prefix", home.resolve("k").toString()).code());
    key = home.resolve("k.key").toString();
    pub = home.resolve("k.pub").toString();
    reg = DockerRegistryServer.get(Variant.PLAIN);
  }

  @BeforeEach
  void signedOnce() {
    repo = "e2e-proxy/" + UUID.randomUUID().toString().substring(0, 8);
    TestImages.Image img = TestImages.push(reg, repo, "v1", "proxied image " + repo);
    String at = "/" + repo + "@" + img.manifestDigest();
    direct = reg.host() + at;
    assertEquals(0, cli.run("sign", "--key", key, "--tlog-upload=false", "-a", "run=1", direct).code());
    sigTag = img.manifestDigest().tagStem() + ".sig";
    firstSig = RegistryPeek.manifest(reg, repo, sigTag).orElseThrow();
    proxy = FaultProxy.in_front_of(reg.baseUri());
    viaProxy = proxy.host() + at;
  }

  @AfterEach
  void stop() {
    proxy.close();
  }

  Result verify(String ref) {
    return cli.run("verify", "--key", pub, "--insecure-ignore-tlog", ref);
  }

  @Test
  void transientFaults_onEveryReadStep_areRiddenOut() {
    proxy.inject(Fault.CONNECTION_CLOSED, "HEAD", "/manifests/", 1)
        .inject(Fault.TOO_MANY_REQUESTS, "GET", "/manifests/" + sigTag + "$", 1)
        .inject(Fault.UNAVAILABLE, "GET", "/blobs/", 1)
        .inject(Fault.TRUNCATED_BODY, "GET", "/blobs/", 1);
    Result r = verify(viaProxy);
    assertEquals(0, r.code(), r.describe());
    assertTrue(r.out().contains("\"run\":\"1\""), r.out());
    assertTrue(proxy.requests().stream().filter(q -> q.startsWith("GET") && q.contains("/blobs/")).count() >= 3,
        "the blob was asked for again: " + proxy.requests());
  }

  @Test
  void aPersistentlyTruncatedBlob_isOneLine_andNotAForgery() {
    proxy.inject(Fault.TRUNCATED_BODY, "GET", "/blobs/", -1);
    CleanErrors.assertCleanFailure(verify(viaProxy), 1, List.of(proxy.host(), "truncated"));
  }

  @Test
  void aTricklingBody_endsAtTheTimeout_namingTheHost() {
    proxy.inject(Fault.SLOW_BODY, "GET", "/manifests/" + sigTag + "$", -1);
    Result r = cli.run("verify", "-t", "2s", "--key", pub, "--insecure-ignore-tlog", viaProxy);
    CleanErrors.assertCleanFailure(r, 1, List.of(proxy.host(), "within 2s (-t/--timeout)"));
  }

  @Test
  void aLengthOverTheLimit_isRefusedBeforeReading() {
    proxy.inject(Fault.HUGE_LENGTH, "GET", "/manifests/" + sigTag + "$", -1);
    CleanErrors.assertCleanFailure(verify(viaProxy), 1, List.of(proxy.host(), "size of manifest (5368709120) exceeded the limit"));
  }

  @Test
  void aBurstOfServerErrors_onTheWrite_isRiddenOut_andTheNewSignatureJoinsTheOld() {
    proxy.inject(Fault.UNAVAILABLE, "PUT", "/manifests/" + sigTag + "$", 2).inject(Fault.TOO_MANY_REQUESTS, "PUT", "/blobs/uploads/", 1);
    Result r = cli.run("sign", "--key", key, "--tlog-upload=false", "-a", "run=2", viaProxy);
    assertEquals(0, r.code(), r.describe());
    Result v = verify(direct);
    assertEquals(0, v.code(), v.describe());
    assertTrue(v.out().contains("\"run\":\"1\"") && v.out().contains("\"run\":\"2\""), v.out());
  }

  @Test
  void aSignWhoseWriteIsRefused_leavesTheStoredSignatureAsItWas() {
    proxy.inject(Fault.UNAVAILABLE, "PUT", "/manifests/" + sigTag + "$", -1);
    Result r = cli.run("sign", "--key", key, "--tlog-upload=false", "-a", "run=2", viaProxy);
    CleanErrors.assertCleanFailure(r, 1, List.of("503"), "proxy-test-password");
    assertArrayEquals(firstSig, RegistryPeek.manifest(reg, repo, sigTag).orElseThrow());
    assertEquals(0, verify(direct).code());
  }

  @Test
  void aSignWhoseAnswerIsLost_afterTheWrite_keepsBothSignatures() {
    proxy.inject(Fault.SERVER_ERROR_AFTER, "PUT", "/manifests/" + sigTag + "$", 1);
    Result r = cli.run("sign", "--key", key, "--tlog-upload=false", "-a", "run=2", viaProxy);
    if (r.code() != 0) { // a manifest PUT may be repeated (same bytes, same digest) or reported: both are fine
      CleanErrors.assertCleanFailure(r, 1, List.of("500"), "proxy-test-password");
    }
    String now = new String(RegistryPeek.manifest(reg, repo, sigTag).orElseThrow(), StandardCharsets.UTF_8);
    assertTrue(now.contains(layerOf(firstSig)), "the first signature is still listed: " + now);
    Result v = verify(direct);
    assertEquals(0, v.code(), v.describe());
    assertTrue(v.out().contains("\"run\":\"1\""), v.out());
  }

  /** The first layer digest of a stored .sig manifest. */
  static String layerOf(byte[] sig) {
    String s = new String(sig, StandardCharsets.UTF_8);
    int layers = s.indexOf("\"layers\"");
    int d = s.indexOf("sha256:", layers);
    return s.substring(d, d + 71);
  }
}
