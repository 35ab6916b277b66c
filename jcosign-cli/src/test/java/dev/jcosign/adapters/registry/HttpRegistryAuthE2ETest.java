package dev.jcosign.adapters.registry;

import static dev.jcosign.adapters.registry.HttpRegistryE2ETest.configFor;
import static dev.jcosign.adapters.registry.HttpRegistryE2ETest.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcosign.core.error.RegistryException;
import dev.jcosign.core.oci.ImageReference;
import dev.jcosign.core.oci.MediaTypes;
import dev.jcosign.core.oci.RawManifest;
import dev.jcosign.testkit.DockerRegistryServer;
import dev.jcosign.testkit.DockerRegistryServer.Variant;
import dev.jcosign.testkit.TestImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Credentials, TLS trust and Docker config keychains against the real docker-registry. */
@Tag("e2e")
@org.junit.jupiter.api.extension.ExtendWith(DockerRegistryServer.LogsOnFailure.class)
class HttpRegistryAuthE2ETest {
  @TempDir Path tmp;

  private static final String ONE_LINE_401 =
      "GET http://127\\.0\\.0\\.1:\\d+/v2/[a-z0-9/-]+/manifests/v1: 401 UNAUTHORIZED: authentication required";

  private static ImageReference pushed(DockerRegistryServer reg) {
    String path = unique("auth/app");
    TestImages.push(reg, path, "v1");
    return reg.ref(path + ":v1");
  }

  @Test
  void htpasswd_wrongPassword_oneLineError_withoutThePassword() {
    DockerRegistryServer reg = DockerRegistryServer.get(Variant.HTPASSWD);
    ImageReference ref = pushed(reg);
    HttpRegistry client = new HttpRegistry(RegistryConfig.builder().basicAuth("testuser", "s3cret-wrong").build());
    RegistryException e = assertThrows(RegistryException.class, () -> client.head(ref));
    assertTrue(e.getMessage().matches(ONE_LINE_401), e.getMessage());
    assertEquals(401, e.status());
    assertEquals("UNAUTHORIZED", e.code());
    assertFalse(e.getMessage().contains("s3cret-wrong"));
  }

  @Test
  void htpasswd_anonymous_isRefused() {
    DockerRegistryServer reg = DockerRegistryServer.get(Variant.HTPASSWD);
    ImageReference ref = pushed(reg);
    RegistryException e = assertThrows(RegistryException.class, () -> new HttpRegistry(RegistryConfig.defaults()).getManifest(ref));
    assertTrue(e.getMessage().matches(ONE_LINE_401), e.getMessage());
  }

  @Test
  void token_wrongPassword_reportsTheTokenServerError() {
    DockerRegistryServer reg = DockerRegistryServer.get(Variant.TOKEN);
    ImageReference ref = pushed(reg);
    HttpRegistry client = new HttpRegistry(RegistryConfig.builder().basicAuth("testuser", "nope-nope").build());
    RegistryException e = assertThrows(RegistryException.class, () -> client.getManifest(ref));
    assertEquals("GET " + reg.tokenServer().realm() + "?service=test-registry&scope=repository:" + ref.repository().path()
        + ":pull: 401 UNAUTHORIZED: bad credentials", e.getMessage());
    assertFalse(e.getMessage().contains("nope-nope"));
  }

  @Test
  void token_anonymousMayPullButNotPush() {
    DockerRegistryServer reg = DockerRegistryServer.get(Variant.TOKEN);
    ImageReference ref = pushed(reg);
    HttpRegistry anonymous = new HttpRegistry(RegistryConfig.defaults());
    RawManifest m = anonymous.getManifest(ref).orElseThrow();
    RegistryException e = assertThrows(RegistryException.class,
        () -> anonymous.putManifest(ImageReference.of(ref.repository(), "copy"), m));
    assertEquals(401, e.status());
    assertTrue(e.getMessage().startsWith("PUT http://" + reg.host() + "/v2/" + ref.repository().path() + "/manifests/copy: 401 UNAUTHORIZED"),
        e.getMessage());
  }

  @Test
  void token_isCachedPerScope() {
    DockerRegistryServer reg = DockerRegistryServer.get(Variant.TOKEN);
    ImageReference ref = pushed(reg);
    HttpRegistry client = new HttpRegistry(configFor(reg).build());
    int before = reg.tokenServer().tokensIssued();
    for (int i = 0; i < 5; i++) {
      client.head(ref);
      client.getManifest(ref);
    }
    assertEquals(1, reg.tokenServer().tokensIssued() - before);
  }

