package dev.jcosign.adapters.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcosign.core.error.RegistryException;
import dev.jcosign.core.oci.Descriptor;
import dev.jcosign.core.oci.ImageReference;
import dev.jcosign.core.oci.MediaTypes;
import dev.jcosign.core.oci.RawManifest;
import dev.jcosign.testkit.FaultRegistry;
import dev.jcosign.testkit.FaultRegistry.Fault;
import dev.jcosign.testkit.TestImages;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every fault {@link FaultRegistry} can inject becomes the expected typed, one-line error, or is retried away. */
class HttpRegistryFaultTest {
  private FaultRegistry fr;
  private TestImages.Image img;
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  private HttpRegistry client;
  private ImageReference ref;
  private String manifestUrl;

  @BeforeEach
  void start() {
    fr = FaultRegistry.start();
    img = TestImages.push(fr, "test/app", "v1");
    client = client(RegistryConfig.builder());
    ref = fr.ref("test/app:v1");
    manifestUrl = "http://" + fr.host() + "/v2/test/app/manifests/v1";
    fr.clearRequests();
  }

  @AfterEach
  void stop() {
    fr.close();
  }

  private HttpRegistry client(RegistryConfig.Builder b) {
    return new HttpRegistry(b.build(), sleeps::add);
  }

  private RegistryException getFails() {
    return assertThrows(RegistryException.class, () -> client.getManifest(ref));
  }

  private int manifestGets() {
    return fr.requests("GET", "/manifests/").size();
  }

  @Test
  void unauthorizedWithoutChallenge_isNotRetried() {
    fr.inject(Fault.UNAUTHORIZED_NO_CHALLENGE, -1);
    RegistryException e = getFails();
    assertEquals("GET " + manifestUrl + ": 401 UNAUTHORIZED: authentication required", e.getMessage());
    assertEquals(401, e.status());
    assertEquals("UNAUTHORIZED", e.code());
    assertEquals(1, manifestGets());
  }

  @Test
  void unauthorizedWithChallenge_triesTheCredentialsOnce() {
    client = client(RegistryConfig.builder().basicAuth("testuser", "wrong-password"));
    fr.inject(Fault.UNAUTHORIZED_WITH_CHALLENGE, -1);
    RegistryException e = getFails();
    assertEquals("GET " + manifestUrl + ": 401 UNAUTHORIZED: authentication required", e.getMessage());
    List<FaultRegistry.Recorded> gets = fr.requests("GET", "/manifests/");
    assertEquals(2, gets.size());
    assertEquals(null, gets.get(0).authorization());
    assertTrue(gets.get(1).authorization().startsWith("Basic "));
    assertFalse(e.getMessage().contains("wrong-password"));
  }

  @Test
  void denied() {
    fr.inject(Fault.DENIED, -1);
    RegistryException e = getFails();
    assertEquals("GET " + manifestUrl + ": 403 DENIED: requested access to the resource is denied", e.getMessage());
    assertEquals("DENIED", e.code());
  }

  @Test
  void notFound_isEmptyForManifests_andAnErrorForBlobs() {
    fr.inject(Fault.NOT_FOUND, -1);
    assertTrue(client.getManifest(ref).isEmpty());
    assertTrue(client.head(ref).isEmpty());
    assertFalse(client.blobExists(ref.repository(), img.layer().digest()));
    RegistryException e = assertThrows(RegistryException.class, () -> client.getBlob(ref.repository(), img.layer().digest(), 0));
    assertEquals("GET http://" + fr.host() + "/v2/test/app/blobs/" + img.layer().digest() + ": 404 BLOB_UNKNOWN: blob unknown to registry",
        e.getMessage());
    assertTrue(e.isNotFound());
  }

  @Test
  void tooManyRequests_thenOk_isRetriedAfterRetryAfter() {
    fr.inject(Fault.TOO_MANY_REQUESTS, 1);
    assertArrayEquals(img.manifest(), client.getManifest(ref).orElseThrow().bytes());
    assertEquals(2, manifestGets());
    assertEquals(List.of(Duration.ZERO), sleeps);
  }

