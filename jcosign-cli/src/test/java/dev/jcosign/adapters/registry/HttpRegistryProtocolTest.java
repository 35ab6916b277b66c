package dev.jcosign.adapters.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.error.RegistryException;
import dev.jcosign.core.oci.Digest;
import dev.jcosign.core.oci.ImageReference;
import dev.jcosign.core.oci.MediaTypes;
import dev.jcosign.core.oci.RawManifest;
import dev.jcosign.core.oci.Repository;
import dev.jcosign.testkit.FaultRegistry;
import dev.jcosign.testkit.FaultRegistry.Auth;
import dev.jcosign.testkit.FaultRegistry.Fault;
import dev.jcosign.testkit.FaultRegistry.Recorded;
import dev.jcosign.testkit.TestImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Auth flows, redirects, paging, mounts and headers of {@link HttpRegistry}, observed on a {@link FaultRegistry}. */
class HttpRegistryProtocolTest {
  @TempDir Path tmp;

  private static HttpRegistry client(RegistryConfig.Builder b) {
    return new HttpRegistry(b.build(), d -> { });
  }

  @Test
  void bearer_tokenIsCached_andRenewedOnceAfter401() {
    try (FaultRegistry fr = FaultRegistry.start(Auth.BEARER)) {
      TestImages.push(fr, "test/app", "v1");
      HttpRegistry client = client(RegistryConfig.builder().basicAuth("testuser", "testpass"));
      int before = fr.tokensIssued();
      ImageReference ref = fr.ref("test/app:v1");
      client.getManifest(ref);
      client.head(ref);
      assertEquals(1, fr.tokensIssued() - before);

      fr.revokeTokens();
      fr.clearRequests();
      assertTrue(client.getManifest(ref).isPresent());
      assertEquals(2, fr.tokensIssued() - before);
      List<Recorded> gets = fr.requests("GET", "/manifests/");
      assertEquals(2, gets.size());
      assertTrue(gets.get(1).authorization().startsWith("Bearer tok-"));
      // the token request carried the basic credentials, the service and the scope from the challenge
      Recorded tokenReq = fr.requests("GET", "/token").get(0);
      assertTrue(tokenReq.authorization().startsWith("Basic "));
      assertEquals("/token?service=fault-registry&scope=repository:test/app:pull", tokenReq.pathAndQuery());
    }
  }

  @Test
  void bearer_anonymousTokenCannotPush_oneRetryOnly() {
    try (FaultRegistry fr = FaultRegistry.start(Auth.BEARER)) {
      TestImages.Image img = TestImages.push(fr, "test/app", "v1");
      HttpRegistry client = client(RegistryConfig.builder());
      assertTrue(client.head(fr.ref("test/app:v1")).isPresent());
      fr.clearRequests();
      RegistryException e = assertThrows(RegistryException.class,
          () -> client.putManifest(fr.ref("test/app:v2"), RawManifest.of(img.manifest(), MediaTypes.OCI_MANIFEST)));
      assertEquals("PUT http://" + fr.host() + "/v2/test/app/manifests/v2: 401 UNAUTHORIZED: authentication required", e.getMessage());
      assertEquals(2, fr.requests("PUT", "/manifests/").size());
      assertTrue(fr.requests("GET", "/token").get(0).pathAndQuery().contains("scope=repository:test/app:pull,push"));
    }
  }

  @Test
  void bearer_identityToken_isExchangedByRefreshTokenPost() throws IOException {
    try (FaultRegistry fr = FaultRegistry.start(Auth.BEARER)) {
      TestImages.push(fr, "test/app", "v1");
      Path dir = Files.createDirectories(tmp.resolve("docker"));
      Files.writeString(dir.resolve("config.json"),
          "{\"auths\":{\"" + fr.host() + "\":{\"auth\":\"\",\"identitytoken\":\"" + FaultRegistry.IDENTITY_TOKEN + "\"}}}");
      HttpRegistry client = client(RegistryConfig.builder().dockerConfigDir(dir));
      fr.clearRequests();
      RawManifest m = client.getManifest(fr.ref("test/app:v1")).orElseThrow();
      client.putManifest(fr.ref("test/app:pushed"), m); // the identity token grants push
      assertEquals(2, fr.requests("POST", "/token").size());
      assertTrue(fr.requests("GET", "/token").isEmpty());
    }
  }

