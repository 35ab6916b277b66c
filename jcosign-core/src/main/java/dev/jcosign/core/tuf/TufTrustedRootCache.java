package dev.jcosign.core.tuf;

import dev.jcosign.core.io.SmallFiles;
import com.fasterxml.jackson.databind.JsonNode;
import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.error.TufRepositoryException;
import dev.jcosign.core.json.Json;
import dev.jcosign.core.spi.Progress;
import dev.jcosign.core.spi.TufRepository;
import dev.jcosign.core.tlog.TrustMaterial;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The TUF-cached trusted root of the verify and sign commands (spec §4.1 item 3), refreshed on demand
 * when {@code TUF_MIRROR}/{@code TUF_ROOT_JSON} ask for it ({@link TufSettings#refreshOnDemand()}), so a
 * pipeline of a private Sigstore deployment can verify without running {@code initialize} first.
 *
 * <p>The mirror's cache, {@code <TUF_ROOT>/<mirror dir>/}, is used as long as its metadata has not
 * expired; nothing is fetched then. Missing or expired, it is refreshed with the same TUF client and
 * checks as {@code initialize}, built beside it and swapped in only when every check passed. Unlike
 * {@code initialize}, only that mirror's directory is replaced and {@code remote.json} is left alone, as
 * cosign's live fetch leaves it: the variables choose a mirror for this run only, and another mirror's
 * cache in the same {@code TUF_ROOT} (with the {@code remote.json} naming it) stays as it was.
 *
 * <p>With {@code --offline} nothing is refreshed: a missing cache is an error naming {@code initialize},
 * an expired one is used with a warning.
 */
public final class TufTrustedRootCache implements TrustMaterial.TufCache {
  private static final List<String> METADATA = List.of("root.json", "timestamp.json", "snapshot.json", "targets.json");
  private static final long MAX_ROOT_BYTES = 1L << 20;
  private static final long MAX_METADATA_BYTES = 32L << 20;

  private final TufSettings settings;
  private final boolean offline;
  private final Supplier<TufRepository> tuf;
  private final Clock clock;
  private final Progress progress;
  private TufRepository client;

  /**
   * @param offline {@code --offline}: never refresh
   * @param tuf creates the TUF client, called only for a refresh (it loads sigstore-java)
   */
  public TufTrustedRootCache(TufSettings settings, boolean offline, Supplier<TufRepository> tuf, Clock clock, Progress progress) {
    this.settings = settings;
    this.offline = offline;
    this.tuf = tuf;
    this.clock = clock;
    this.progress = progress;
  }

  @Override
  public Optional<Path> trustedRootFile() {
    if (!settings.refreshOnDemand()) {
      return TrustMaterial.tufCachedRoot(settings.tufRoot());
    }
    String mirror = settings.mirror();
    Path dir = settings.tufRoot().resolve(TrustMaterial.mirrorDir(mirror));
    Path target = TrustMaterial.trustedRootTarget(settings.tufRoot(), mirror);
    Optional<Instant> expires = expires(dir);
    if (fresh(target, expires)) {
      return Optional.of(target);
    }
    if (offline) {
      if (Files.isRegularFile(target)) {
        progress.warn("the TUF metadata cached for " + mirror + " in " + dir
            + expires.map(t -> " expired at " + t).orElse(" is incomplete") + "; using its trusted_root.json as it is (--offline)");
        return Optional.of(target);
      }
      throw new InvalidInputException("no trusted_root.json cached for TUF mirror " + mirror + " in " + settings.tufRoot()
          + " and --offline forbids fetching it: run jcosign initialize --mirror " + mirror
          + (TufSettings.isDefault(mirror) ? "" : " --root FILE") + " first");
    }
    refresh(mirror, dir);
    return Optional.of(target);
  }

  /**
   * The mirror's {@code signing_config.v0.2.json} target (spec §6.7), which a TUF refresh fetches with the
   * trusted root: the cache is refreshed first exactly as for {@link #trustedRootFile()}, so the two
   * come from the same mirror ({@code TUF_MIRROR}, else {@code remote.json}, else the default).
   *
   * @throws InvalidInputException naming the expected file, {@code initialize} and {@code --signing-config} when absent
   */
  public Path signingConfigFile() {
    trustedRootFile();
    String mirror = settings.mirror();
    Path target = settings.tufRoot().resolve(TrustMaterial.mirrorDir(mirror)).resolve("targets").resolve(InitializeTrust.SIGNING_CONFIG);
    if (Files.isRegularFile(target)) {
      return target;
    }
    throw new InvalidInputException("no " + InitializeTrust.SIGNING_CONFIG + " cached for TUF mirror " + mirror + " (" + target
        + "): run jcosign initialize" + (TufSettings.isDefault(mirror) ? "" : " --mirror " + mirror + " --root FILE")
        + ", or pass --signing-config FILE");
  }

  private boolean fresh(Path target, Optional<Instant> expires) {
    return Files.isRegularFile(target) && expires.isPresent() && clock.instant().isBefore(expires.get());
  }

  /**
   * When the cached metadata in {@code dir} stops being usable: the earliest {@code signed.expires} of
   * its four roles (timestamp.json's, in practice). Empty when a file is missing or unreadable, so the
   * cache counts as stale. The signatures were checked when the files were written, not here.
   */
  static Optional<Instant> expires(Path dir) {
    Instant earliest = Instant.MAX;
    for (String name : METADATA) {
      Path f = dir.resolve(name);
      try {
        if (!Files.isRegularFile(f) || Files.size(f) > MAX_METADATA_BYTES) {
          return Optional.empty();
        }
        JsonNode e = Json.parse(Files.readAllBytes(f), "TUF metadata " + f).path("signed").path("expires");
        Instant t = OffsetDateTime.parse(e.asText()).toInstant();
        earliest = t.isBefore(earliest) ? t : earliest;
      } catch (IOException | DateTimeParseException | InvalidInputException e) {
        return Optional.empty();
      }
    }
    return Optional.of(earliest);
  }

  private void refresh(String mirror, Path dir) {
    URI uri = MirrorChecks.mirrorUri(mirror, settings.mirrorSource());
    byte[] initialRoot = initialRoot(settings.initialRoot(mirror));
    try {
      CacheDirs.createPrivateDirectories(settings.tufRoot());
    } catch (IOException e) {
      throw new InvalidInputException("creating TUF cache " + settings.tufRoot() + ": " + e.getMessage(), e);
    }
    Path staged = CacheDirs.createSibling(dir, ".new-");
    try {
      client().refresh(uri, initialRoot, staged);
      MirrorChecks.requireTrustedRoot(staged, mirror);
      CacheDirs.replace(dir, staged);
    } catch (TufRepositoryException e) {
      throw new TufRepositoryException("refreshing TUF cache " + dir + ": " + e.getMessage(), e);
    } catch (IOException e) {
      if (fresh(dir.resolve("targets").resolve(MirrorChecks.TRUSTED_ROOT), expires(dir))) {
        return; // another jcosign swapped in its own refresh meanwhile: that one is as good
      }
      throw new InvalidInputException("writing TUF cache " + dir + ": " + e.getMessage(), e);
    } finally {
      CacheDirs.deleteQuietly(staged); // gone already when the swap happened
    }
  }

  private byte[] initialRoot(TufSettings.InitialRoot root) {
    if (root instanceof TufSettings.InitialRoot.File f) {
      return SmallFiles.read(f.path(), MAX_ROOT_BYTES, "error reading " + f.what() + " " + f.path());
    }
    return client().embeddedRoot(TufRepository.EmbeddedRoot.PUBLIC_GOOD);
  }

  private TufRepository client() {
    if (client == null) {
      client = tuf.get();
    }
    return client;
  }
}
