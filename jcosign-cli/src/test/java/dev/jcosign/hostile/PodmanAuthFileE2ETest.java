package dev.jcosign.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcosign.testing.CliRunner;
import dev.jcosign.testing.CliRunner.Result;
import dev.jcosign.testing.TwoKeys;
import dev.jcosign.testkit.DockerRegistryServer;
import dev.jcosign.testkit.DockerRegistryServer.Variant;
import dev.jcosign.testkit.TestImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Registry credentials as podman and skopeo users have them (issue 11): without a docker config,
 * {@code $REGISTRY_AUTH_FILE}, then {@code $XDG_RUNTIME_DIR/containers/auth.json}, then
 * {@code ~/.config/containers/auth.json}; a docker config, when there is one, comes first (as in
 * go-containerregistry's default keychain). Against the real registry with htpasswd.
 */
@Tag("e2e")
class PodmanAuthFileE2ETest {
  @TempDir static Path keysHome;
  static TwoKeys keys;
  static DockerRegistryServer reg;
  static String ref;
  static String good;

  @BeforeAll
  static void setUp() {
    CliRunner k = new CliRunner(keysHome).with("COSIGN_PASSWORD", "pw");
    keys = TwoKeys.generate(k, keysHome);
    reg = DockerRegistryServer.get(Variant.HTPASSWD);
    ref = reg.host() + "/podman/app@" + TestImages.push(reg, "podman/app", "v1", "podman auth " + System.nanoTime()).manifestDigest();
    good = authJson(DockerRegistryServer.USERNAME, DockerRegistryServer.PASSWORD);
  }

  static String authJson(String user, String pass) {
    String auth = Base64.getEncoder().encodeToString((user + ":" + pass).getBytes(StandardCharsets.UTF_8));
    return "{\"auths\":{\"" + reg.host() + "\":{\"auth\":\"" + auth + "\"}}}";
  }

  static Path write(Path f, String content) throws IOException {
    Files.createDirectories(f.getParent());
    return Files.writeString(f, content);
  }

  static Result sign(CliRunner c) {
    return c.with("COSIGN_PASSWORD", "pw").run("sign", "--key", keys.key(), "-y", "--tlog-upload=false", ref);
  }

  @Test
  void registryAuthFile(@TempDir Path home) throws IOException {
    Path f = write(home.resolve("elsewhere/auth.json"), good);
    Result r = sign(new CliRunner(home).with("REGISTRY_AUTH_FILE", f.toString()));
    assertEquals(0, r.code(), r.describe());
    assertEquals(0, new CliRunner(home).with("REGISTRY_AUTH_FILE", f.toString())
        .run("verify", "--key", keys.pub(), "--insecure-ignore-tlog", ref).code());
  }

  @Test
  void xdgRuntimeDir_thenConfigHome(@TempDir Path home) throws IOException {
    write(home.resolve("run/containers/auth.json"), good);
    assertEquals(0, sign(new CliRunner(home).with("XDG_RUNTIME_DIR", home.resolve("run").toString())).code());
    write(home.resolve(".config/containers/auth.json"), good);
    Result r = sign(new CliRunner(home));
    assertEquals(0, r.code(), r.describe());
  }

  @Test
  void aDockerConfigComesFirst(@TempDir Path home) throws IOException {
    write(home.resolve(".docker/config.json"), authJson("testuser", "wrong"));
    Path f = write(home.resolve("auth.json"), good);
    Result r = sign(new CliRunner(home).with("REGISTRY_AUTH_FILE", f.toString()));
    assertNotEquals(0, r.code(), r.describe());
    assertTrue(r.err().contains("401") || r.err().toLowerCase().contains("unauthorized"), r.describe());
  }
}
