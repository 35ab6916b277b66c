package dev.jcosign.adapters.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcosign.core.error.RegistryException;
import dev.jcosign.core.oci.Descriptor;
import dev.jcosign.core.oci.Digest;
import dev.jcosign.core.oci.ImageReference;
import dev.jcosign.core.oci.MediaTypes;
import dev.jcosign.core.oci.RawManifest;
import dev.jcosign.core.oci.Repository;
import dev.jcosign.testkit.DockerRegistryServer;
import dev.jcosign.testkit.DockerRegistryServer.Variant;
import dev.jcosign.testkit.TestImages;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link HttpRegistry} against the real docker-registry in every variant (plain, htpasswd, TLS, token, mTLS). */
@Tag("e2e")
@org.junit.jupiter.api.extension.ExtendWith(DockerRegistryServer.LogsOnFailure.class)
class HttpRegistryE2ETest {

  /** A client set up the way the variant needs: credentials, CA, client certificate. */
  static RegistryConfig.Builder configFor(DockerRegistryServer reg) {
    RegistryConfig.Builder b = RegistryConfig.builder().retryBaseDelay(Duration.ofMillis(10));
    if (reg.requiresCredentials()) {
      b.basicAuth(DockerRegistryServer.USERNAME, DockerRegistryServer.PASSWORD);
    }
    if (reg.variant() == Variant.TLS || reg.variant() == Variant.MTLS) {
      b.caCertFile(reg.caCertPem());
    }
    if (reg.variant() == Variant.MTLS) {
      b.clientCertificate(reg.clientCertPem(), reg.clientKeyPem());
    }
    return b;
  }