  @Test
  void basic_challengeFromPing_sendsCredentialsUpFront() {
    try (FaultRegistry fr = FaultRegistry.start(Auth.BASIC)) {
      TestImages.push(fr, "test/app", "v1");
      fr.clearRequests();
      HttpRegistry client = client(RegistryConfig.builder().basicAuth("testuser", "testpass"));
      assertTrue(client.getManifest(fr.ref("test/app:v1")).isPresent());
      List<Recorded> gets = fr.requests("GET", "/manifests/");
      assertEquals(1, gets.size());
      assertTrue(gets.get(0).authorization().startsWith("Basic "));
    }
  }

  @Test
  void registryToken_isSentAsBearerToEveryRequest() {
    try (FaultRegistry fr = FaultRegistry.start()) {
      TestImages.push(fr, "test/app", "v1");
      fr.clearRequests();
      HttpRegistry client = client(RegistryConfig.builder().bearerToken("opaque-registry-token"));
      assertTrue(client.getManifest(fr.ref("test/app:v1")).isPresent());
      assertEquals("Bearer opaque-registry-token", fr.requests("GET", "/manifests/").get(0).authorization());
    }
  }

  @Test
  void blobRedirect_toAnotherOrigin_dropsTheAuthorization() {
    try (FaultRegistry fr = FaultRegistry.start(Auth.BEARER)) {
      TestImages.Image img = TestImages.push(fr, "test/app", "v1");
      fr.inject(Fault.REDIRECT_TO_STORAGE, "/blobs/", -1);
      fr.clearRequests();
      HttpRegistry client = client(RegistryConfig.builder().basicAuth("testuser", "testpass"));
      Repository repo = fr.repo("test/app");
      assertArrayEquals(img.layer().bytes(), client.getBlob(repo, img.layer().digest(), 0));
      assertTrue(client.blobExists(repo, img.layer().digest()));
      List<Recorded> storage = fr.requests("GET", "/storage/");
      assertEquals(1, storage.size());
      assertNull(storage.get(0).authorization());
      assertTrue(fr.requests("GET", "/blobs/").get(0).authorization().startsWith("Bearer "));
    }
  }

  @Test
  void listTags_followsLinkPaging() {
    try (FaultRegistry fr = FaultRegistry.start()) {
      TestImages.Image img = TestImages.push(fr, "test/app", "t00");
      List<String> expected = new ArrayList<>(List.of("t00"));
      for (int i = 1; i <= 7; i++) {
        String tag = String.format(java.util.Locale.ROOT, "t%02d", i);
        fr.putManifest("test/app", tag, img.manifest(), MediaTypes.OCI_MANIFEST);
        expected.add(tag);
      }
      fr.clearRequests();
      HttpRegistry client = client(RegistryConfig.builder().tagPageSize(3));
      assertEquals(expected, client.listTags(fr.repo("test/app")));
      List<String> pages = fr.requests("GET", "/tags/list").stream().map(Recorded::pathAndQuery).toList();
      assertEquals(List.of("/v2/test/app/tags/list?n=3", "/v2/test/app/tags/list?last=t02&n=3", "/v2/test/app/tags/list?last=t05&n=3"), pages);
      assertEquals(List.of(), client.listTags(fr.repo("test/empty")));
    }
  }

  @Test
  void putBlob_mountsFromAnotherRepository_orFallsBackToUpload() {
    try (FaultRegistry fr = FaultRegistry.start()) {
      TestImages.Image img = TestImages.push(fr, "test/app", "v1");
      fr.clearRequests();
      HttpRegistry client = client(RegistryConfig.builder());
      client.putBlob(fr.repo("test/other"), img.layer().digest(), img.layer().bytes(), Optional.of(fr.repo("test/app")));
      assertTrue(fr.hasBlob("test/other", img.layer().digest()));
      assertEquals(List.of("/v2/test/other/blobs/uploads/?mount=" + img.layer().digest() + "&from=test/app"),
          fr.requests("POST", "/blobs/uploads/").stream().map(Recorded::pathAndQuery).toList());
      assertTrue(fr.requests("PUT", "/blobs/uploads/").isEmpty());

      // the source does not have it: the registry opens an upload session instead
      byte[] data = "only here".getBytes(StandardCharsets.UTF_8);
      Digest d = Digest.sha256(data);
      fr.clearRequests();
      client.putBlob(fr.repo("test/third"), d, data, Optional.of(fr.repo("test/app")));
      assertTrue(fr.hasBlob("test/third", d));
      assertEquals(1, fr.requests("POST", "/blobs/uploads/").size());
      assertEquals(1, fr.requests("PUT", "/blobs/uploads/").size());

      // already there: nothing is uploaded
      fr.clearRequests();
      client.putBlob(fr.repo("test/third"), d, data, Optional.empty());
      assertTrue(fr.requests("POST", "/blobs/uploads/").isEmpty());
    }
  }

