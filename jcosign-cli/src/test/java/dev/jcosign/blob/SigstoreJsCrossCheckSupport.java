package dev.jcosign.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;

/** The npm directory with {@code @sigstore/verify} 4.1.3, installed once under target/ for every cross-check. */
public final class SigstoreJsCrossCheckSupport {
  private SigstoreJsCrossCheckSupport() {}

  public static synchronized Path verifierDir() throws Exception {
    Path dir = SigstoreJsCrossCheckTest.NPM_DIR;
    if (!Files.isDirectory(dir.resolve("node_modules/@sigstore/verify"))) {
      Files.createDirectories(dir);
      SigstoreJsCrossCheckTest.Proc r = SigstoreJsCrossCheckTest.run(dir, "npm", "install", "--no-audit", "--no-fund",
          "--loglevel=error", "@sigstore/verify@4.1.3");
      assertEquals(0, r.code(), "npm install @sigstore/verify@4.1.3 failed (needs node and npm): " + r.err());
    }
    return dir;
  }
}
