package dev.jcosign.referrers;

import static dev.jcosign.testing.CleanErrors.assertCleanFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcosign.adapters.registry.HttpRegistry;
import dev.jcosign.adapters.registry.RegistryConfig;
import dev.jcosign.core.oci.Descriptor;
import dev.jcosign.core.oci.Digest;
import dev.jcosign.core.oci.MediaTypes;
import dev.jcosign.core.oci.Repository;
import dev.jcosign.core.signature.AttachmentStore;
import dev.jcosign.core.signature.SignatureLayout;
import dev.jcosign.core.spi.Progress;
import dev.jcosign.testing.CliRunner;
import dev.jcosign.testing.CliRunner.Result;
import dev.jcosign.testing.KeyVectors;
import dev.jcosign.testkit.DockerRegistryServer;
import dev.jcosign.testkit.TestImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real cosign output in the v3 layout (keyless spec §3.3 item 9a): go-containerregistry's empty image
 * (digest {@code sha256:732112270d7e…0aa4}, rebuilt byte for byte) pushed to the real registry, and
 * vectors/cosign/bundle-v0.3-attestation attached to it as cosign's own test does; {@code verify-attestation}
 * finds it through the fallback index and verifies it by identity, offline, with the public-good root.
 */
@Tag("e2e")
class CosignAttestationReferrerE2ETest {
  static final String EMPTY_CONFIG = "{\"architecture\":\"\",\"created\":\"0001-01-01T00:00:00Z\",\"os\":\"\","
      + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":null},\"config\":{}}";
  @TempDir static Path home;
  static CliRunner cli;
  static Path pgi;
  static String ref;

  @BeforeAll
  static void attachTheVector() {
    cli = new CliRunner(home);
    pgi = KeyVectors.copy("trusted-roots/trusted_root_pgi.json", home);
    DockerRegistryServer reg = DockerRegistryServer.get(DockerRegistryServer.Variant.PLAIN);
    byte[] config = EMPTY_CONFIG.getBytes(StandardCharsets.UTF_8);
    byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.DOCKER_MANIFEST + "\",\"config\":{\"mediaType\":\""
        + MediaTypes.DOCKER_CONFIG + "\",\"size\":" + config.length + ",\"digest\":\"" + Digest.sha256(config) + "\"},\"layers\":[]}")
        .getBytes(StandardCharsets.UTF_8);
    Digest digest = Digest.sha256(manifest);
    assertEquals("sha256:732112270d7e59418a8c080b134b24cabd67d250d0d0147a97ed95ba5c280aa4", digest.toString(),
        "the empty image of go-containerregistry, the vector's subject");
    TestImages.pushBlob(reg, "cosign/empty", new TestImages.Blob(Digest.sha256(config), config), null);
    TestImages.putManifest(reg, "cosign/empty", "latest", manifest, MediaTypes.DOCKER_MANIFEST, null);
    try (HttpRegistry client = new HttpRegistry(RegistryConfig.builder().retryBaseDelay(Duration.ofMillis(10)).build())) {
      Repository repo = Repository.parse(reg.host() + "/cosign/empty");
      AttachmentStore.of(client, SignatureLayout.standard(), Progress.SILENT).attachBundle(new Descriptor(MediaTypes.DOCKER_MANIFEST, digest,
          manifest.length, Map.of(), null), repo, KeyVectors.bytes("bundle-v0.3-attestation/oci-attestation.sigstore.json"),
          "https://cosign.sigstore.dev/attestation/v1", Instant.now());
    }
    ref = reg.host() + "/cosign/empty:latest";
  }

  @Test
  void verifyAttestation_findsAndVerifiesCosignsBundle() {
    Result r = cli.run("verify-attestation", "--type", "custom", "--trusted-root", pgi.toString(),
        "--certificate-identity-regexp", ".*", "--certificate-oidc-issuer-regexp", ".*", ref);
    assertEquals(0, r.code(), r.describe());
    assertTrue(r.out().contains("\"payloadType\":\"application/vnd.in-toto+json\""), r.describe());
    Result exact = cli.run("verify-attestation", "--type", "custom", "--trusted-root", pgi.toString(), "--offline",
        "--certificate-identity", "cody@soyland.com", "--certificate-oidc-issuer", "https://github.com/login/oauth", ref);
    assertEquals(0, exact.code(), exact.describe());
  }

  @Test
  void wrongIdentityOrType_fails() {
    assertCleanFailure(cli.run("verify-attestation", "--type", "custom", "--trusted-root", pgi.toString(),
        "--certificate-identity", "someone@else.com", "--certificate-oidc-issuer", "https://github.com/login/oauth", ref), 1,
        List.of("no matching attestations", "expected SAN value"));
    assertCleanFailure(cli.run("verify-attestation", "--type", "slsaprovenance1", "--trusted-root", pgi.toString(),
        "--certificate-identity-regexp", ".*", "--certificate-oidc-issuer-regexp", ".*", ref), 1,
        List.of("none of the attestations matched the predicate type: slsaprovenance1, found: https://cosign.sigstore.dev/attestation/v1"));
    // an attestation is not a signature: verify finds no sign/v1 bundle
    assertCleanFailure(cli.run("verify", "--trusted-root", pgi.toString(), "--certificate-identity-regexp", ".*",
        "--certificate-oidc-issuer-regexp", ".*", ref), 1, List.of("none of the attestations matched the predicate type"));
  }
}
