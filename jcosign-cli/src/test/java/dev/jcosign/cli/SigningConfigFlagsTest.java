package dev.jcosign.cli;

import static dev.jcosign.testing.CleanErrors.assertCleanFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcosign.testing.CliRunner;
import dev.jcosign.testing.CliRunner.Result;
import dev.jcosign.testing.KeyVectors;
import dev.jcosign.testkit.TestTufRepository;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --signing-config FILE} and {@code --use-signing-config} (spec §1.3 "SC", §6.7) without a registry
 * or a Rekor: the flag rules, unreadable configs, and which config is read — a file, or the TUF cache of
 * the trusted root's mirror, laid out on disk here or served by a loopback TUF repository. Which config
 * was read shows in the Rekor URL a failed upload names (a closed loopback port) or in a signature made
 * without a log. Everything fails before anything is signed.
 */
class SigningConfigFlagsTest {
  static final String MT = "\"mediaType\":\"application/vnd.dev.sigstore.signingconfig.v0.2+json\"";
  static final String IMAGE = "127.0.0.1:1/app@sha256:" + "ab".repeat(32);

  @TempDir Path dir;
  CliRunner cli;
  String key;
  String pub;
  Path blob;

  @BeforeEach
  void setUp() throws IOException {
    cli = new CliRunner(dir).with("COSIGN_PASSWORD", "pw").with("TUF_ROOT", dir.resolve("tuf").toString());
    Result g = cli.run("generate-key-pair", "--output-key-prefix", dir.resolve("k").toString());
    assertEquals(0, g.code(), g.describe());
    key = dir.resolve("k.key").toString();
    pub = dir.resolve("k.pub").toString();
    blob = Files.writeString(dir.resolve("blob.txt"), "hello\n");
  }

  /** A signing config whose only Rekor log is {@code rekorUrl} (none when null), no TSA. */
  static String config(String rekorUrl) {
    return "{" + MT + (rekorUrl == null ? "" : ",\"rekorTlogUrls\":[{\"url\":\"" + rekorUrl
        + "\",\"majorApiVersion\":1,\"validFor\":{\"start\":\"2021-01-01T00:00:00Z\"},\"operator\":\"test\"}],"
        + "\"rekorTlogConfig\":{\"selector\":\"ANY\"}") + "}";
  }

