package dev.jcosign.referrers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcosign.core.json.Json;
import dev.jcosign.core.oci.Digest;
import dev.jcosign.testing.CliRunner;
import dev.jcosign.testing.CliRunner.Result;
import dev.jcosign.testing.RegistryPeek;
import dev.jcosign.testing.TwoKeys;
import dev.jcosign.testkit.DockerRegistryServer;
import dev.jcosign.testkit.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An independent referrer writer (keyless spec §3.1): npm {@code @sigstore/cli} 0.10.3's {@code sigstore
 * attach} ({@code @sigstore/oci}) attaches a jcosign-made bundle to an image on the real registry with
 * htpasswd auth (it needs an auth challenge); {@code jcosign verify} finds it through the fallback index,
 * although sigstore-js writes no {@code dev.sigstore.bundle.*} annotations.
 */
@Tag("e2e")
class SigstoreAttachInteropE2ETest {
  static final Path NPM_DIR = Path.of("target", "npm-sigstore-cli").toAbsolutePath();
  @TempDir static Path home;
  static CliRunner cli;
  static TwoKeys keys;

  @BeforeAll
  static void setUp() throws Exception {
    cli = new CliRunner(home).with("COSIGN_PASSWORD", "pw");
    keys = TwoKeys.generate(cli, home);
    if (!Files.isRegularFile(NPM_DIR.resolve("node_modules/.bin/sigstore"))) {
      Files.createDirectories(NPM_DIR);
      assertEquals(0, run(NPM_DIR, "npm", "install", "--no-audit", "--no-fund", "--loglevel=error", "@sigstore/cli@0.10.3"),
          "npm install @sigstore/cli@0.10.3 failed");
    }
  }

  static int run(Path dir, String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(home.resolve("npm.log").toFile()).start();
    if (!p.waitFor(240, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return -1;
    }
    return p.exitValue();
  }

  @Test
  void aBundleAttachedBySigstoreJs_isFoundAndVerified() throws Exception {
    DockerRegistryServer plain = DockerRegistryServer.get(DockerRegistryServer.Variant.PLAIN);
    DockerRegistryServer auth = DockerRegistryServer.get(DockerRegistryServer.Variant.HTPASSWD);
    // the same image in both registries: the bundle is made on the open one, attached on the one with auth
    Digest d = TestImages.push(plain, "attach/app", "v1", "attached by sigstore-js").manifestDigest();
    assertEquals(d, TestImages.push(auth, "attach/app", "v1", "attached by sigstore-js").manifestDigest());
    Path bundle = home.resolve("app.sigstore.json");
    Result s = cli.run("sign", "--key", keys.key(), "--tlog-upload=false", "--new-bundle-format", "--upload=false",
        "--bundle", bundle.toString(), plain.host() + "/attach/app@" + d);
    assertEquals(0, s.code(), s.describe());
    Process p = new ProcessBuilder(NPM_DIR.resolve("node_modules/.bin/sigstore").toString(), "attach", "--attestation",
        bundle.toString(), "-u", DockerRegistryServer.USERNAME, "-p", DockerRegistryServer.PASSWORD,
        auth.host() + "/attach/app:v1").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, "sigstore attach failed: " + out);
    assertTrue(out.contains("Artifact attached to image"), out);
    List<String> args = new ArrayList<>(List.of("verify", "--key", keys.pub(), "--insecure-ignore-tlog"));
    args.addAll(List.of(auth.cliFlags()));
    args.add(auth.host() + "/attach/app:v1");
    Result v = cli.run(args.toArray(String[]::new));
    assertEquals(0, v.code(), v.describe());
    assertTrue(v.out().contains("\"type\":\"https://sigstore.dev/cosign/sign/v1\""), v.describe());
    List<String> wrong = new ArrayList<>(args);
    wrong.set(2, keys.otherPub());
    Result w = cli.run(wrong.toArray(String[]::new));
    assertEquals(1, w.code(), w.describe());
    assertTrue(w.err().contains("no bundle attached to the image verifies"), w.describe());
  }
}
