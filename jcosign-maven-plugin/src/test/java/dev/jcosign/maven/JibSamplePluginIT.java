package dev.jcosign.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcosign.core.oci.Digest;
import dev.jcosign.testing.CliRunner;
import dev.jcosign.testing.SkopeoRunner;
import dev.jcosign.testing.TwoKeys;
import dev.jcosign.testkit.DockerRegistryServer;
import dev.jcosign.testkit.TestImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 end to end: a sample project built by a real Maven with the real jib-maven-plugin pushes its
 * image to the loopback docker-registry; the plugin signs and attests it in the same `mvn package`; the
 * CLI (bin/jcosign, a separate process) and skopeo see the result. Failures fail the build with the CLI's
 * line and push no signature. A second sample calls the Java API from a plain main.
 */
@org.junit.jupiter.api.Tag("e2e")
class JibSamplePluginIT {
  @TempDir static Path home;
  static DockerRegistryServer reg;
  static TwoKeys keys;

  @BeforeAll
  static void setUp() {
    // runs in the integration-test phase (after package); a -Dtest run in the test phase has no plugin jar yet
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(Path.of(System.getProperty("jcosign.pluginJar", "none"))),
        "the plugin jar is built in the package phase");
    reg = DockerRegistryServer.get(DockerRegistryServer.Variant.PLAIN);
    keys = TwoKeys.generate(new CliRunner(home).with("COSIGN_PASSWORD", "pw"), home);
    MavenBuild.installThisBuild();
  }

  static Map<String, String> env(String password) {
    return Map.of("COSIGN_PASSWORD", password, "HOME", home.toString());
  }

  static String[] jcosign(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(MavenBuild.ROOT.resolve("bin/jcosign").toString()));
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile(home, "jcosign", ".out");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    assertTrue(p.waitFor(2, TimeUnit.MINUTES));
    return new String[] {Integer.toString(p.exitValue()), Files.readString(out, StandardCharsets.UTF_8)};
  }

  @Test
  void mvnPackage_buildsPushesSignsAndAttests_andTheCliAndSkopeoSeeIt() throws Exception {
    Path project = MavenBuild.sample("jib-sample", home.resolve("ok"));
    String image = reg.host() + "/sample/app:1.0";
    MavenBuild.Result r = MavenBuild.run(project, env("pw"), "package", "-Dsample.image=" + image, "-Dsample.key=" + keys.key());
    assertEquals(0, r.code(), r.describe());
    String digest = Files.readString(project.resolve("target/jib-image.digest")).strip();
    String ref = reg.host() + "/sample/app@" + digest;
    assertTrue(r.output().contains("jcosign: signed " + ref), r.output());
    assertTrue(r.output().contains("jcosign: attested " + ref + " (cyclonedx)"), r.output());
    assertFalse(r.output().contains("pw\n"), "no secret in the build log");

    String[] v = jcosign("verify", "--key", keys.pub(), "--insecure-ignore-tlog", "-a", "built-by=maven", ref);
    assertEquals("0", v[0], v[1]);
    String[] va = jcosign("verify-attestation", "--key", keys.pub(), "--insecure-ignore-tlog", "--type", "cyclonedx", ref);
    assertEquals("0", va[0], va[1]);

    SkopeoRunner skopeo = SkopeoRunner.forRegistry(home, reg.host());
    SkopeoRunner.Result sig = skopeo.run("inspect", "--raw", "--tls-verify=false",
        "docker://" + reg.host() + "/sample/app:" + Digest.parse(digest).tagStem() + ".sig");
    assertEquals(0, sig.code(), sig.describe());
    assertTrue(sig.out().contains("application/vnd.dev.cosign.simplesigning.v1+json"), sig.out());

    // the verify goal, by user properties only, in a directory without a pom.xml
    Path empty = Files.createDirectories(home.resolve("no-pom"));
    MavenBuild.Result verify = MavenBuild.run(empty, env("unused"), "dev.jcosign:jcosign-maven-plugin:" + MavenBuild.VERSION + ":verify",
        "-Djcosign.image=" + ref, "-Djcosign.key=" + keys.pub(), "-Djcosign.ignoreTlog=true", "-Djcosign.type=cyclonedx");
    assertEquals(0, verify.code(), verify.describe());
    MavenBuild.Result wrongKey = MavenBuild.run(empty, env("unused"), "dev.jcosign:jcosign-maven-plugin:" + MavenBuild.VERSION + ":verify",
        "-Djcosign.image=" + ref, "-Djcosign.key=" + keys.otherPub(), "-Djcosign.ignoreTlog=true");
    assertNotEquals(0, wrongKey.code(), wrongKey.describe());
  }

  @Test
  void mvnPackageJibBuild_signsWhatJibPushesInThisBuild() throws Exception {
    Path project = MavenBuild.sample("jib-sample", home.resolve("cli-jib"));
    String image = reg.host() + "/sample/cli-jib:1.0";
    // a previous build's jib-image.json must not be what gets signed
    Files.createDirectories(project.resolve("target"));
    Files.writeString(project.resolve("target/jib-image.json"),
        "{\"image\":\"" + image + "\",\"imageDigest\":\"sha256:" + "1".repeat(64) + "\"}");
    MavenBuild.Result r = MavenBuild.run(project, env("pw"), "package", "jib:build", "-Djib.onCommandLine=true",
        "-Dsample.image=" + image, "-Dsample.key=" + keys.key());
    assertEquals(0, r.code(), r.describe());
    String digest = Files.readString(project.resolve("target/jib-image.digest")).strip();
    String ref = reg.host() + "/sample/cli-jib@" + digest;
    assertTrue(r.output().contains("jcosign: will sign the image right after jib:build"), r.output());
    assertTrue(r.output().indexOf("jcosign: signed " + ref) > r.output().indexOf("jib-maven-plugin:3.5.2:build"), r.output());
    String[] v = jcosign("verify", "--key", keys.pub(), "--insecure-ignore-tlog", ref);
    assertEquals("0", v[0], v[1]);
    String[] va = jcosign("verify-attestation", "--key", keys.pub(), "--insecure-ignore-tlog", "--type", "cyclonedx", ref);
    assertEquals("0", va[0], va[1]);
  }

  @Test
  void aWrongPassword_failsTheBuildWithTheCliLine_andPushesNoSignature() throws Exception {
    Path project = MavenBuild.sample("jib-sample", home.resolve("wrong-password"));
    // another image than the passing test's, so that its signatures cannot be mistaken for this one's
    Files.writeString(project.resolve("src/main/java/example/App.java"),
        "package example; public final class App { public static void main(String[] a) { System.out.println(\"other\"); } }\n");
    String image = reg.host() + "/sample/wrong-password:1.0";
    MavenBuild.Result r = MavenBuild.run(project, env("not-the-password"), "package", "-Dsample.image=" + image,
        "-Dsample.key=" + keys.key());
    assertNotEquals(0, r.code(), r.describe());
    String cli = new CliRunner(home).with("COSIGN_PASSWORD", "not-the-password")
        .run("sign", "--key", keys.key(), "--tlog-upload=false", "-y", reg.host() + "/sample/nothing@sha256:" + "0".repeat(64)).err();
    String line = cli.lines().filter(l -> l.startsWith("Error: ")).findFirst().orElseThrow().substring("Error: ".length());
    assertTrue(r.output().contains(line), "the CLI's line \"" + line + "\" in:\n" + r.output());
    assertFalse(r.output().contains("not-the-password"), "the password is never logged");
    String digest = Files.readString(project.resolve("target/jib-image.digest")).strip();
    String[] v = jcosign("verify", "--key", keys.pub(), "--insecure-ignore-tlog", reg.host() + "/sample/wrong-password@" + digest);
    assertEquals("10", v[0], "no signature was pushed: " + v[1]);
  }

  @Test
  void withoutAnImage_anUnreachableRegistry_orKmsWithoutCredentials_theBuildFailsWithOneLine() throws Exception {
    Path empty = Files.createDirectories(home.resolve("failures"));
    String goal = "dev.jcosign:jcosign-maven-plugin:" + MavenBuild.VERSION + ":sign";
    MavenBuild.Result noImage = MavenBuild.run(empty, env("pw"), goal, "-Djcosign.key=" + keys.key());
    assertNotEquals(0, noImage.code());
    assertTrue(noImage.output().contains(empty.resolve("target/jib-image.json") + " is missing (run jib:build first, or give -Djcosign.image="),
        noImage.describe());

    Path broken = Files.createDirectories(home.resolve("broken/target"));
    Files.writeString(broken.resolve("jib-image.json"), "{\"image\": \"reg.example/app:1\", \"imageDigest\": \"sha256:short\"}");
    MavenBuild.Result malformed = MavenBuild.run(broken.getParent(), env("pw"), goal, "-Djcosign.key=" + keys.key());
    assertNotEquals(0, malformed.code());
    assertTrue(malformed.output().contains("jib-image.json: "), malformed.describe());
    assertFalse(malformed.output().contains("\tat dev.jcosign") || malformed.output().contains("Caused by"), "no stack trace: " + malformed.output());

    MavenBuild.Result unreachable = MavenBuild.run(empty, env("pw"), goal, "-Djcosign.key=" + keys.key(),
        "-Djcosign.image=127.0.0.1:9/app@sha256:" + "a".repeat(64), "-Djcosign.tlogUpload=false", "-Djcosign.timeoutSeconds=10");
    assertNotEquals(0, unreachable.code());
    assertTrue(unreachable.output().contains("127.0.0.1:9"), unreachable.describe());

    Map<String, String> noAws = Map.of("HOME", home.toString(), "AWS_EC2_METADATA_DISABLED", "true",
        "AWS_CONFIG_FILE", home.resolve("none").toString(), "AWS_SHARED_CREDENTIALS_FILE", home.resolve("none").toString());
    String pushed = TestImages.push(reg, "sample/kms", "v1", "kms without credentials").manifestDigest().toString();
    MavenBuild.Result kms = MavenBuild.run(empty, noAws, goal, "-Djcosign.key=awskms:///alias/release",
        "-Djcosign.image=" + reg.host() + "/sample/kms@" + pushed, "-Djcosign.tlogUpload=false", "-Djcosign.allowHttpRegistry=true",
        "-Djcosign.timeoutSeconds=10");
    assertNotEquals(0, kms.code());
    assertTrue(kms.output().contains("awskms"), kms.describe());
    String[] v = jcosign("verify", "--key", keys.pub(), "--insecure-ignore-tlog", reg.host() + "/sample/kms@" + pushed);
    assertEquals("10", v[0], "nothing pushed: " + v[1]);
  }

  @Test
  void theApiFromAPlainMain() throws Exception {
    Path project = MavenBuild.sample("api-sample", home.resolve("api"));
    String ref = reg.host() + "/sample/api@" + TestImages.push(reg, "sample/api", "v1", "signed from a main").manifestDigest();
    MavenBuild.Result r = MavenBuild.run(project, env("pw"), "-q", "compile", "exec:java", "-Dexec.mainClass=example.SignAndVerify",
        "-Dexec.args=" + ref + " " + keys.key() + " " + keys.pub());
    assertEquals(0, r.code(), r.describe());
    assertTrue(r.output().contains("signed and verified " + ref + " (1 signature)"), r.output());
    String[] v = jcosign("verify", "--key", keys.pub(), "--insecure-ignore-tlog", ref);
    assertEquals("0", v[0], v[1]);
  }
}
