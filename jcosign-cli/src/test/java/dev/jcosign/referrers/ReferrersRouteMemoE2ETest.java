package dev.jcosign.referrers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jcosign.testing.CliRunner;
import dev.jcosign.testing.CliRunner.Result;
import dev.jcosign.testing.TwoKeys;
import dev.jcosign.testkit.DockerRegistryServer;
import dev.jcosign.testkit.TestImages;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registry without the referrers route (the real distribution 2.8 answers a plain 404) is asked once
 * per command, not once per image (issue 12, many-image verify); the images still verify through their
 * legacy signatures, and a repository-level 404 (a JSON error document) is not remembered.
 */
@Tag("e2e")
class ReferrersRouteMemoE2ETest {
  @TempDir Path home;

  @Test
  void manyImagesOnOneRegistry_askTheReferrersRouteOnce() {
    DockerRegistryServer reg = DockerRegistryServer.get(DockerRegistryServer.Variant.PLAIN);
    CliRunner cli = new CliRunner(home).with("COSIGN_PASSWORD", "pw");
    TwoKeys keys = TwoKeys.generate(cli, home);
    List<String> refs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      refs.add(reg.host() + "/memo/app@" + TestImages.push(reg, "memo/app", "v" + i, "memo image " + i).manifestDigest());
    }
    List<String> sign = new ArrayList<>(List.of("sign", "--key", keys.key(), "--tlog-upload=false", "-y"));
    sign.addAll(refs);
    Result s = cli.run(sign.toArray(String[]::new));
    assertEquals(0, s.code(), s.describe());

    List<String> verify = new ArrayList<>(List.of("verify", "-d", "--max-workers", "1", "--key", keys.pub(), "--insecure-ignore-tlog"));
    verify.addAll(refs);
    Result v = cli.run(verify.toArray(String[]::new));
    assertEquals(0, v.code(), v.describe());
    assertEquals(4, v.out().lines().filter(l -> l.contains("\"critical\"")).count(), v.out());
    long asked = v.err().lines().filter(l -> l.startsWith("--> GET") && l.contains("/referrers/")).count();
    assertEquals(1, asked, v.err());
  }
}
