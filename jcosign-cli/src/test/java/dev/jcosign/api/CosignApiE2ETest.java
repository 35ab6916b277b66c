package dev.jcosign.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcosign.core.error.CosignException;
import dev.jcosign.core.error.ExitStatus;
import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.error.KeyException;
import dev.jcosign.testing.AttestFixture;
import dev.jcosign.testing.CliRunner.Result;
import dev.jcosign.testkit.SigstoreMockServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java API (issue 13) against the real registry and the loopback Sigstore: what it signs the command
 * line verifies and the other way round (one engine), with the CLI's messages and exit-code families.
 */
@Tag("e2e")
class CosignApiE2ETest {
  @TempDir static Path home;
  static AttestFixture f;

  @BeforeAll
  static void setUp() {
    f = new AttestFixture(home);
  }

  static CosignBuilder local() {
    return Cosign.builder().allowHttpRegistry(true).environment(Map.of("HOME", home.toString()));
  }

  @Test
  void signWithTheApi_verifyWithTheCli_andBack() {
    String ref = f.push("api/sign", "api sign");
    List<String> log = new ArrayList<>();
    try (Cosign cosign = local().key(Path.of(f.key), "pw".toCharArray()).tlogUpload(false).log(log::add, log::add).build()) {
      SignedImage s = cosign.signImage(ref, Map.of("built-by", "api"));
      assertEquals(ref, s.image());
      assertTrue(s.digest().startsWith("sha256:"), s.digest());
    }
    Result cli = f.cli.run("verify", "--key", f.pub, "--insecure-ignore-tlog", "-a", "built-by=api", ref);
    assertEquals(0, cli.code(), cli.describe());

    String other = f.push("api/cli-signed", "cli signed");
    Result signed = f.cli.run("sign", "--key", f.key, "--tlog-upload=false", "-y", other);
    assertEquals(0, signed.code(), signed.describe());
    try (Cosign cosign = local().key(f.pub).ignoreTlog(true).build()) {
      ImageVerification v = cosign.verifyImage(other);
      assertEquals(other, v.image());
      assertEquals(1, v.payloads().size());
      assertTrue(v.payloads().get(0).contains("\"docker-manifest-digest\""), v.payloads().get(0));
    }
  }

  @Test
  void attestAndVerifyAttestation_matchTheCli() throws IOException {
    String ref = f.push("api/attest", "api attest");
    Path sbom = Files.writeString(home.resolve("sbom.json"), "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\"}");
    try (Cosign cosign = local().key(Path.of(f.key), "pw".toCharArray()).tlogUpload(false).build()) {
      assertEquals(ref, cosign.attestImage(ref, sbom, "cyclonedx").image());
    }
    Result cli = f.verify(f.pub, "cyclonedx", ref);
    assertEquals(0, cli.code(), cli.describe());
    try (Cosign cosign = local().key(f.pub).ignoreTlog(true).build()) {
      ImageVerification v = cosign.verifyAttestation(ref, "cyclonedx");
      assertEquals(1, v.payloads().size());
      assertTrue(v.payloads().get(0).contains("\"payloadType\":\"application/vnd.in-toto+json\""), v.payloads().get(0));
    }
  }

