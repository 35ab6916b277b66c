package dev.jcosign.core.tlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.keys.PublicKeys;
import dev.jcosign.testing.KeyVectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trust material selection (spec §4.1): order, laziness, the embedded root, the TUF cache path. */
class TrustMaterialTest {
  static final String PGI_LOG = "c0d23d6ad406973f9559f3ba2d1ca01f84147d8ffc5b8445c224f98b9591801d";
  @TempDir Path dir;

  private static TrustMaterial of(Optional<Path> root, Optional<Path> rekor, Optional<Path> tuf) {
    return new TrustMaterial(new TrustMaterial.Sources(root, rekor, Optional.empty(), tuf.map(TrustMaterial.TufCache::readOnly)));
  }

  @Test
  void embeddedRootIsThePublicGoodOne() {
    TrustedRoot r = TrustMaterial.embedded();
    assertTrue(r.tlog(PGI_LOG).isPresent());
    assertTrue(Arrays.equals(KeyVectors.bytes("trusted-roots/trusted_root_pgi.json"), readResource()),
        "the embedded root is the vector copied verbatim");
    TrustMaterial m = of(Optional.empty(), Optional.empty(), Optional.of(dir));
    assertEquals("embedded public-good trusted root", m.origin());
  }

  private static byte[] readResource() {
    try (var in = TrustMaterial.class.getResourceAsStream(TrustMaterial.EMBEDDED)) {
      return in.readAllBytes();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void nothingIsReadUntilAsked() {
    TrustMaterial m = of(Optional.of(dir.resolve("missing.json")), Optional.empty(), Optional.empty());
    InvalidInputException e = assertThrows(InvalidInputException.class, m::trustedRoot);
    assertTrue(e.getMessage().contains("missing.json: no such file"), e.getMessage());
  }

  @Test
  void trustedRootFlagWinsOverTheRekorKeyWhichWinsOverTheCache() throws Exception {
    Path root = Files.write(dir.resolve("root.json"), KeyVectors.bytes("conformance/rekor2-dsse-happy-path/trusted_root.json"));
    Path key = Files.write(dir.resolve("rekor.pub"), PublicKeys.toPem(TrustMaterial.embedded().tlogs().get(0).publicKey()));
    Path tuf = dir.resolve("tuf");
    Files.createDirectories(tuf.resolve("tuf-repo-cdn.sigstore.dev/targets"));
    Files.write(tuf.resolve("tuf-repo-cdn.sigstore.dev/targets/trusted_root.json"), KeyVectors.bytes("trusted-roots/trusted_root_pgi.json"));

    assertTrue(of(Optional.of(root), Optional.of(key), Optional.of(tuf)).origin().startsWith("trusted root "));
    TrustMaterial byKey = of(Optional.empty(), Optional.of(key), Optional.of(tuf));
    assertTrue(byKey.origin().startsWith("SIGSTORE_REKOR_PUBLIC_KEY "));
    assertEquals(1, byKey.trustedRoot().tlogs().size());
    assertEquals(PGI_LOG, byKey.trustedRoot().tlogs().get(0).logIdHex(), "log ID = SHA-256 of the PKIX DER");
    assertTrue(of(Optional.empty(), Optional.empty(), Optional.of(tuf)).origin().startsWith("TUF cache "));
  }

  @Test
  void tufCachePathFollowsRemoteJson() throws Exception {
    assertEquals(Optional.empty(), TrustMaterial.tufCachedRoot(dir));
    assertEquals("tuf-repo-cdn.sigstore.dev", TrustMaterial.mirrorDir(TrustMaterial.DEFAULT_MIRROR));
    assertEquals("mirror.example-8443-tuf", TrustMaterial.mirrorDir("https://Mirror.example:8443/tuf/"));
    Files.writeString(dir.resolve("remote.json"), "{\"mirror\":\"http://127.0.0.1:8080\"}");
    Path t = Files.createDirectories(dir.resolve("127.0.0.1-8080/targets")).resolve("trusted_root.json");
    Files.writeString(t, "{}");
    assertEquals(Optional.of(t), TrustMaterial.tufCachedRoot(dir));
  }

  @Test
  void badRekorKeyNamesTheVariable() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.pub"), "not a pem");
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> of(Optional.empty(), Optional.of(bad), Optional.empty()).trustedRoot());
    assertTrue(e.getMessage().startsWith("reading SIGSTORE_REKOR_PUBLIC_KEY " + bad), e.getMessage());
  }
}