  @Test
  void unavailable_twice_thenOk_backsOff() {
    fr.inject(Fault.UNAVAILABLE, 2);
    assertTrue(client.getManifest(ref).isPresent());
    assertEquals(3, manifestGets());
    assertEquals(List.of(Duration.ofMillis(200), Duration.ofMillis(400)), sleeps);
  }

  @Test
  void serverError_always_givesUpAfterThreeAttempts() {
    fr.inject(Fault.SERVER_ERROR, -1);
    RegistryException e = getFails();
    assertEquals("GET " + manifestUrl + ": 500 Internal Server Error", e.getMessage()); // body equals the reason: not repeated
    assertEquals(500, e.status());
    assertEquals(3, manifestGets());
  }

  @Test
  void truncatedBody_isRetried_andAnErrorWhenItPersists() {
    fr.inject(Fault.TRUNCATED_BODY, "/manifests/", 1);
    assertArrayEquals(img.manifest(), client.getManifest(ref).orElseThrow().bytes());

    fr.inject(Fault.TRUNCATED_BODY, "/manifests/", -1);
    RegistryException e = getFails();
    assertTrue(e.getMessage().startsWith("GET " + manifestUrl + ": response body truncated (expected " + img.manifest().length + " bytes)"),
        e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void oversizedManifest_isRefusedFromContentLength_withoutRetry() {
    fr.inject(Fault.OVERSIZED_BODY, "/manifests/", -1);
    RegistryException e = getFails();
    assertEquals("GET " + manifestUrl + ": size of manifest (" + FaultRegistry.OVERSIZED + ") exceeded the limit (4194304)", e.getMessage());
    assertEquals(1, manifestGets());
  }

  @Test
  void oversizedChunkedManifest_stopsReadingAtTheLimit() {
    fr.inject(Fault.OVERSIZED_CHUNKED, "/manifests/", -1);
    RegistryException e = getFails();
    assertEquals("GET " + manifestUrl + ": size of manifest (more than 4194304) exceeded the limit (4194304)", e.getMessage());
  }

  @Test
  void smallerManifestLimit_fromConfig() {
    client = client(RegistryConfig.builder().maxManifestBytes(100));
    RegistryException e = getFails();
    assertEquals("GET " + manifestUrl + ": size of manifest (" + img.manifest().length + ") exceeded the limit (100)", e.getMessage());
  }

  @Test
  void wrongDigest_byTag_mismatchesDockerContentDigest() {
    fr.inject(Fault.WRONG_DIGEST, "/manifests/", -1);
    RegistryException e = getFails();
    assertTrue(e.getMessage().startsWith("GET " + manifestUrl + " (Docker-Content-Digest): manifest digest mismatch: expected "
        + img.manifestDigest() + ", got sha256:"), e.getMessage());
    assertEquals("DIGEST_INVALID", e.code());
  }

  @Test
  void wrongDigest_byDigest_mismatchesTheReference() {
    fr.inject(Fault.WRONG_DIGEST, -1);
    ImageReference byDigest = ref.withDigest(img.manifestDigest());
    RegistryException e = assertThrows(RegistryException.class, () -> client.getManifest(byDigest));
    assertTrue(e.getMessage().startsWith("GET http://" + fr.host() + "/v2/test/app/manifests/" + img.manifestDigest()
        + ": manifest digest mismatch: expected " + img.manifestDigest()), e.getMessage());
    RegistryException b = assertThrows(RegistryException.class, () -> client.getBlob(ref.repository(), img.layer().digest(), 0));
    assertTrue(b.getMessage().contains(": blob digest mismatch: expected " + img.layer().digest()), b.getMessage());
  }

  @Test
  void connectionClosed_once_isRetried_always_isAnError() {
    fr.inject(Fault.CONNECTION_CLOSED, "/manifests/", 1);
    assertTrue(client.getManifest(ref).isPresent());

    fr.inject(Fault.CONNECTION_CLOSED, "/manifests/", -1);
    RegistryException e = getFails();
    assertEquals("GET " + manifestUrl + ": connection closed by the server before a complete response", e.getMessage());
    assertEquals(0, e.status());
  }

  @Test
  void head_withoutDigestHeader_fallsBackToGet() {
    fr.inject(Fault.NO_DIGEST_HEADER, -1);
    Descriptor d = client.head(ref).orElseThrow();
    assertEquals(new Descriptor(MediaTypes.OCI_MANIFEST, img.manifestDigest(), img.manifest().length), d);
    assertEquals(1, fr.requests("HEAD", "/manifests/").size());
    assertEquals(1, manifestGets());
  }

  @Test
  void head_usesHeadersOnly() {
    Descriptor d = client.head(ref).orElseThrow();
    assertEquals(img.manifestDigest(), d.digest());
    assertEquals(0, manifestGets());
  }

  @Test
  void head_errorWithoutBody_isReportedThroughGet() {
    fr.inject(Fault.DENIED, -1);
    RegistryException e = assertThrows(RegistryException.class, () -> client.head(ref));
    assertEquals("GET " + manifestUrl + ": 403 DENIED: requested access to the resource is denied", e.getMessage());
  }

  @Test
  void uploadFailure_redactsTheUploadState_andRestartsTheSession() {
    fr.inject(Fault.SERVER_ERROR, "/blobs/uploads/[0-9a-f]+$", -1);
    byte[] data = "new blob".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    RegistryException e = assertThrows(RegistryException.class,
        () -> client.putBlob(ref.repository(), dev.jcosign.core.oci.Digest.sha256(data), data, java.util.Optional.empty()));
    assertTrue(e.getMessage().matches("PUT http://127\\.0\\.0\\.1:\\d+/v2/test/app/blobs/uploads/[0-9a-f]+\\?_state=REDACTED"
        + "&digest=sha256:[0-9a-f]{64}: 500 Internal Server Error"), e.getMessage());
    assertFalse(e.getMessage().contains("secret-upload-state"));
    assertEquals(3, fr.requests("POST", "/blobs/uploads/").size(), fr.requests().toString());
    assertEquals(3, fr.requests("PUT", "/blobs/uploads/").size());
  }

  @Test
  void upload_unavailableOnce_succeedsWithANewSession() {
    fr.inject(Fault.UNAVAILABLE, "/blobs/uploads/$", 1);
    byte[] data = "blob after 503".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    dev.jcosign.core.oci.Digest d = dev.jcosign.core.oci.Digest.sha256(data);
    client.putBlob(ref.repository(), d, data, java.util.Optional.empty());
    assertTrue(fr.hasBlob("test/app", d));
    assertEquals(2, fr.requests("POST", "/blobs/uploads/").size());
  }

  @Test
  void putManifest_isRetriedOn503() {
    fr.inject(Fault.UNAVAILABLE, "/manifests/", 1);
    RawManifest m = RawManifest.of(img.manifest(), MediaTypes.OCI_MANIFEST);
    assertEquals(img.manifestDigest(), client.putManifest(fr.ref("test/app:again"), m));
    assertEquals(2, fr.requests("PUT", "/manifests/").size());
    assertEquals(MediaTypes.OCI_MANIFEST, fr.requests("PUT", "/manifests/").get(1).contentType());
  }

  @Test
  void maxAttemptsOne_disablesRetries() {
    client = client(RegistryConfig.builder().maxAttempts(1));
    fr.inject(Fault.TOO_MANY_REQUESTS, -1);
    RegistryException e = getFails();
    assertEquals("GET " + manifestUrl + ": 429 TOOMANYREQUESTS: too many requests", e.getMessage());
    assertEquals(1, manifestGets());
  }
}
