package dev.jcosign.adapters.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.error.RegistryException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lookup rules of {@link DockerConfigKeychain}: auths forms, helpers, Docker Hub aliases. */
class DockerConfigKeychainTest {
  @TempDir Path dir;

  private DockerConfigKeychain keychain(String json, Map<String, String> env) throws IOException {
    Files.writeString(dir.resolve("config.json"), json);
    return new DockerConfigKeychain(dir, env, Duration.ofSeconds(10));
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void noConfig_isAnonymous() {
    assertTrue(new DockerConfigKeychain(dir, Map.of(), Duration.ofSeconds(1)).resolve("ghcr.io").isAnonymous());
    assertTrue(new DockerConfigKeychain(null, Map.of(), Duration.ofSeconds(1)).resolve("ghcr.io").isAnonymous());
  }

  @Test
  void auths_base64_fieldForms_andUrlKeys() throws IOException {
    DockerConfigKeychain k = keychain("{\"auths\":{"
        + "\"ghcr.io\":{\"auth\":\"" + b64("alice:pa:ss") + "\"},"
        + "\"https://quay.io/v2/\":{\"username\":\"bob\",\"password\":\"pw\"},"
        + "\"reg.example:5000\":{\"identitytoken\":\"refresh-me\"},"
        + "\"tok.example\":{\"registrytoken\":\"bearer-me\"},"
        + "\"empty.example\":{}}}", Map.of());
    assertEquals(Credential.basic("alice", "pa:ss"), k.resolve("ghcr.io"));
    assertEquals(Credential.basic("bob", "pw"), k.resolve("quay.io"));
    assertEquals("refresh-me", k.resolve("reg.example:5000").identityToken());
    assertEquals(Credential.registryToken("bearer-me"), k.resolve("tok.example"));
    assertTrue(k.resolve("empty.example").isAnonymous());
    assertTrue(k.resolve("other.example").isAnonymous());
  }

  @Test
  void dockerHub_isFoundUnderItsLegacyKey() throws IOException {
    DockerConfigKeychain k = keychain("{\"auths\":{\"https://index.docker.io/v1/\":{\"auth\":\"" + b64("hub:pw") + "\"}}}", Map.of());
    assertEquals(Credential.basic("hub", "pw"), k.resolve("index.docker.io"));
    DockerConfigKeychain k2 = keychain("{\"auths\":{\"docker.io\":{\"auth\":\"" + b64("hub2:pw") + "\"}}}", Map.of());
    assertEquals(Credential.basic("hub2", "pw"), k2.resolve("index.docker.io"));
  }

  @Test
  void helpers_getTheServerOnStdin_tokenUserMeansIdentityToken() throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    script(bin, "docker-credential-hub", "server=$(cat)\nprintf '%s' \"$server\" > \"" + dir.resolve("asked") + "\"\n"
        + "echo '{\"ServerURL\":\"x\",\"Username\":\"<token>\",\"Secret\":\"idtok\"}'\n");
    script(bin, "docker-credential-broken", "echo 'the keychain is locked' >&2\necho 'error: keychain locked'\nexit 3\n");
    DockerConfigKeychain k = keychain("{\"credHelpers\":{\"docker.io\":\"hub\",\"broken.example\":\"broken\"}}",
        Map.of("PATH", bin + ":/usr/bin:/bin"));
    Credential c = k.resolve("index.docker.io");
    assertEquals("idtok", c.identityToken());
    assertEquals(DockerConfigKeychain.HUB_AUTH_KEY, Files.readString(dir.resolve("asked")));
    RegistryException e = assertThrows(RegistryException.class, () -> k.resolve("broken.example"));
    assertEquals("credential helper docker-credential-broken failed for broken.example: error: keychain locked", e.getMessage());
    assertTrue(k.resolve("ghcr.io").isAnonymous()); // no helper for it, no credsStore, no auths
  }

  @Test
  void malformedConfig_namesTheFile() throws IOException {
    DockerConfigKeychain k = keychain("{not json", Map.of());
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> k.resolve("ghcr.io"));
    assertTrue(e.getMessage().startsWith("parsing docker config " + dir.resolve("config.json")), e.getMessage());
    DockerConfigKeychain bad = keychain("{\"auths\":{\"ghcr.io\":{\"auth\":\"bm9jb2xvbg==\"}}}", Map.of());
    assertThrows(InvalidInputException.class, () -> bad.resolve("ghcr.io"));
  }

  @Test
  void hostOf_dropsSchemeAndPath() {
    assertEquals("index.docker.io", DockerConfigKeychain.hostOf("https://index.docker.io/v1/"));
    assertEquals("reg:5000", DockerConfigKeychain.hostOf("http://reg:5000"));
    assertEquals("reg:5000", DockerConfigKeychain.hostOf("reg:5000"));
  }

  private static void script(Path bin, String name, String body) throws IOException {
    Path p = bin.resolve(name);
    Files.writeString(p, "#!/bin/sh\n" + body);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
