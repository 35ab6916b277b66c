package dev.jcosign.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcosign.core.json.Json;
import dev.jcosign.testing.AttestFixture;
import dev.jcosign.testing.CliRunner.Result;
import dev.jcosign.testing.RegistryPeek;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** download signature|attestation (spec §3.8, §1.3) and tree (spec §3.9) on a real registry. */
@Tag("e2e")
class DownloadTreeE2ETest {
  @TempDir static Path home;
  static AttestFixture f;

  @BeforeAll
  static void setUp() {
    f = new AttestFixture(home);
  }

  private static String sign(String ref) {
    Result s = f.cli.run("sign", "--key", f.key, "--tlog-upload=false", ref);
    assertEquals(0, s.code(), s.describe());
    return ref;
  }

  private static JsonNode manifest(String ref, String suffix) {
    String tag = AttestFixture.digestOf(ref).tagStem() + suffix;
    return Json.parse(RegistryPeek.manifest(f.reg, AttestFixture.repoOf(f.reg, ref), tag).orElseThrow(), "m");
  }

  @Test
  void downloadSignaturePrintsOneLegacyObjectPerLayer() {
    String ref = sign(f.push("dl/sig", "dl sig"));
    Result d = f.cli.run("download", "signature", ref);
    assertEquals(0, d.code(), d.describe());
    List<String> lines = d.out().lines().toList();
    assertEquals(1, lines.size());
    JsonNode layer = manifest(ref, ".sig").get("layers").get(0);
    byte[] payload = RegistryPeek.blob(f.reg, AttestFixture.repoOf(f.reg, ref), layer.get("digest").asText()).orElseThrow();
    assertEquals("{\"Base64Signature\":\"" + layer.get("annotations").get("dev.cosignproject.cosign/signature").asText()
        + "\",\"Payload\":\"" + Base64.getEncoder().encodeToString(payload)
        + "\",\"Cert\":null,\"Chain\":null,\"Bundle\":null,\"RFC3161Timestamp\":null}", lines.get(0));
    String unsigned = f.push("dl/sig", "unsigned");
    Result none = f.cli.run("download", "signature", unsigned);
    assertEquals(1, none.code());
    assertTrue(none.err().contains("Error: " + unsigned + ": no signatures associated\n"), none.err());
  }

  @Test
  void downloadAttestationPrintsEnvelopesAndFilters() {
    String ref = f.push("dl/att", "dl att");
    assertEquals(0, f.attest(ref, "custom", f.file("d1.txt", "d1")).code());
    assertEquals(0, f.attest(ref, "cyclonedx", f.file("d2.json", "{\"bomFormat\":\"CycloneDX\"}")).code());
    Result all = f.cli.run("download", "attestation", ref);
    assertEquals(0, all.code(), all.describe());
    List<String> lines = all.out().lines().toList();
    assertEquals(2, lines.size());
    assertEquals(new String(f.attLayer(ref, 1), StandardCharsets.UTF_8), lines.get(1));
    assertTrue(lines.get(0).startsWith("{\"payloadType\":\"application/vnd.in-toto+json\",\"payload\":\""), lines.get(0));
    Result bom = f.cli.run("download", "attestation", "--predicate-type", "cyclonedx", ref);
    assertEquals(0, bom.code(), bom.describe());
    assertEquals(lines.get(1) + "\n", bom.out());
    Result uri = f.cli.run("download", "attestation", "--predicate-type", "https://cyclonedx.org/bom", ref);
    assertEquals(bom.out(), uri.out());
    Result none = f.cli.run("download", "attestation", "--predicate-type", "slsaprovenance1", ref);
    assertEquals(1, none.code());
    assertTrue(none.err().contains("Error: no attestations with predicate type 'https://slsa.dev/provenance/v1' found\n"), none.err());
    Result empty = f.cli.run("download", "attestation", f.push("dl/att", "nothing attached"));
    assertEquals(1, empty.code());
    assertTrue(empty.err().contains("Error: found no attestations\n"), empty.err());
  }

  @Test
  void treeListsSignaturesAndAttestations() {
    String ref = sign(f.push("dl/tree", "tree"));
    assertEquals(0, f.attest(ref, "custom", f.file("t1.txt", "t1")).code());
    assertEquals(0, f.attest(ref, "custom", f.file("t2.txt", "t2")).code());
    Result t = f.cli.run("tree", ref);
    assertEquals(0, t.code(), t.describe());
    String repo = ref.substring(0, ref.indexOf('@'));
    String stem = AttestFixture.digestOf(ref).tagStem();
    JsonNode sig = manifest(ref, ".sig").get("layers");
    JsonNode att = manifest(ref, ".att").get("layers");
    assertEquals("📦 Supply Chain Security Related artifacts for an image: " + ref + "\n"
        + "└── 🔐 Signatures for an image tag: " + repo + ":" + stem + ".sig\n"
        + "   └── 🍒 " + sig.get(0).get("digest").asText() + "\n"
        + "└── 💾 Attestations for an image tag: " + repo + ":" + stem + ".att\n"
        + "   ├── 🍒 " + att.get(0).get("digest").asText() + "\n"
        + "   └── 🍒 " + att.get(1).get("digest").asText() + "\n", t.out());
  }

  @Test
  void treeOfABareImageByTag() {
    f.push("dl/bare", "bare");
    String byTag = f.reg.host() + "/dl/bare:v1";
    Result t = f.cli.run("tree", byTag);
    assertEquals(0, t.code(), t.describe());
    assertEquals("📦 Supply Chain Security Related artifacts for an image: " + byTag + "\n"
        + "No Supply Chain Security Related Artifacts found for image " + byTag
        + ",\n start creating one with simply running$ cosign sign <img>", t.out());
  }
}
