package dev.jcosign.cli.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcosign.adapters.registry.RegistryConfig;
import dev.jcosign.cli.Env;
import dev.jcosign.core.error.InvalidInputException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The REG flags (spec §1.3) and how they and the environment become a {@link RegistryConfig}. */
class RegistryOptionsTest {

  @Command(name = "t")
  static final class Cmd {
    @Mixin RegistryOptions registry;
  }

  private static RegistryOptions parse(String... args) {
    Cmd c = new Cmd();
    new CommandLine(c).parseArgs(args);
    return c.registry;
  }

  @Test
  void allFlags_translate() {
    RegistryConfig c = parse("--allow-insecure-registry", "--allow-http-registry", "--registry-username", "u",
        "--registry-password", "p", "--registry-cacert", "/ca.pem", "--registry-client-cert", "/c.pem",
        "--registry-client-key", "/k.pem", "--registry-server-name", "reg.internal")
        .toConfig(new Env(Map.of("HOME", "/home/me", "PATH", "/bin")));
    assertTrue(c.allowInsecure());
    assertTrue(c.allowHttp());
    assertEquals("u", c.username());
    assertEquals("p", c.password());
    assertEquals(Path.of("/ca.pem"), c.caCertFile());
    assertEquals(Path.of("/c.pem"), c.clientCertFile());
    assertEquals(Path.of("/k.pem"), c.clientKeyFile());
    assertEquals("reg.internal", c.serverName());
    assertEquals(Path.of("/home/me/.docker"), c.dockerConfigDir());
    assertEquals("/bin", c.environment().get("PATH"));
    assertEquals(RegistryConfig.DEFAULT_MAX_BLOB_BYTES, c.maxBlobBytes());
  }

  @Test
  void defaults_andBooleanValues() {
    RegistryConfig c = parse().toConfig(new Env(Map.of()));
    assertFalse(c.allowInsecure());
    assertFalse(c.allowHttp());
    assertNull(c.username());
    assertNull(c.bearerToken());
    assertNull(c.dockerConfigDir());
    assertFalse(parse("--allow-insecure-registry=false").toConfig(new Env(Map.of())).allowInsecure());
    assertEquals("tok", parse("--registry-token", "tok").toConfig(new Env(Map.of())).bearerToken());
    assertEquals("", parse("--registry-username", "only").toConfig(new Env(Map.of())).password());
  }

  @Test
  void dockerConfigEnv_winsOverHome_andAttachmentSize() {
    RegistryConfig c = parse().toConfig(new Env(Map.of("HOME", "/home/me", "DOCKER_CONFIG", "/etc/dc",
        "COSIGN_MAX_ATTACHMENT_SIZE", "45MiB")));
    assertEquals(Path.of("/etc/dc"), c.dockerConfigDir());
    assertEquals(45L * 1024 * 1024, c.maxBlobBytes());
    assertEquals(20_000L, RegistryOptions.maxAttachmentSize(new Env(Map.of("COSIGN_MAX_ATTACHMENT_SIZE", "20K"))));
  }

  @Test
  void badAttachmentSize_k8sKeychain_andHalfAClientCert_areClearErrors() {
    InvalidInputException size = assertThrows(InvalidInputException.class,
        () -> parse().toConfig(new Env(Map.of("COSIGN_MAX_ATTACHMENT_SIZE", "lots"))));
    assertEquals("COSIGN_MAX_ATTACHMENT_SIZE: invalid size \"lots\": expected a number with an optional unit such as 20K, 3M, 45MiB or 1GB",
        size.getMessage());
    assertEquals("COSIGN_MAX_ATTACHMENT_SIZE: invalid size \"0\": must be positive",
        assertThrows(InvalidInputException.class, () -> RegistryOptions.maxAttachmentSize(new Env(Map.of("COSIGN_MAX_ATTACHMENT_SIZE", "0"))))
            .getMessage());
    InvalidInputException k8s = assertThrows(InvalidInputException.class, () -> parse("--k8s-keychain").toConfig(new Env(Map.of())));
    assertTrue(k8s.getMessage().startsWith("--k8s-keychain is not supported by jcosign"), k8s.getMessage());
    parse("--k8s-keychain=false").toConfig(new Env(Map.of()));
    assertEquals("--registry-client-cert and --registry-client-key must be given together",
        assertThrows(InvalidInputException.class, () -> parse("--registry-client-cert", "/c.pem").toConfig(new Env(Map.of()))).getMessage());
  }
}
