package dev.jcosign.core.tuf;

import dev.jcosign.core.io.SmallFiles;
import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.json.Json;
import dev.jcosign.core.spi.Progress;
import dev.jcosign.core.spi.TufRepository;
import dev.jcosign.core.tlog.TrustMaterial;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code initialize} (spec §1.3): refreshes the Sigstore trusted root through TUF into the cache that
 * verification reads ({@link TrustMaterial#tufCachedRoot}): {@code <tufRoot>/remote.json} =
 * {@code {"mirror":URL}} and the mirror's metadata and targets under {@code <tufRoot>/<mirror dir>/},
 * sigstore-go's layout, so cosign v3 and jcosign share one cache.
 *
 * <p>cosign wipes the cache first and then fetches; a failed fetch leaves it empty. Here the new cache
 * is built in a sibling temporary directory and swapped in only once every check passed, so a failed
 * refresh (no network, a bad signature, a tampered target) leaves the previous cache usable. Like
 * cosign's, the refresh starts from the initial root, not from the previous cache's metadata.
 */
public final class InitializeTrust {
  /** cosign's staging mirror; it always starts from the embedded staging root. */
  public static final String STAGING_MIRROR = "https://tuf-repo-cdn.sigstage.dev";
  static final String SIGNING_CONFIG = "signing_config.v0.2.json";
  private static final long MAX_ROOT_BYTES = 1L << 20;

  /**
   * One {@code initialize} invocation.
   *
   * @param tufRoot the cache directory ({@code TUF_ROOT} or {@code ~/.sigstore/root})
   * @param mirror {@code --mirror}: an {@code http(s)://} or {@code file:} base URL
   * @param root {@code --root}: a file or {@code http(s)} URL of the initial {@code root.json}
   * @param rootChecksum {@code --root-checksum}, checked against {@code root} when both are given
   * @param staging {@code --staging}: the staging mirror and its embedded root; the other flags are ignored
   */
  public record Request(Path tufRoot, String mirror, Optional<String> root, Optional<RootChecksum> rootChecksum, boolean staging) {}

  /** The refreshed cache. */
  public record Result(Path tufRoot, String mirror, TufRepository.Refreshed refreshed) {}

  private final TufRepository tuf;
  private final Progress progress;

  public InitializeTrust(TufRepository tuf, Progress progress) {
    this.tuf = tuf;
    this.progress = progress;
  }

  public Result run(Request req) {
    String mirror = req.staging() ? STAGING_MIRROR : req.mirror();
    URI mirrorUri = MirrorChecks.mirrorUri(mirror, "--mirror");
    byte[] initialRoot = initialRoot(req, mirror);
    Path tufRoot = req.tufRoot().toAbsolutePath().normalize();
    Path staged = CacheDirs.createSibling(tufRoot, ".new-");
    try {
      Files.write(staged.resolve("remote.json"), remoteJson(mirror));
      CacheDirs.ownerOnly(staged.resolve("remote.json"));
      Path metadata = Files.createDirectory(staged.resolve(TrustMaterial.mirrorDir(mirror)));
      TufRepository.Refreshed refreshed = tuf.refresh(mirrorUri, initialRoot, metadata);
      checkTargets(staged, mirror);
      CacheDirs.replace(tufRoot, staged);
      return new Result(tufRoot, mirror, refreshed);
    } catch (IOException e) {
      throw new InvalidInputException("writing TUF cache " + tufRoot + ": " + e.getMessage(), e);
    } finally {
      CacheDirs.deleteQuietly(staged); // gone already when the swap happened
    }
  }

  /** cosign's choice of initial root: staging's for the staging mirror, else {@code --root}, else the embedded one. */
  private byte[] initialRoot(Request req, String mirror) {
    if (req.staging() || mirror.equals(STAGING_MIRROR)) {
      return tuf.embeddedRoot(TufRepository.EmbeddedRoot.STAGING);
    }
    if (req.root().isEmpty()) {
      return tuf.embeddedRoot(TufRepository.EmbeddedRoot.PUBLIC_GOOD);
    }
    String root = req.root().get();
    boolean url = root.startsWith("http://") || root.startsWith("https://");
    if (url && req.rootChecksum().isEmpty()) {
      progress.warn("Fetching initial root from URL without providing its checksum is deprecated and will be "
          + "disallowed in a future Cosign release. Please provide the initial root checksum via the --root-checksum argument.");
    }
    byte[] bytes = url ? tuf.download(URI.create(root), MAX_ROOT_BYTES) : SmallFiles.read(Path.of(root), MAX_ROOT_BYTES, "--root " + root);
    req.rootChecksum().ifPresent(c -> c.check(bytes, root));
    return bytes;
  }

  /** {@code {"mirror":URL}} as Go's encoding/json writes it (spec §1.3). */
  private static byte[] remoteJson(String mirror) {
    return Json.write(Json.object().put("mirror", mirror));
  }

  /** The trusted root must have come and parse; the signing config is only warned about, as cosign does. */
  private void checkTargets(Path staged, String mirror) throws IOException {
    Path metadata = staged.resolve(TrustMaterial.mirrorDir(mirror));
    MirrorChecks.requireTrustedRoot(metadata, mirror);
    if (!Files.isRegularFile(metadata.resolve("targets").resolve(SIGNING_CONFIG))) {
      progress.warn("Could not fetch " + SIGNING_CONFIG + " from the TUF mirror " + mirror + " (no such target). "
          + "It is recommended to use a signing config file rather than provide service URLs when signing.");
    }
  }
}