  private Path write(String name, String json) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    return Files.writeString(p, json);
  }

  /** An http:// URL on which nothing listens. */
  static String deadUrl() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return "http://127.0.0.1:" + s.getLocalPort();
    }
  }

  private Result signBlob(CliRunner c, String... flags) {
    List<String> args = new ArrayList<>(List.of("sign-blob", "--key", key));
    args.addAll(Arrays.asList(flags));
    args.add(blob.toString());
    return c.run(args.toArray(String[]::new));
  }

  private void assertRefusedEverywhere(List<String> flags, String... fragments) {
    for (List<String> cmd : List.of(List.of("sign", "--key", key), List.of("attest", "--key", key, "--type", "custom", "--predicate",
        blob.toString()), List.of("sign-blob", "--key", key))) {
      List<String> args = new ArrayList<>(cmd);
      args.addAll(flags);
      args.add(cmd.get(0).equals("sign-blob") ? blob.toString() : IMAGE);
      assertCleanFailure(cli.run(args.toArray(String[]::new)), 1, List.of(fragments));
    }
  }

  @Test
  void theTwoFlagsAreMutuallyExclusiveOnTheCommandLine() throws IOException {
    Path cfg = write("cfg.json", config(null));
    assertRefusedEverywhere(List.of("--signing-config", cfg.toString(), "--use-signing-config"),
        "--signing-config and --use-signing-config cannot be used together");
    assertRefusedEverywhere(List.of("--use-signing-config=false", "--signing-config", cfg.toString()),
        "--signing-config and --use-signing-config cannot be used together");
    // from the environment the file wins, as cosign v3's --signing-config wins over its default --use-signing-config=true
    Result env = signBlob(cli.with("COSIGN_USE_SIGNING_CONFIG", "true"), "--signing-config", cfg.toString());
    assertEquals(0, env.code(), env.describe());
    Result envFile = signBlob(cli.with("COSIGN_SIGNING_CONFIG", cfg.toString()), "--use-signing-config");
    assertEquals(0, envFile.code(), envFile.describe());
  }

  @Test
  void serviceUrlsOtherThanTheDefaultsConflictWithASigningConfig() throws IOException {
    Path cfg = write("cfg.json", config(null));
    for (List<String> sc : List.of(List.of("--signing-config", cfg.toString()), List.of("--use-signing-config"))) {
      List<String> rekor = new ArrayList<>(sc);
      rekor.addAll(List.of("--rekor-url", "https://rekor.example"));
      assertRefusedEverywhere(rekor, "cannot specify service URLs and use signing config");
      List<String> tsa = new ArrayList<>(sc);
      tsa.addAll(List.of("--timestamp-server-url", "https://tsa.example/api/v1/timestamp"));
      assertRefusedEverywhere(tsa, "cannot specify service URLs and use signing config");
      List<String> noLog = new ArrayList<>(sc);
      noLog.add("--tlog-upload=false");
      assertRefusedEverywhere(noLog, "--tlog-upload=false is not supported with --signing-config or --use-signing-config",
          "a signing config that has no rekorTlogUrls");
    }
    // COSIGN_REKOR_URL counts as much as the flag; the default URL spelled out does not conflict
    assertCleanFailure(signBlob(cli.with("COSIGN_REKOR_URL", "https://rekor.example"), "--signing-config", cfg.toString()), 1,
        List.of("cannot specify service URLs and use signing config"));
    assertCleanFailure(signBlob(cli.with("COSIGN_TLOG_UPLOAD", "false"), "--signing-config", cfg.toString()), 1,
        List.of("--tlog-upload=false is not supported"));
    Result defaults = signBlob(cli, "--signing-config", cfg.toString(), "--rekor-url", "https://rekor.sigstore.dev",
        "--timestamp-server-url", "");
    assertEquals(0, defaults.code(), defaults.describe());
  }

  @Test
  void unreadableConfigsAreOneLineErrorsNamingTheFile() throws IOException {
    Path missing = dir.resolve("nope.json");
    assertRefusedEverywhere(List.of("--signing-config", missing.toString()), "signing config " + missing + ": no such file");
    Path bad = write("bad.json", "{" + MT + ",");
    assertRefusedEverywhere(List.of("--signing-config", bad.toString()), "parsing signing config " + bad + ": ");
    Path root = KeyVectors.copy("trusted-roots/trusted_root_pgi.json", dir);
    assertRefusedEverywhere(List.of("--signing-config", root.toString()), "signing config " + root
        + ": unsupported mediaType \"application/vnd.dev.sigstore.trustedroot+json;version=0.1\", expected "
        + "application/vnd.dev.sigstore.signingconfig.v0.2+json");
    Path noUrl = write("nourl.json", "{" + MT + ",\"tsaUrls\":[{\"majorApiVersion\":1}]}");
    assertRefusedEverywhere(List.of("--signing-config", noUrl.toString()), "signing config " + noUrl + ": tsaUrls[0].url is missing");
    Path v2 = write("v2.json", "{" + MT + ",\"rekorTlogUrls\":[{\"url\":\"https://log2025-1.rekor.sigstore.dev\",\"majorApiVersion\":2,"
        + "\"validFor\":{\"start\":\"2025-09-01T00:00:00Z\"}}],\"rekorTlogConfig\":{\"selector\":\"ANY\"}}");
    assertRefusedEverywhere(List.of("--signing-config", v2.toString()), "signing config " + v2 + ": rekorTlogUrls offers only Rekor v2 logs",
        "Rekor v2 is not supported");
    assertRefusedEverywhere(List.of("--signing-config", dir.toString()), "signing config " + dir + ": is a directory");
  }

  @Test
  void aConfigWithoutServicesSignsWithoutLogOrTimestamp() throws IOException {
    Path cfg = write("cfg.json", config(null));
    Result r = signBlob(cli, "--signing-config", cfg.toString());
    assertEquals(0, r.code(), r.describe());
    assertFalse(r.err().contains("tlog entry"), r.err());
    Path sig = Files.writeString(dir.resolve("blob.sig"), r.out().trim());
    Result v = cli.run("verify-blob", "--key", pub, "--insecure-ignore-tlog", "--signature", sig.toString(), blob.toString());
    assertEquals(0, v.code(), v.describe());
  }

  @Test
  void theConfiguredLogIsUsedAndAFailedUploadWritesNothing() throws IOException {
    String dead = deadUrl();
    Path cfg = write("cfg.json", config(dead));
    Path out = dir.resolve("out.sig");
    Path bundle = dir.resolve("out.bundle");
    assertCleanFailure(signBlob(cli, "--signing-config", cfg.toString(), "--output-signature", out.toString(), "--bundle", bundle.toString()),
        1, List.of("cannot reach transparency log at " + dead));
    assertFalse(Files.exists(out) || Files.exists(bundle), "nothing written");
  }

  /**
   * cosign v2 asks before logging to the public Rekor (spec §1.2); with a signing config cosign v3 asks
   * nothing. Port 1 of the public host: "public" by name, never the real service.
   */
  @Test
  void noPublicLogPromptWithASigningConfig() throws IOException {
    String publicHost = "https://rekor.sigstore.dev:1";
    Result flags = signBlob(cli, "-t", "5s", "--rekor-url", publicHost);
    assertCleanFailure(flags, 1, List.of("user declined the prompt"));
    Path cfg = write("cfg.json", config(publicHost));
    Result sc = signBlob(cli, "-t", "5s", "--signing-config", cfg.toString());
    assertCleanFailure(sc, 1, List.of("transparency log at " + publicHost));
    assertFalse(sc.err().contains("[y/N]"), sc.describe());
  }

  @Test
  void useSigningConfigReadsTheDefaultMirrorsCache() throws IOException {
    String dead = deadUrl();
    write("tuf/tuf-repo-cdn.sigstore.dev/targets/signing_config.v0.2.json", config(dead));
    assertCleanFailure(signBlob(cli, "--use-signing-config"), 1, List.of("cannot reach transparency log at " + dead));
    assertCleanFailure(signBlob(cli.with("COSIGN_USE_SIGNING_CONFIG", "true")), 1, List.of("cannot reach transparency log at " + dead));
    // without the flag, nothing is read from the cache: cosign v2's default
    assertCleanFailure(signBlob(cli, "--rekor-url", dead, "-y"), 1, List.of("cannot reach transparency log at " + dead));
    Result off = signBlob(cli, "--tlog-upload=false");
    assertEquals(0, off.code(), off.describe());
  }

  @Test
  void useSigningConfigFollowsRemoteJson() throws IOException {
    String other = deadUrl();
    String named = deadUrl();
    write("tuf/tuf-repo-cdn.sigstore.dev/targets/signing_config.v0.2.json", config(other));
    write("tuf/remote.json", "{\"mirror\":\"https://tuf.example.com:8443/repo\"}");
    write("tuf/tuf.example.com-8443-repo/targets/signing_config.v0.2.json", config(named));
    assertCleanFailure(signBlob(cli, "--use-signing-config"), 1, List.of("cannot reach transparency log at " + named));
    // the (TUF cache) origin shows in config errors
    write("tuf/tuf.example.com-8443-repo/targets/signing_config.v0.2.json", "{\"mediaType\":\"x\"}");
    assertCleanFailure(signBlob(cli, "--use-signing-config"), 1, List.of("signing config "
        + dir.resolve("tuf/tuf.example.com-8443-repo/targets/signing_config.v0.2.json") + " (TUF cache): unsupported mediaType \"x\""));
  }

  @Test
  void useSigningConfigWithoutACachedConfigNamesInitializeAndTheFileFlag() throws IOException {
    Path expected = dir.resolve("tuf/tuf-repo-cdn.sigstore.dev/targets/signing_config.v0.2.json");
    assertRefusedEverywhere(List.of("--use-signing-config"), "no signing_config.v0.2.json cached for TUF mirror https://tuf-repo-cdn.sigstore.dev ("
        + expected + "): run jcosign initialize, or pass --signing-config FILE");
    // a cache with a trusted root but no signing config (initialize only warns when the mirror has none)
    write("tuf/tuf-repo-cdn.sigstore.dev/targets/trusted_root.json", KeyVectors.text("trusted-roots/trusted_root_pgi.json"));
    assertCleanFailure(signBlob(cli, "--use-signing-config"), 1, List.of("no signing_config.v0.2.json cached", "jcosign initialize"));
    write("tuf/remote.json", "{\"mirror\":\"https://tuf.example.com\"}");
    assertCleanFailure(signBlob(cli, "--use-signing-config"), 1, List.of("no signing_config.v0.2.json cached for TUF mirror "
        + "https://tuf.example.com", "run jcosign initialize --mirror https://tuf.example.com --root FILE, or pass --signing-config FILE"));
    CliRunner noHome = new CliRunner(dir).with("COSIGN_PASSWORD", "pw").with("HOME", "");
    assertCleanFailure(noHome.run("sign-blob", "--key", key, "--use-signing-config", blob.toString()), 1,
        List.of("no TUF cache directory: set TUF_ROOT or HOME"));
  }

  /** TUF_MIRROR: the signing config comes with the trusted root from the loopback TUF repository, without initialize. */
  @Test
  void useSigningConfigWithTufMirrorFetchesItWithoutInitialize() throws IOException {
    String dead = deadUrl();
    try (TestTufRepository repo = new TestTufRepository()
        .target("trusted_root.json", KeyVectors.bytes("trusted-roots/trusted_root_pgi.json"))
        .target("signing_config.v0.2.json", config(dead).getBytes(StandardCharsets.UTF_8))) {
      Path root1 = repo.writeRoot(1, dir.resolve("1.root.json"));
      CliRunner live = cli.with("TUF_MIRROR", repo.url()).with("TUF_ROOT_JSON", root1.toString());
      assertCleanFailure(signBlob(live, "--use-signing-config"), 1, List.of("cannot reach transparency log at " + dead));
      Path cached = dir.resolve("tuf").resolve(repo.url().replace("http://", "").replace(':', '-'))
          .resolve("targets/signing_config.v0.2.json");
      assertTrue(Files.isRegularFile(cached), "fetched into the mirror's cache");
      // and initialize fills the same cache for runs without TUF_MIRROR
      Files.delete(cached);
      Result init = cli.run("initialize", "--mirror", repo.url(), "--root", root1.toString());
      assertEquals(0, init.code(), init.describe());
      assertCleanFailure(signBlob(cli, "--use-signing-config"), 1, List.of("cannot reach transparency log at " + dead));
    }
  }
}
