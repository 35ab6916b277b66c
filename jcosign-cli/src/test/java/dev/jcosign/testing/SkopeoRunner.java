package dev.jcosign.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs Debian's {@code skopeo} (1.9.3) as an independent reader and writer of cosign's
 * {@code sha256-<hex>.sig} attachments (test-peers §3). Debian patched out sigstore signing and
 * verification, so skopeo is only used to move images and signatures; the crypto is checked with
 * openssl.
 *
 * <p>Each runner owns a config directory holding an accept-anything policy and a
 * {@code registries.d} that turns on {@code use-sigstore-attachments} for one registry host, and
 * runs skopeo with a private {@code HOME} so a developer's auth files and container configs cannot
 * leak in. A missing binary fails the test (scripts/test installs it), it never skips.
 *
 * <pre>{@code
 * SkopeoRunner skopeo = SkopeoRunner.forRegistry(tmp, "127.0.0.1:5000");
 * skopeo.ok("copy", "-q", "--src-tls-verify=false", "docker://127.0.0.1:5000/a@sha256:...", "dir:" + out);
 * }</pre>
 */
public final class SkopeoRunner {
  public static final Path BINARY = Path.of("/usr/bin/skopeo");
  private static final long TIMEOUT_SECONDS = 120;

  private final Path configDir;

  private SkopeoRunner(Path configDir) {
    this.configDir = configDir;
  }

  /** Result of one run. */
  public record Result(int code, String out, String err) {
    public String describe() {
      return "exit " + code + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
    }
  }

  /** Writes the policy and registries.d for {@code host} (e.g. {@code 127.0.0.1:5000}) under {@code dir}. */
  public static SkopeoRunner forRegistry(Path dir, String host) {
    requireBinary();
    try {
      Path config = Files.createDirectories(dir.resolve("skopeo-config"));
      Files.writeString(config.resolve("policy.json"), "{\"default\":[{\"type\":\"insecureAcceptAnything\"}]}\n");
      Path registriesD = Files.createDirectories(config.resolve("registries.d"));
      // containers-registries.d(5): read and write cosign-style attachments for this registry
      Files.writeString(registriesD.resolve("jcosign-test.yaml"),
          "docker:\n  " + host + ":\n    use-sigstore-attachments: true\n");
      Files.createDirectories(config.resolve("home"));
      return new SkopeoRunner(config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Fails the test with a clear message when skopeo is not installed. */
  public static void requireBinary() {
    if (!Files.isExecutable(BINARY)) {
      throw new AssertionError(BINARY + " not found: the interop tests need Debian's skopeo package; "
          + "run scripts/test (it installs docker-registry, skopeo, openssl) or apt-get install skopeo");
    }
  }

  /** Runs {@code skopeo --policy P --registries.d D <args>}. */
  public Result run(String... args) {
    List<String> cmd = new ArrayList<>(List.of(BINARY.toString(),
        "--policy", configDir.resolve("policy.json").toString(),
        "--registries.d", configDir.resolve("registries.d").toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("CONTAINERS_") || k.startsWith("XDG_") || k.equals("REGISTRY_AUTH_FILE")
        || k.equals("DOCKER_CONFIG"));
    env.put("HOME", configDir.resolve("home").toString());
    try {
      Path stdout = Files.createTempFile(configDir, "out", ".txt");
      Path stderr = Files.createTempFile(configDir, "err", ".txt");
      Process p = pb.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
      p.getOutputStream().close();
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("skopeo timed out after " + TIMEOUT_SECONDS + "s: " + cmd);
      }
      Result r = new Result(p.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8), Files.readString(stderr, StandardCharsets.UTF_8));
      Files.delete(stdout);
      Files.delete(stderr);
      return r;
    } catch (IOException e) {
      throw new AssertionError("could not run " + BINARY + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** Runs and fails the test unless skopeo exits 0. */
  public Result ok(String... args) {
    Result r = run(args);
    if (r.code() != 0) {
      throw new AssertionError("skopeo " + String.join(" ", args) + " failed:\n" + r.describe());
    }
    return r;
  }
}