  @Test
  void tls_withoutTheCa_failsClearly_withCaOrInsecure_works() {
    DockerRegistryServer reg = DockerRegistryServer.get(Variant.TLS);
    ImageReference ref = pushed(reg);
    RegistryConfig creds = RegistryConfig.builder().basicAuth("testuser", "testpass").build();
    RegistryException e = assertThrows(RegistryException.class, () -> new HttpRegistry(creds).head(ref));
    assertEquals("tls handshake with 127.0.0.1:" + reg.port() + ": certificate signed by unknown authority"
        + " (trust it with --registry-cacert, or skip verification with --allow-insecure-registry)", e.getMessage());
    assertEquals(0, e.status());

    assertTrue(new HttpRegistry(creds.toBuilder().allowInsecure(true).build()).head(ref).isPresent());
    assertTrue(new HttpRegistry(creds.toBuilder().caCertFile(reg.caCertPem()).build()).head(ref).isPresent());
  }

  @Test
  void tls_serverName_mustMatchTheCertificate() {
    DockerRegistryServer reg = DockerRegistryServer.get(Variant.TLS);
    ImageReference ref = pushed(reg);
    assertTrue(new HttpRegistry(configFor(reg).serverName("localhost").build()).head(ref).isPresent());
    RegistryException e = assertThrows(RegistryException.class,
        () -> new HttpRegistry(configFor(reg).serverName("registry.example.com").build()).head(ref));
    assertTrue(e.getMessage().startsWith("tls handshake with 127.0.0.1:" + reg.port() + ": certificate is not valid for server name registry.example.com"),
        e.getMessage());
  }

