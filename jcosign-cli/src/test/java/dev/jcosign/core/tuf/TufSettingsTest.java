package dev.jcosign.core.tuf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.spi.Progress;
import dev.jcosign.core.spi.TufRepository;
import dev.jcosign.core.tlog.TrustMaterial;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * cosign's choice of TUF mirror and initial root from {@code TUF_ROOT}, {@code TUF_MIRROR} and
 * {@code TUF_ROOT_JSON} (spec §1.3, §4.1), and when the cache counts as fresh, without any network:
 * where a refresh would be due, the TUF client must not even be created.
 */
class TufSettingsTest {
  static final String CUSTOM = "https://tuf.example.com/repo";
  @TempDir Path dir;

  private TufSettings settings(String mirror, String rootJson) {
    return new TufSettings(dir, Optional.ofNullable(mirror), Optional.ofNullable(rootJson).map(Path::of));
  }

  private void remoteJson(String mirror) throws IOException {
    Files.writeString(dir.resolve("remote.json"), "{\"mirror\":\"" + mirror + "\"}");
  }

  @Test
  void mirrorIsTufMirrorElseRemoteJsonElseTheDefault() throws IOException {
    assertEquals(TrustMaterial.DEFAULT_MIRROR, settings(null, null).mirror());
    assertEquals("default TUF mirror", settings(null, null).mirrorSource());
    assertEquals(TrustMaterial.DEFAULT_MIRROR, settings("", null).mirror(), "empty counts as unset");
    remoteJson("http://127.0.0.1:8080");
    assertEquals("http://127.0.0.1:8080", settings(null, null).mirror());
    assertEquals("mirror in " + dir.resolve("remote.json"), settings(null, null).mirrorSource());
    assertEquals(CUSTOM, settings(CUSTOM, null).mirror());
    assertEquals("TUF_MIRROR", settings(CUSTOM, null).mirrorSource());
  }

  @Test
  void refreshOnDemandOnlyWhenTheVariablesAskForIt() throws IOException {
    assertFalse(settings(null, null).refreshOnDemand(), "initialize's cache (or the embedded root) as it is");
    assertFalse(settings("", "").refreshOnDemand());
    assertTrue(settings(CUSTOM, null).refreshOnDemand());
    assertTrue(settings(TrustMaterial.DEFAULT_MIRROR, null).refreshOnDemand(), "an explicit TUF_MIRROR, even the default");
    assertFalse(settings(null, "root.json").refreshOnDemand(), "TUF_ROOT_JSON means nothing for the default mirror");
    remoteJson(CUSTOM);
    assertTrue(settings(null, "root.json").refreshOnDemand(), "it does for the mirror remote.json names");
    assertFalse(settings(null, null).refreshOnDemand());
  }

