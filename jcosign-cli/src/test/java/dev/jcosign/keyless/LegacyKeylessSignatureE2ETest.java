package dev.jcosign.keyless;

import static dev.jcosign.testing.CleanErrors.assertCleanFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcosign.core.json.Json;
import dev.jcosign.core.oci.Digest;
import dev.jcosign.core.oci.MediaTypes;
import dev.jcosign.testing.CliRunner;
import dev.jcosign.testing.CliRunner.Result;
import dev.jcosign.testing.KeyVectors;
import dev.jcosign.testkit.DockerRegistryServer;
import dev.jcosign.testkit.TestImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real cosign keyless signature layer (vectors/cosign/legacy-keyless-signature: public-good Fulcio
 * certificate for sozercan@gmail.com, SET from rekor.sigstore.dev) put into the {@code .sig} tag of an
 * image on the real registry, then {@code jcosign verify} by identity (keyless spec §1.8, §3.3 item 9b):
 * chain at NotBefore with the chain annotation, SCT, SET, the {@code .1.1} issuer. The payload names
 * another image, hence {@code --check-claims=false}.
 */
@Tag("e2e")
class LegacyKeylessSignatureE2ETest {
  static final String V = "legacy-keyless-signature/";
  static final String ID = "sozercan@gmail.com";
  static final String ISSUER = "https://github.com/login/oauth";
  @TempDir static Path home;
  static CliRunner cli;
  static DockerRegistryServer reg;
  static Path pgi;

  @BeforeAll
  static void setUp() {
    cli = new CliRunner(home);
    reg = DockerRegistryServer.get(DockerRegistryServer.Variant.PLAIN);
    pgi = KeyVectors.copy("trusted-roots/trusted_root_pgi.json", home);
  }

  /** Pushes an image whose {@code .sig} holds the vector's layer (annotations changed by {@code edit}); returns its reference. */
  static String imageWithVectorSignature(String repo, Consumer<ObjectNode> edit) {
    TestImages.Image img = TestImages.push(reg, repo, "v1", repo);
    byte[] payload = KeyVectors.bytes(V + "payload.json");
    TestImages.Blob layer = new TestImages.Blob(Digest.sha256(payload), payload);
    byte[] cfg = "{\"architecture\":\"\",\"os\":\"\",\"config\":{},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
        .getBytes(StandardCharsets.UTF_8);
    TestImages.Blob config = new TestImages.Blob(Digest.sha256(cfg), cfg);
    TestImages.pushBlob(reg, repo, layer, null);
    TestImages.pushBlob(reg, repo, config, null);
    ObjectNode m = Json.object();
    m.put("schemaVersion", 2);
    m.put("mediaType", MediaTypes.OCI_MANIFEST);
    m.putObject("config").put("mediaType", MediaTypes.OCI_CONFIG).put("size", cfg.length).put("digest", config.digest().toString());
    ObjectNode l = m.putArray("layers").addObject();
    l.put("mediaType", MediaTypes.SIMPLE_SIGNING).put("size", payload.length).put("digest", layer.digest().toString());
    ObjectNode a = l.putObject("annotations");
    a.put("dev.cosignproject.cosign/signature", KeyVectors.text(V + "signature.b64"));
    a.put("dev.sigstore.cosign/certificate", KeyVectors.text(V + "certificate.pem"));
    a.put("dev.sigstore.cosign/chain", KeyVectors.text(V + "chain.pem"));
    a.put("dev.sigstore.cosign/bundle", KeyVectors.text(V + "bundle-annotation.json"));
    edit.accept(a);
    TestImages.putManifest(reg, repo, img.manifestDigest().tagStem() + ".sig", Json.write(m), MediaTypes.OCI_MANIFEST, null);
    return reg.host() + "/" + repo + "@" + img.manifestDigest();
  }

  static Result verify(String ref, String... flags) {
    List<String> args = new ArrayList<>(List.of("verify", "--check-claims=false", "--trusted-root", pgi.toString()));
    args.addAll(List.of(flags));
    args.add(ref);
    return cli.run(args.toArray(String[]::new));
  }