  @Test
  void mtls_withoutClientCertificate_isRefused() {
    DockerRegistryServer reg = DockerRegistryServer.get(Variant.MTLS);
    ImageReference ref = pushed(reg);
    RegistryException e = assertThrows(RegistryException.class,
        () -> new HttpRegistry(RegistryConfig.builder().caCertFile(reg.caCertPem()).build()).head(ref));
    assertEquals("tls handshake with 127.0.0.1:" + reg.port() + ": received fatal alert: bad_certificate"
        + " (the registry may require a client certificate: --registry-client-cert, --registry-client-key)", e.getMessage());
    assertEquals(0, e.status());
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void connectionRefused_isOneLine() {
    RegistryException e = assertThrows(RegistryException.class,
        () -> new HttpRegistry(RegistryConfig.defaults()).head(ImageReference.parse("127.0.0.1:1/x/y:v1")));
    assertEquals("connecting to 127.0.0.1:1: connection refused", e.getMessage());
  }

  // ---- Docker config keychain (spec §1.3 REG default auth)

  @Test
  void dockerConfig_auths_base64() throws IOException {
    DockerRegistryServer reg = DockerRegistryServer.get(Variant.HTPASSWD);
    ImageReference ref = pushed(reg);
    String auth = Base64.getEncoder().encodeToString("testuser:testpass".getBytes(StandardCharsets.UTF_8));
    Path dir = dockerConfig("{\"auths\":{\"" + reg.host() + "\":{\"auth\":\"" + auth + "\"}}}");
    assertTrue(new HttpRegistry(RegistryConfig.builder().dockerConfigDir(dir).build()).head(ref).isPresent());
  }

  @Test
  void dockerConfig_auths_userPasswordUnderUrlKey_forTokenRegistry() throws IOException {
    DockerRegistryServer reg = DockerRegistryServer.get(Variant.TOKEN);
    String path = unique("auth/push");
    Path dir = dockerConfig("{\"auths\":{\"http://" + reg.host() + "/v1/\":{\"username\":\"testuser\",\"password\":\"testpass\"}}}");
    HttpRegistry client = new HttpRegistry(RegistryConfig.builder().dockerConfigDir(dir).build());
    TestImages.Image img = TestImages.build("pushed by our client", "amd64");
    client.putBlob(reg.repo(path), img.layer().digest(), img.layer().bytes(), java.util.Optional.empty());
    client.putBlob(reg.repo(path), img.config().digest(), img.config().bytes(), java.util.Optional.empty());
    client.putManifest(reg.ref(path + ":v1"), RawManifest.of(img.manifest(), MediaTypes.OCI_MANIFEST));
    assertEquals(img.manifestDigest(), client.head(reg.ref(path + ":v1")).orElseThrow().digest());
  }

  @Test
  void dockerConfig_credsStore_helperOnPath() throws IOException {
    DockerRegistryServer reg = DockerRegistryServer.get(Variant.HTPASSWD);
    ImageReference ref = pushed(reg);
    Path bin = helper(reg.host());
    Path dir = dockerConfig("{\"auths\":{\"" + reg.host() + "\":{}},\"credsStore\":\"jtest\"}");
    HttpRegistry client = new HttpRegistry(RegistryConfig.builder().dockerConfigDir(dir).environment(env(bin)).build());
    assertTrue(client.head(ref).isPresent());
    assertEquals(reg.host(), Files.readString(bin.resolve("asked")));
  }

  @Test
  void dockerConfig_credHelpers_winOverCredsStore() throws IOException {
    DockerRegistryServer reg = DockerRegistryServer.get(Variant.HTPASSWD);
    ImageReference ref = pushed(reg);
    Path bin = helper(reg.host());
    Path dir = dockerConfig("{\"credsStore\":\"missing\",\"credHelpers\":{\"" + reg.host() + "\":\"jtest\"}}");
    assertTrue(new HttpRegistry(RegistryConfig.builder().dockerConfigDir(dir).environment(env(bin)).build()).head(ref).isPresent());
  }

  @Test
  void dockerConfig_helperWithoutEntry_orMissingHelper_meansAnonymous() throws IOException {
    DockerRegistryServer reg = DockerRegistryServer.get(Variant.HTPASSWD);
    ImageReference ref = pushed(reg);
    Path bin = helper("some-other-registry.example");
    for (String store : new String[] {"jtest", "not-installed"}) {
      Path dir = dockerConfig("{\"credsStore\":\"" + store + "\"}");
      HttpRegistry client = new HttpRegistry(RegistryConfig.builder().dockerConfigDir(dir).environment(env(bin)).build());
      RegistryException e = assertThrows(RegistryException.class, () -> client.head(ref));
      assertTrue(e.getMessage().matches(ONE_LINE_401), e.getMessage());
    }
  }

  @Test
  void explicitCredentials_winOverDockerConfig() throws IOException {
    DockerRegistryServer reg = DockerRegistryServer.get(Variant.HTPASSWD);
    ImageReference ref = pushed(reg);
    String bad = Base64.getEncoder().encodeToString("testuser:wrong".getBytes(StandardCharsets.UTF_8));
    Path dir = dockerConfig("{\"auths\":{\"" + reg.host() + "\":{\"auth\":\"" + bad + "\"}}}");
    RegistryConfig cfg = RegistryConfig.builder().dockerConfigDir(dir).basicAuth("testuser", "testpass").build();
    assertTrue(new HttpRegistry(cfg).head(ref).isPresent());
  }

  private Path dockerConfig(String json) throws IOException {
    Path dir = Files.createTempDirectory(tmp, "docker");
    Files.writeString(dir.resolve("config.json"), json);
    return dir;
  }

  /** A fake {@code docker-credential-jtest} that knows testuser/testpass for {@code server} only and records what it was asked. */
  private Path helper(String server) throws IOException {
    Path bin = Files.createTempDirectory(tmp, "bin");
    Path script = bin.resolve("docker-credential-jtest");
    Files.writeString(script, "#!/bin/sh\n"
        + "[ \"$1\" = get ] || exit 2\n"
        + "server=$(cat)\n"
        + "printf '%s' \"$server\" > \"$(dirname \"$0\")/asked\"\n"
        + "if [ \"$server\" = \"" + server + "\" ]; then\n"
        + "  printf '{\"ServerURL\":\"%s\",\"Username\":\"testuser\",\"Secret\":\"testpass\"}\\n' \"$server\"\n"
        + "  exit 0\n"
        + "fi\n"
        + "echo 'credentials not found in native keychain'\n"
        + "exit 1\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return bin;
  }

  private static Map<String, String> env(Path bin) {
    return Map.of("PATH", bin + ":/usr/bin:/bin");
  }
}