  @Test
  void initialRootIsEmbeddedForTheDefaultMirrorElseTufRootJsonElseTheCachedOne() throws IOException {
    assertEquals(new TufSettings.InitialRoot.Embedded(), settings(null, "given.json").initialRoot(TrustMaterial.DEFAULT_MIRROR),
        "TUF_ROOT_JSON is ignored for the default mirror, as in cosign");
    assertEquals(new TufSettings.InitialRoot.File(Path.of("given.json"), "root.json given by TUF_ROOT_JSON"),
        settings(CUSTOM, "given.json").initialRoot(CUSTOM));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> settings(CUSTOM, null).initialRoot(CUSTOM));
    assertEquals("could not find cached root.json for TUF mirror " + CUSTOM + " in " + dir
        + ": set TUF_ROOT_JSON to the mirror's initial root.json or run jcosign initialize --mirror " + CUSTOM + " --root FILE",
        e.getMessage());
    Path cached = Files.createDirectories(dir.resolve("tuf.example.com-repo")).resolve("root.json");
    Files.writeString(cached, "{}");
    assertEquals(new TufSettings.InitialRoot.File(cached, "cached root.json"), settings(CUSTOM, null).initialRoot(CUSTOM));
    assertEquals(new TufSettings.InitialRoot.File(Path.of("given.json"), "root.json given by TUF_ROOT_JSON"),
        settings(CUSTOM, "given.json").initialRoot(CUSTOM), "TUF_ROOT_JSON wins over the cache");
    assertTrue(settings(CUSTOM + "/", null).initialRoot(CUSTOM + "/") instanceof TufSettings.InitialRoot.File,
        "a trailing slash names the same cache directory");
    assertThrows(InvalidInputException.class, () -> settings(null, null).initialRoot(TrustMaterial.DEFAULT_MIRROR + "/"),
        "only the exact default URL gets the embedded root");
  }

  private static void metadata(Path d, String rootExp, String tsExp, String snapExp, String targetsExp) throws IOException {
    Files.createDirectories(d);
    String[][] files = {{"root.json", rootExp}, {"timestamp.json", tsExp}, {"snapshot.json", snapExp}, {"targets.json", targetsExp}};
    for (String[] f : files) {
      if (f[1] != null) {
        Files.writeString(d.resolve(f[0]), "{\"signed\":{\"expires\":\"" + f[1] + "\"},\"signatures\":[]}");
      }
    }
  }

  @Test
  void theCacheExpiresWithItsEarliestRole() throws IOException {
    Path d = dir.resolve("m");
    assertEquals(Optional.empty(), TufTrustedRootCache.expires(d));
    metadata(d, "2030-01-01T00:00:00Z", "2026-05-01T12:00:00Z", "2027-01-01T00:00:00+02:00", "2028-01-01T00:00:00Z");
    assertEquals(Optional.of(Instant.parse("2026-05-01T12:00:00Z")), TufTrustedRootCache.expires(d));
    metadata(d, "2030-01-01T00:00:00Z", "2026-05-01T12:00:00Z", "2026-01-01T00:00:00+02:00", "2028-01-01T00:00:00Z");
    assertEquals(Optional.of(Instant.parse("2025-12-31T22:00:00Z")), TufTrustedRootCache.expires(d), "offsets count");
    metadata(d, null, null, "not a time", null);
    assertEquals(Optional.empty(), TufTrustedRootCache.expires(d), "unreadable metadata is stale");
    Files.writeString(d.resolve("targets.json"), "not json");
    assertEquals(Optional.empty(), TufTrustedRootCache.expires(d));
  }

  /** A TUF client that must never be created. */
  private static final Supplier<TufRepository> NO_NETWORK = () -> {
    throw new AssertionError("the TUF client was created");
  };

  private static final class Notes implements Progress {
    final List<String> warnings = new ArrayList<>();

    @Override
    public void info(String line) {}

    @Override
    public void warn(String line) {
      warnings.add(line);
    }

    @Override
    public void confirm(String question) {}
  }

  private TufTrustedRootCache cache(TufSettings s, boolean offline, String now, Notes notes) {
    return new TufTrustedRootCache(s, offline, NO_NETWORK, Clock.fixed(Instant.parse(now), ZoneOffset.UTC), notes);
  }

  @Test
  void aFreshCacheIsReadWithoutTheTufClient() throws IOException {
    Path d = dir.resolve("tuf.example.com-repo");
    metadata(d, "2030-01-01T00:00:00Z", "2026-05-01T12:00:00Z", "2027-01-01T00:00:00Z", "2028-01-01T00:00:00Z");
    Path target = Files.createDirectories(d.resolve("targets")).resolve("trusted_root.json");
    Files.writeString(target, "{}");
    Notes notes = new Notes();
    assertEquals(Optional.of(target), cache(settings(CUSTOM, null), false, "2026-05-01T11:59:59Z", notes).trustedRootFile());
    // expired: with --offline it is used as it is, with a warning
    assertEquals(Optional.of(target), cache(settings(CUSTOM, null), true, "2026-05-01T12:00:00Z", notes).trustedRootFile());
    assertEquals(List.of("the TUF metadata cached for " + CUSTOM + " in " + d
        + " expired at 2026-05-01T12:00:00Z; using its trusted_root.json as it is (--offline)"), notes.warnings);
    // expired and online: a refresh is due, so the client is asked for
    assertThrows(AssertionError.class, () -> cache(settings(CUSTOM, null), false, "2026-05-01T12:00:00Z", notes).trustedRootFile());
  }

  @Test
  void withoutTheVariablesTheCacheIsReadAsInitializeLeftIt() throws IOException {
    Notes notes = new Notes();
    assertEquals(Optional.empty(), cache(settings(null, null), false, "2026-01-01T00:00:00Z", notes).trustedRootFile(),
        "no cache: the embedded root");
    Path target = Files.createDirectories(dir.resolve("tuf-repo-cdn.sigstore.dev/targets")).resolve("trusted_root.json");
    Files.writeString(target, "{}");
    assertEquals(Optional.of(target), cache(settings(null, "ignored.json"), false, "2026-01-01T00:00:00Z", notes).trustedRootFile(),
        "no metadata, no expiry check, no refresh");
    assertTrue(notes.warnings.isEmpty());
  }

  @Test
  void offlineWithoutACacheNamesInitialize() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> cache(settings(TrustMaterial.DEFAULT_MIRROR, null), true, "2026-01-01T00:00:00Z", new Notes()).trustedRootFile());
    assertEquals("no trusted_root.json cached for TUF mirror " + TrustMaterial.DEFAULT_MIRROR + " in " + dir
        + " and --offline forbids fetching it: run jcosign initialize --mirror " + TrustMaterial.DEFAULT_MIRROR + " first", e.getMessage());
  }
}
