package dev.jcosign.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcosign.cli.options.RegistryOptions;
import dev.jcosign.core.oci.RawManifest;
import dev.jcosign.core.spi.Registry;
import dev.jcosign.testkit.FaultRegistry;
import dev.jcosign.testkit.TestImages;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@link Wiring#registry} and {@link Wiring#layout}: flags plus environment reach the adapters. */
class WiringRegistryTest {
  @TempDir Path tmp;

  @picocli.CommandLine.Command(name = "t")
  static final class Cmd {
    @picocli.CommandLine.Mixin RegistryOptions registry;
  }

  private static RegistryOptions options(String... args) {
    Cmd c = new Cmd();
    new CommandLine(c).parseArgs(args);
    return c.registry;
  }

  @Test
  void registry_usesDockerConfigFromEnv_andLogsWithVerbose() throws Exception {
    try (FaultRegistry fr = FaultRegistry.start(FaultRegistry.Auth.BASIC)) {
      TestImages.Image img = TestImages.push(fr, "test/app", "v1");
      Path dc = Files.createDirectories(tmp.resolve("dc"));
      String auth = Base64.getEncoder().encodeToString("testuser:testpass".getBytes(StandardCharsets.UTF_8));
      Files.writeString(dc.resolve("config.json"), "{\"auths\":{\"" + fr.host() + "\":{\"auth\":\"" + auth + "\"}}}");
      StringWriter err = new StringWriter();
      Console console = new Console(new PrintWriter(new StringWriter()), new PrintWriter(err), new ByteArrayInputStream(new byte[0]), false);
      Wiring w = new Wiring(new Env(Map.of("DOCKER_CONFIG", dc.toString())), console, true);
      Registry r = w.registry(options());
      RawManifest m = r.getManifest(fr.ref("test/app:v1")).orElseThrow();
      assertArrayEquals(img.manifest(), m.bytes());
      assertTrue(err.toString().contains("--> GET http://" + fr.host() + "/v2/test/app/manifests/v1 (authenticated)"), err.toString());
      assertTrue(fr.requests("GET", "/manifests/").get(0).authorization().startsWith("Basic "));
    }
  }

  @Test
  void layout_isADirectoryRegistry() {
    Wiring w = new Wiring(new Env(Map.of()), null, false);
    Registry r = w.layout(tmp.resolve("oci"));
    TestImages.Image img = TestImages.build("w", "amd64");
    r.putManifest(dev.jcosign.core.oci.ImageReference.parse("x.io/y:z"), RawManifest.of(img.manifest(), img.mediaType()));
    assertEquals(java.util.List.of("z"), r.listTags(dev.jcosign.core.oci.Repository.parse("any.io/thing")));
    assertTrue(Files.exists(tmp.resolve("oci/index.json")));
  }
}
