package dev.jcosign.core.tuf;

import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.error.TufRepositoryException;
import dev.jcosign.core.tlog.TrustedRoot;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks shared by {@code initialize} and the on-demand refresh ({@link TufTrustedRootCache}). */
final class MirrorChecks {
  static final String TRUSTED_ROOT = "trusted_root.json";

  private MirrorChecks() {}

  /**
   * {@code mirror} as a URI the TUF client can use: {@code http(s)://host…} or {@code file:…}.
   *
   * @param what where the value came from, for the message ({@code --mirror}, {@code TUF_MIRROR}, …)
   */
  static URI mirrorUri(String mirror, String what) {
    URI u;
    try {
      u = URI.create(mirror);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("invalid " + what + " \"" + mirror + "\": " + e.getMessage(), e);
    }
    boolean http = ("https".equals(u.getScheme()) || "http".equals(u.getScheme())) && u.getHost() != null;
    boolean file = "file".equals(u.getScheme()) && u.getPath() != null;
    if (!http && !file) {
      throw new InvalidInputException("invalid " + what + " \"" + mirror + "\": expected an http(s):// or file:/// URL");
    }
    return u;
  }

  /**
   * The trusted root must have come and must parse, or a swap would install a cache that verification
   * cannot read.
   */
  static void requireTrustedRoot(Path metadataDir, String mirror) throws IOException {
    Path trustedRoot = metadataDir.resolve("targets").resolve(TRUSTED_ROOT);
    if (!Files.isRegularFile(trustedRoot)) {
      throw new TufRepositoryException("TUF repository at " + mirror + " has no " + TRUSTED_ROOT + " target");
    }
    try {
      TrustedRoot.parse(dev.jcosign.core.io.SmallFiles.read(trustedRoot, dev.jcosign.core.io.SmallFiles.DOCUMENT,
          "reading " + trustedRoot));
    } catch (InvalidInputException e) {
      throw new TufRepositoryException(TRUSTED_ROOT + " from " + mirror + ": " + e.getMessage(), e);
    }
  }
}