  @Test
  void failures_areTheCliFamiliesAndMessages() {
    String unsigned = f.push("api/unsigned", "nobody signed this");
    try (Cosign cosign = local().key(f.pub).ignoreTlog(true).build()) {
      CosignException e = assertThrows(CosignException.class, () -> cosign.verifyImage(unsigned));
      assertEquals(ExitStatus.NO_SIGNATURES, ExitStatus.of(e), e.getMessage());
      Result cli = f.cli.run("verify", "--key", f.pub, "--insecure-ignore-tlog", unsigned);
      assertEquals(ExitStatus.NO_SIGNATURES, cli.code(), cli.describe());
      assertTrue(cli.err().contains(e.getMessage()), cli.err() + " vs " + e.getMessage());
    }
    String ref = f.push("api/other-key", "signed with the other key");
    try (Cosign cosign = local().key(Path.of(f.key), "pw".toCharArray()).tlogUpload(false).build()) {
      cosign.signImage(ref);
    }
    try (Cosign cosign = local().key(f.otherPub).ignoreTlog(true).build()) {
      CosignException e = assertThrows(CosignException.class, () -> cosign.verifyImage(ref));
      assertEquals(ExitStatus.NO_MATCHING_SIGNATURE, ExitStatus.of(e), e.getMessage());
    }
    String fresh = f.push("api/wrong-password", "wrong password");
    try (Cosign cosign = local().key(Path.of(f.key), "not-the-password".toCharArray()).tlogUpload(false).build()) {
      KeyException e = assertThrows(KeyException.class, () -> cosign.signImage(fresh));
      assertEquals(ExitStatus.ERROR, ExitStatus.of(e));
    }
    Result nothing = f.cli.run("verify", "--key", f.pub, "--insecure-ignore-tlog", fresh);
    assertEquals(ExitStatus.NO_SIGNATURES, nothing.code(), "a failed sign pushes nothing: " + nothing.describe());
    try (Cosign cosign = local().key(Path.of(f.key), "pw".toCharArray()).tlogUpload(false).build()) {
      assertThrows(InvalidInputException.class, () -> cosign.signImage("UPPER/case:bad"));
    }
    assertThrows(InvalidInputException.class, () -> local().key(f.pub).keyless("x.y.z").build());
    String noToken = f.push("api/no-token", "keyless without a token");
    try (Cosign cosign = local().keylessFromEnvironment().build()) {
      InvalidInputException e = assertThrows(InvalidInputException.class, () -> cosign.signImage(noToken));
      assertTrue(e.getMessage().startsWith("no identity token for keyless signing: set SIGSTORE_ID_TOKEN"), e.getMessage());
    }
    Result none = f.cli.run("verify", "--key", f.pub, "--insecure-ignore-tlog", noToken);
    assertEquals(ExitStatus.NO_SIGNATURES, none.code(), "nothing pushed: " + none.describe());
  }

  @Test
  void blobs_signedByTheApi_verifyWithTheCli() throws IOException {
    Path blob = Files.writeString(home.resolve("release.txt"), "release contents");
    Path bundle = home.resolve("release.sigstore.json");
    try (Cosign cosign = local().key(Path.of(f.key), "pw".toCharArray()).tlogUpload(false).build()) {
      BlobSignature s = cosign.signBlob(blob, Optional.of(bundle));
      assertEquals(Optional.of(bundle), s.bundle());
      assertTrue(Files.size(bundle) > 0);
    }
    Result cli = f.cli.run("verify-blob", "--key", f.pub, "--insecure-ignore-tlog", "--bundle", bundle.toString(), blob.toString());
    assertEquals(0, cli.code(), cli.describe());
    try (Cosign cosign = local().key(f.pub).ignoreTlog(true).build()) {
      cosign.verifyBlob(blob, bundle);
      Files.writeString(blob, "tampered");
      assertThrows(CosignException.class, () -> cosign.verifyBlob(blob, bundle));
    }
  }

  @Test
  void keyless_withAnIdentityToken_onTheLoopbackSigstore() throws IOException {
    SigstoreMockServer mock = SigstoreMockServer.get();
    Path root = Files.write(home.resolve("mock-root.json"), mock.trustedRootJson());
    String ref = f.push("api/keyless", "keyless via the api");
    try (Cosign cosign = local().keyless(mock.token("sub=api@example.com")).fulcioUrl(mock.url()).rekorUrl(mock.url())
        .trustedRoot(root).build()) {
      assertEquals(ref, cosign.signImage(ref).image());
    }
    try (Cosign cosign = local().certificateIdentity("api@example.com", mock.url()).rekorUrl(mock.url()).trustedRoot(root).build()) {
      ImageVerification v = cosign.verifyImage(ref);
      assertTrue(v.tlogVerified());
    }
    try (Cosign cosign = local().certificateIdentity("someone-else@example.com", mock.url()).rekorUrl(mock.url())
        .trustedRoot(root).build()) {
      assertThrows(CosignException.class, () -> cosign.verifyImage(ref));
    }
    Result cli = f.cli.run("verify", "--certificate-identity", "api@example.com", "--certificate-oidc-issuer", mock.url(),
        "--rekor-url", mock.url(), "--trusted-root", root.toString(), ref);
    assertEquals(0, cli.code(), cli.describe());
  }
}
