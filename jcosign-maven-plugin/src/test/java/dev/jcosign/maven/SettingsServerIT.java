package dev.jcosign.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcosign.testing.CliRunner;
import dev.jcosign.testing.TwoKeys;
import dev.jcosign.testkit.DockerRegistryServer;
import dev.jcosign.testkit.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Registry credentials from a Maven settings.xml server whose id is the registry host (issue 13), against
 * the real docker-registry with htpasswd: the sign goal authenticates with them and never logs them; without
 * them the registry refuses and the build fails with the CLI's line.
 */
@Tag("e2e")
class SettingsServerIT {
  @TempDir Path home;

  @Test
  void aSettingsServerNamedAfterTheRegistry_givesTheCredentials() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(Path.of(System.getProperty("jcosign.pluginJar", "none"))),
        "the plugin jar is built in the package phase");
    DockerRegistryServer reg = DockerRegistryServer.get(DockerRegistryServer.Variant.HTPASSWD);
    CliRunner cli = new CliRunner(home).with("COSIGN_PASSWORD", "pw");
    TwoKeys keys = TwoKeys.generate(cli, home);
    MavenBuild.installThisBuild();
    String ref = reg.host() + "/sample/private@" + TestImages.push(reg, "sample/private", "v1", "behind htpasswd").manifestDigest();
    Path settings = Files.writeString(home.resolve("settings.xml"), "<settings><servers><server><id>" + reg.host() + "</id>"
        + "<username>" + DockerRegistryServer.USERNAME + "</username><password>" + DockerRegistryServer.PASSWORD + "</password>"
        + "</server></servers></settings>");
    Path dir = Files.createDirectories(home.resolve("build"));
    String goal = "dev.jcosign:jcosign-maven-plugin:" + MavenBuild.VERSION + ":sign";
    Map<String, String> env = Map.of("COSIGN_PASSWORD", "pw", "HOME", home.toString());

    MavenBuild.Result without = MavenBuild.run(dir, env, goal, "-Djcosign.image=" + ref, "-Djcosign.key=" + keys.key(),
        "-Djcosign.tlogUpload=false", "-Djcosign.allowHttpRegistry=true");
    assertNotEquals(0, without.code(), without.describe());
    assertTrue(without.output().contains("401") || without.output().toLowerCase().contains("unauthorized"), without.describe());

    MavenBuild.Result with = MavenBuild.run(dir, env, "-s", settings.toString(), goal, "-Djcosign.image=" + ref,
        "-Djcosign.key=" + keys.key(), "-Djcosign.tlogUpload=false", "-Djcosign.allowHttpRegistry=true");
    assertEquals(0, with.code(), with.describe());
    assertTrue(with.output().contains("registry credentials of settings.xml server " + reg.host()), with.output());
    assertFalse(with.output().contains(DockerRegistryServer.PASSWORD), "the registry password is never logged");

    List<String> verify = new ArrayList<>(List.of("verify", "--key", keys.pub(), "--insecure-ignore-tlog"));
    verify.addAll(List.of(reg.cliFlags()));
    verify.add(ref);
    CliRunner.Result v = cli.run(verify.toArray(String[]::new));
    assertEquals(0, v.code(), v.describe());
  }
}