  @Test
  void verifiesByIdentityAndIssuer() {
    String ref = imageWithVectorSignature("keyless/legacy-ok", a -> {});
    Result r = verify(ref, "--certificate-identity", ID, "--certificate-oidc-issuer", ISSUER);
    assertEquals(0, r.code(), r.describe());
    assertTrue(r.err().contains("  - Existence of the claims in the transparency log was verified offline\n"
        + "  - The code-signing certificate was verified using trusted certificate authority certificates"), r.describe());
    assertTrue(r.out().contains("\"docker-manifest-digest\""), r.describe());
    // cosign adds the certificate's subject and issuer to a keyless signature's output
    assertTrue(r.out().contains("\"Issuer\":\"https://github.com/login/oauth\"") && r.out().contains("\"Subject\":\"sozercan@gmail.com\""),
        r.describe());
    assertEquals(0, verify(ref, "--certificate-identity-regexp", "@gmail\\.com$", "--certificate-oidc-issuer-regexp", "github").code());
  }

  @Test
  void wrongIdentityOrIssuer_exit12WithWhatTheCertificateHolds() {
    String ref = imageWithVectorSignature("keyless/legacy-wrong", a -> {});
    assertCleanFailure(verify(ref, "--certificate-identity", "someone@example.com", "--certificate-oidc-issuer", ISSUER), 12,
        List.of("none of the expected identities matched what was in the certificate, got subjects [sozercan@gmail.com] "
            + "with issuer https://github.com/login/oauth"));
    assertCleanFailure(verify(ref, "--certificate-identity", ID, "--certificate-oidc-issuer", "https://accounts.google.com"), 12,
        List.of("none of the expected identities matched"));
  }

  @Test
  void withoutTheLog_theCertificateHasExpired() {
    String ref = imageWithVectorSignature("keyless/legacy-expired", a -> {});
    assertCleanFailure(verify(ref, "--insecure-ignore-tlog", "--certificate-identity", ID, "--certificate-oidc-issuer", ISSUER), 12,
        List.of("certificate expired or not yet valid"));
  }

  @Test
  void withoutAnSct_failsUnlessIgnored() {
    String ref = imageWithVectorSignature("keyless/legacy-sct", a -> {});
    ObjectNode root = (ObjectNode) Json.parse(KeyVectors.bytes("trusted-roots/trusted_root_pgi.json"), "root");
    root.putArray("ctlogs");
    Path noCt = home.resolve("no-ct.json");
    try {
      java.nio.file.Files.write(noCt, Json.write(root));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    List<String> base = List.of("verify", "--check-claims=false", "--trusted-root", noCt.toString(),
        "--certificate-identity", ID, "--certificate-oidc-issuer", ISSUER);
    List<String> args = new ArrayList<>(base);
    args.add(ref);
    assertCleanFailure(cli.run(args.toArray(String[]::new)), 12, List.of("only able to verify 0 SCT entries"));
    args.add(args.size() - 1, "--insecure-ignore-sct");
    Result ok = cli.run(args.toArray(String[]::new));
    assertEquals(0, ok.code(), ok.describe());
  }

  @Test
  void tamperedBundleOrMissingCertificate() {
    String noCert = imageWithVectorSignature("keyless/legacy-nocert", a -> a.remove("dev.sigstore.cosign/certificate"));
    assertCleanFailure(verify(noCert, "--certificate-identity", ID, "--certificate-oidc-issuer", ISSUER), 13,
        List.of("no certificate found on signature"));
    String otherCert = imageWithVectorSignature("keyless/legacy-othercert",
        a -> a.put("dev.sigstore.cosign/certificate", KeyVectors.text(V + "chain.pem")));
    Result r = verify(otherCert, "--certificate-identity", ID, "--certificate-oidc-issuer", ISSUER);
    assertEquals(12, r.code(), r.describe());
  }
}
