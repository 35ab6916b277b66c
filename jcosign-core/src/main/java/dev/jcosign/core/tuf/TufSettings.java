package dev.jcosign.core.tuf;

import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.tlog.TrustMaterial;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Which TUF repository the trusted root comes from, chosen as cosign chooses it from {@code TUF_ROOT},
 * {@code TUF_MIRROR} and {@code TUF_ROOT_JSON} (spec §1.3 environment, §4.1). Pure selection: nothing is
 * read here but {@code remote.json} and the existence of a cached {@code root.json}.
 *
 * @param tufRoot the cache directory: {@code TUF_ROOT}, or {@code ~/.sigstore/root}
 * @param mirrorVar {@code TUF_MIRROR}; an empty value counts as unset, as in cosign
 * @param rootJsonVar {@code TUF_ROOT_JSON}: a file holding the initial {@code root.json} of a non-default mirror
 */
public record TufSettings(Path tufRoot, Optional<String> mirrorVar, Optional<Path> rootJsonVar) {
  public TufSettings {
    tufRoot = tufRoot.toAbsolutePath().normalize();
    mirrorVar = mirrorVar.filter(s -> !s.isEmpty());
    rootJsonVar = rootJsonVar.filter(p -> !p.toString().isEmpty());
  }

  /** The first root of a refresh: the one sigstore-java embeds, or a file. */
  public sealed interface InitialRoot {
    /** The public-good root shipped with the TUF client: only for the default mirror. */
    record Embedded() implements InitialRoot {}

    /**
     * A {@code root.json} file.
     *
     * @param what where it was named, for messages: {@code TUF_ROOT_JSON} or the cached one
     */
    record File(Path path, String what) implements InitialRoot {}
  }

  /** {@code TUF_MIRROR}, else the mirror of a previous {@code initialize} ({@code remote.json}), else the default CDN. */
  public String mirror() {
    return mirrorVar.or(() -> TrustMaterial.remoteMirror(tufRoot)).orElse(TrustMaterial.DEFAULT_MIRROR);
  }

  /** Where {@link #mirror()} came from, for messages. */
  public String mirrorSource() {
    if (mirrorVar.isPresent()) {
      return "TUF_MIRROR";
    }
    return TrustMaterial.remoteMirror(tufRoot).isPresent() ? "mirror in " + tufRoot.resolve("remote.json") : "default TUF mirror";
  }

  /**
   * Whether the cache is refreshed through TUF when it is missing or expired. cosign switches its live
   * TUF client on with {@code TUF_MIRROR} or {@code TUF_ROOT_JSON}; jcosign does the same, except that
   * {@code TUF_ROOT_JSON} alone counts only where cosign reads it, for a mirror other than the default.
   * Otherwise the cache is read as {@code initialize} left it and nothing is fetched.
   */
  public boolean refreshOnDemand() {
    return mirrorVar.isPresent() || rootJsonVar.isPresent() && !isDefault(mirror());
  }

  /**
   * The initial root for a refresh from {@code mirror}, as cosign picks it: the embedded root for the
   * default mirror (TUF_ROOT_JSON is then ignored); else {@code TUF_ROOT_JSON}; else the {@code root.json}
   * cached under the mirror's directory (the newest root a previous refresh trusted); else an error.
   */
  public InitialRoot initialRoot(String mirror) {
    if (isDefault(mirror)) {
      return new InitialRoot.Embedded();
    }
    if (rootJsonVar.isPresent()) {
      return new InitialRoot.File(rootJsonVar.get(), "root.json given by TUF_ROOT_JSON");
    }
    Path cached = tufRoot.resolve(TrustMaterial.mirrorDir(mirror)).resolve("root.json");
    if (Files.isRegularFile(cached)) {
      return new InitialRoot.File(cached, "cached root.json");
    }
    throw new InvalidInputException("could not find cached root.json for TUF mirror " + mirror + " in " + tufRoot
        + ": set TUF_ROOT_JSON to the mirror's initial root.json or run jcosign initialize --mirror " + mirror + " --root FILE");
  }

  /** cosign compares the URL as written: {@code https://tuf-repo-cdn.sigstore.dev/} is another mirror. */
  static boolean isDefault(String mirror) {
    return mirror.equals(TrustMaterial.DEFAULT_MIRROR);
  }
}