  @Test
  void largeBlob_streamedUp_andReadIntoOneArray() {
    // bodies from 1 MiB on are streamed from the array, not copied into buffers first (issue 4)
    try (FaultRegistry fr = FaultRegistry.start()) {
      HttpRegistry client = client(RegistryConfig.builder());
      byte[] data = new byte[(3 << 20) + 17];
      new java.util.Random(5).nextBytes(data);
      Digest d = Digest.sha256(data);
      client.putBlob(fr.repo("big/blob"), d, data, Optional.empty());
      assertArrayEquals(data, client.getBlob(fr.repo("big/blob"), d, data.length));
      RegistryException e = assertThrows(RegistryException.class, () -> client.getBlob(fr.repo("big/blob"), d, data.length - 1));
      assertTrue(e.getMessage().contains("exceeded the limit (" + (data.length - 1) + ")"), e.getMessage());
    }
  }

  @Test
  void putBlob_withWrongDigest_isRefusedLocally() {
    try (FaultRegistry fr = FaultRegistry.start()) {
      HttpRegistry client = client(RegistryConfig.builder());
      byte[] data = "x".getBytes(StandardCharsets.UTF_8);
      RegistryException e = assertThrows(RegistryException.class,
          () -> client.putBlob(fr.repo("a/b"), Digest.sha256("y"), data, Optional.empty()));
      assertTrue(e.getMessage().startsWith("uploading blob to " + fr.host() + "/a/b: blob digest mismatch"), e.getMessage());
      assertTrue(fr.requests().isEmpty());
    }
  }

  @Test
  void putManifest_byDigest_mustMatchTheBytes() {
    try (FaultRegistry fr = FaultRegistry.start()) {
      HttpRegistry client = client(RegistryConfig.builder());
      RawManifest m = RawManifest.of("{}".getBytes(StandardCharsets.UTF_8), MediaTypes.OCI_MANIFEST);
      assertThrows(InvalidInputException.class, () -> client.putManifest(ImageReference.of(fr.repo("a/b"), Digest.sha256("other")), m));
      assertEquals(m.digest(), client.putManifest(ImageReference.of(fr.repo("a/b"), m.digest()), m));
    }
  }

  @Test
  void requests_carryUserAgentAndAccept_andDebugLinesHaveNoSecrets() {
    try (FaultRegistry fr = FaultRegistry.start(Auth.BASIC)) {
      TestImages.push(fr, "test/app", "v1");
      List<String> debug = new CopyOnWriteArrayList<>();
      HttpRegistry client = client(RegistryConfig.builder().basicAuth("testuser", "testpass").userAgent("jcosign/9.9").debug(debug::add));
      assertTrue(client.getManifest(fr.ref("test/app:v1")).isPresent());
      assertTrue(debug.stream().anyMatch(l -> l.startsWith("--> GET http://" + fr.host() + "/v2/test/app/manifests/v1")), debug.toString());
      assertTrue(debug.stream().anyMatch(l -> l.startsWith("<-- 200 GET")), debug.toString());
      assertFalse(String.join("\n", debug).contains("testpass"));
      assertFalse(String.join("\n", debug).contains("dGVzdHVzZXI6dGVzdHBhc3M")); // base64 of the credentials
    }
  }

  @Test
  void manifestAccept_andUserAgent_reachTheServer() throws Exception {
    List<String[]> seen = new CopyOnWriteArrayList<>();
    com.sun.net.httpserver.HttpServer s = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    s.createContext("/", ex -> {
      seen.add(new String[] {ex.getRequestURI().getPath(), ex.getRequestHeaders().getFirst("Accept"), ex.getRequestHeaders().getFirst("User-Agent")});
      ex.sendResponseHeaders(ex.getRequestURI().getPath().equals("/v2/") ? 200 : 404, -1);
      ex.close();
    });
    s.start();
    try {
      HttpRegistry client = client(RegistryConfig.builder().userAgent("jcosign/1.2.3"));
      assertTrue(client.getManifest(ImageReference.parse("127.0.0.1:" + s.getAddress().getPort() + "/a/b:c")).isEmpty());
      String[] get = seen.stream().filter(x -> x[0].contains("/manifests/")).findFirst().orElseThrow();
      assertEquals(HttpRegistry.ACCEPT, get[1]);
      assertTrue(get[1].startsWith(MediaTypes.OCI_MANIFEST + ", " + MediaTypes.OCI_INDEX));
      assertEquals("jcosign/1.2.3", get[2]);
    } finally {
      s.stop(0);
    }
  }
}