  static String unique(String prefix) {
    return prefix + "/" + UUID.randomUUID().toString().substring(0, 8);
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void headAndGet_imagePushedByTestkit(Variant v) {
    DockerRegistryServer reg = DockerRegistryServer.get(v);
    String repo = unique("e2e/hello");
    TestImages.Image img = TestImages.push(reg, repo, "v1");
    HttpRegistry client = new HttpRegistry(configFor(reg).build());

    Descriptor d = client.head(reg.ref(repo + ":v1")).orElseThrow(() -> new AssertionError("missing; log:\n" + reg.logTail(20)));
    assertEquals(img.manifestDigest(), d.digest());
    assertEquals(MediaTypes.OCI_MANIFEST, d.mediaType());
    assertEquals(img.manifest().length, d.size());

    RawManifest m = client.getManifest(reg.ref(repo + "@" + img.manifestDigest())).orElseThrow();
    assertArrayEquals(img.manifest(), m.bytes());
    assertEquals(img.manifestDigest(), m.digest());
    assertEquals(d, client.head(reg.ref(repo + "@" + img.manifestDigest())).orElseThrow());

    assertTrue(client.getManifest(reg.ref(repo + ":nope")).isEmpty());
    assertTrue(client.head(reg.ref(repo + ":nope")).isEmpty());
    assertArrayEquals(img.layer().bytes(), client.getBlob(reg.repo(repo), img.layer().digest(), 0));
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void putManifest_customMediaTypesAndAnnotations_bytesPreserved(Variant v) {
    DockerRegistryServer reg = DockerRegistryServer.get(v);
    HttpRegistry client = new HttpRegistry(configFor(reg).build());
    Repository repo = reg.repo(unique("e2e/sig"));
    byte[] payload = "{\"critical\":{\"identity\":{\"docker-reference\":\"x\"}},\"optional\":null}".getBytes(StandardCharsets.UTF_8);
    byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
    Digest payloadDigest = Digest.sha256(payload);
    Digest configDigest = Digest.sha256(config);
    client.putBlob(repo, payloadDigest, payload, Optional.empty());
    client.putBlob(repo, configDigest, config, Optional.empty());
    client.putBlob(repo, configDigest, config, Optional.empty()); // already there: skipped
    // Go-style escapes and odd key order must survive untouched
    String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
        + "\"config\":{\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"size\":2,\"digest\":\"" + configDigest + "\","
        + "\"artifactType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\"},"
        + "\"layers\":[{\"mediaType\":\"application/vnd.dev.cosign.simplesigning.v1+json\",\"size\":" + payload.length
        + ",\"digest\":\"" + payloadDigest + "\",\"annotations\":{\"dev.cosignproject.cosign/signature\":\"MEUCIQ\\u003c\\u003e\\u0026==\","
        + "\"dev.sigstore.cosign/certificate\":\"\"}}],\"annotations\":{\"b\":\"2\",\"a\":\"1\"}}";
    RawManifest raw = RawManifest.of(manifest.getBytes(StandardCharsets.UTF_8), MediaTypes.OCI_MANIFEST);

    Digest pushed = client.putManifest(ImageReference.of(repo, "sha256-abc.sig"), raw);
    assertEquals(raw.digest(), pushed);
    RawManifest back = client.getManifest(ImageReference.of(repo, "sha256-abc.sig")).orElseThrow();
    assertArrayEquals(raw.bytes(), back.bytes());
    assertEquals(MediaTypes.OCI_MANIFEST, back.mediaType());
    // by digest, untagged
    assertEquals(raw.digest(), client.putManifest(ImageReference.of(repo, raw.digest()), raw));
    assertEquals(payload.length, client.getBlob(repo, payloadDigest, 1024).length);
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void blobs_uploadExistsGetAndMount(Variant v) {
    DockerRegistryServer reg = DockerRegistryServer.get(v);
    HttpRegistry client = new HttpRegistry(configFor(reg).build());
    Repository a = reg.repo(unique("e2e/blob-a"));
    Repository b = reg.repo(unique("e2e/blob-b"));
    byte[] data = ("blob " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
    Digest d = Digest.sha256(data);
    assertFalse(client.blobExists(a, d));
    client.putBlob(a, d, data, Optional.empty());
    assertTrue(client.blobExists(a, d));
    assertArrayEquals(data, client.getBlob(a, d, data.length));
    RegistryException tooBig = assertThrows(RegistryException.class, () -> client.getBlob(a, d, data.length - 1));
    assertTrue(tooBig.getMessage().contains("exceeded the limit (" + (data.length - 1) + ")"), tooBig.getMessage());

    assertFalse(client.blobExists(b, d));
    client.putBlob(b, d, data, Optional.of(a));
    assertTrue(client.blobExists(b, d));
    String mount = "/v2/" + b.path() + "/blobs/uploads/?mount=" + d + "&from=" + a.path();
    assertTrue(reg.logTail(100_000).contains(mount), "registry log shows no " + mount + ":\n" + reg.logTail(20));
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void listTags_returnsAll_andDeleteByDigest(Variant v) {
    DockerRegistryServer reg = DockerRegistryServer.get(v);
    HttpRegistry client = new HttpRegistry(configFor(reg).tagPageSize(3).build());
    String path = unique("e2e/tags");
    TestImages.Image img = TestImages.push(reg, path, "base");
    Repository repo = reg.repo(path);
    RawManifest m = RawManifest.of(img.manifest(), MediaTypes.OCI_MANIFEST);
    List<String> expected = new ArrayList<>(List.of("base"));
    for (int i = 0; i < 8; i++) {
      client.putManifest(ImageReference.of(repo, "t" + i), m);
      expected.add("t" + i);
    }
    // distribution 2.8 ignores n= and answers in map order; paging is covered by HttpRegistryFaultTest
    assertEquals(expected, client.listTags(repo).stream().sorted().toList());
    assertEquals(List.of(), client.listTags(reg.repo(unique("e2e/none"))));

    client.deleteManifest(repo, img.manifestDigest());
    assertTrue(client.head(ImageReference.of(repo, img.manifestDigest())).isEmpty());
    RegistryException again = assertThrows(RegistryException.class, () -> client.deleteManifest(repo, img.manifestDigest()));
    assertEquals(404, again.status());
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void index_isReadAsIndex(Variant v) {
    DockerRegistryServer reg = DockerRegistryServer.get(v);
    HttpRegistry client = new HttpRegistry(configFor(reg).build());
    String path = unique("e2e/multi");
    TestImages.Index idx = TestImages.pushIndex(reg, path, "v1");
    RawManifest m = client.getManifest(reg.ref(path + ":v1")).orElseThrow();
    assertEquals(MediaTypes.OCI_INDEX, m.mediaType());
    assertEquals(idx.digest(), m.digest());
    assertArrayEquals(idx.bytes(), m.bytes());
    Descriptor child = client.head(reg.ref(path + "@" + idx.images().get(1).manifestDigest())).orElseThrow();
    assertEquals(idx.images().get(1).manifest().length, child.size());
  }
}
