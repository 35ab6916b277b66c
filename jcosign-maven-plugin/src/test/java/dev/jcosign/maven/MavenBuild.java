package dev.jcosign.maven;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a real {@code mvn} on a sample project, with this build's jcosign artifacts put into the local
 * repository first (as {@code mvn install} would: the reactor's {@code verify} does not install).
 */
final class MavenBuild {
  static final String VERSION = System.getProperty("jcosign.version");
  static final Path ROOT = Path.of(System.getProperty("jcosign.root", "..")).toAbsolutePath().normalize();
  static final Path REPO = Path.of(System.getProperty("jcosign.localRepo", System.getProperty("user.home") + "/.m2/repository"));

  record Result(int code, String output) {
    String describe() {
      return "mvn exit " + code + "\n" + output;
    }
  }

  private MavenBuild() {}

  /** The parent pom, jcosign-core and this plugin, as the local repository's dev/jcosign/... files. */
  static synchronized void installThisBuild() {
    install("jcosign-parent", ROOT.resolve("pom.xml"), null);
    install("jcosign-core", ROOT.resolve("jcosign-core/pom.xml"), Path.of(System.getProperty("jcosign.coreJar")));
    install("jcosign-maven-plugin", ROOT.resolve("jcosign-maven-plugin/pom.xml"), Path.of(System.getProperty("jcosign.pluginJar")));
  }

  private static void install(String artifactId, Path pom, Path jar) {
    try {
      Path dir = Files.createDirectories(REPO.resolve("dev/jcosign").resolve(artifactId).resolve(VERSION));
      Files.copy(pom, dir.resolve(artifactId + "-" + VERSION + ".pom"), StandardCopyOption.REPLACE_EXISTING);
      if (jar != null) {
        Files.copy(jar, dir.resolve(artifactId + "-" + VERSION + ".jar"), StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A copy of src/it/NAME in {@code dir}. */
  static Path sample(String name, Path dir) {
    Path from = ROOT.resolve("jcosign-maven-plugin/src/it").resolve(name);
    Path to = dir.resolve(name);
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return to;
  }

  /** {@code mvn -B -ntp ARGS} in {@code dir} with {@code env} added; output (stdout and stderr) kept. */
  static Result run(Path dir, Map<String, String> env, String... args) {
    List<String> cmd = new ArrayList<>(List.of("mvn", "-B", "-ntp", "-Dmaven.repo.local=" + REPO, "-Djcosign.version=" + VERSION));
    cmd.addAll(List.of(args));
    try {
      Path log = Files.createTempFile(dir, "mvn", ".log");
      ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
      pb.environment().remove("COSIGN_PASSWORD");
      pb.environment().remove("MAVEN_OPTS"); // the outer build's options (e.g. Java 25 flags) are not the sample's
      pb.environment().putAll(env);
      Process p = pb.start();
      if (!p.waitFor(10, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new AssertionError("mvn did not finish in 10 minutes: " + cmd);
      }
      return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
