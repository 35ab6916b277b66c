package dev.jcosign.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcosign.core.json.Json;
import dev.jcosign.core.oci.Digest;
import dev.jcosign.testing.CliRunner.Result;
import dev.jcosign.testkit.DockerRegistryServer;
import dev.jcosign.testkit.TestImages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Shared set-up for the attestation end-to-end tests: a real registry, two key pairs, helpers. */
public final class AttestFixture {
  public final Path home;
  public final CliRunner cli;
  public final DockerRegistryServer reg;
  public final String key;
  public final String pub;
  public final String otherPub;

  public AttestFixture(Path home) {
    this.home = home;
    reg = DockerRegistryServer.get(DockerRegistryServer.Variant.PLAIN);
    cli = new CliRunner(home).with("COSIGN_PASSWORD", "pw");
    TwoKeys keys = TwoKeys.generate(cli, home);
    key = keys.key();
    pub = keys.pub();
    otherPub = keys.otherPub();
  }

  /** Pushes a small image and returns {@code host/repo@sha256:...}. */
  public String push(String repo, String content) {
    TestImages.Image img = TestImages.push(reg, repo, "v1", content);
    return reg.host() + "/" + repo + "@" + img.manifestDigest();
  }

  /** An image signed keyless on the loopback Fulcio/Rekor, and the trusted root that verifies it. */
  public record KeylessImage(String image, Path trustedRoot) {}

  /**
   * Pushes a small image to {@code repo} and signs it keyless as {@code subject} on the loopback Sigstore
   * ({@link dev.jcosign.testkit.SigstoreMockServer}); the mock's trusted root is written to {@code rootFile}.
   */
  public KeylessImage pushSignedKeyless(String repo, String content, String subject, String rootFile) {
    dev.jcosign.testkit.SigstoreMockServer mock = dev.jcosign.testkit.SigstoreMockServer.get();
    Path root;
    try {
      root = Files.write(home.resolve(rootFile), mock.trustedRootJson());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String image = push(repo, content);
    Result s = cli.with("SIGSTORE_ID_TOKEN", mock.token("sub=" + subject)).run("sign", "-y", "--fulcio-url", mock.url(),
        "--rekor-url", mock.url(), "--trusted-root", root.toString(), image);
    assertEquals(0, s.code(), s.describe());
    return new KeylessImage(image, root);
  }

  public Path file(String name, String content) {
    try {
      return Files.writeString(home.resolve(name), content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Result attest(String ref, String type, Path predicate, String... more) {
    List<String> args = new ArrayList<>(List.of("attest", "--key", key, "--tlog-upload=false", "--type", type,
        "--predicate", predicate.toString()));
    args.addAll(List.of(more));
    args.add(ref);
    return cli.run(args.toArray(String[]::new));
  }

  public Result verify(String keyFile, String type, String... refsAndFlags) {
    List<String> args = new ArrayList<>(List.of("verify-attestation", "--key", keyFile, "--insecure-ignore-tlog", "--type", type));
    args.addAll(List.of(refsAndFlags));
    return cli.run(args.toArray(String[]::new));
  }

  public static String repoOf(DockerRegistryServer reg, String ref) {
    return ref.substring(reg.host().length() + 1, ref.indexOf('@'));
  }

  public static Digest digestOf(String ref) {
    return Digest.parse(ref.substring(ref.indexOf('@') + 1));
  }

  public static String attTag(String ref) {
    return digestOf(ref).tagStem() + ".att";
  }

  /** The {@code .att} manifest as JSON. */
  public JsonNode attManifest(String ref) {
    return Json.parse(RegistryPeek.manifest(reg, repoOf(reg, ref), attTag(ref)).orElseThrow(), "att manifest");
  }

  /** The blob of layer {@code i} of the {@code .att} image. */
  public byte[] attLayer(String ref, int i) {
    String digest = attManifest(ref).get("layers").get(i).get("digest").asText();
    return RegistryPeek.blob(reg, repoOf(reg, ref), digest).orElseThrow();
  }

  /** Runs {@code python3 -c script args...} and returns stdout; fails clearly when python3 is missing. */
  public static String python(Path dir, String script, String... args) {
    List<String> cmd = new ArrayList<>(List.of("python3", "-c", script));
    cmd.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new AssertionError("python3 failed: " + out);
      }
      return out;
    } catch (IOException e) {
      throw new AssertionError("this test needs python3 on PATH (apt-get install python3): " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
