package dev.jcosign.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcosign.core.json.Json;
import dev.jcosign.testing.AttestFixture;
import dev.jcosign.testing.CliRunner.Result;
import dev.jcosign.testing.OpensslRunner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** attest → verify-attestation on a real registry (issue 4 test list), with independent checks. */
@Tag("e2e")
class AttestVerifyE2ETest {
  private static final String URI_TYPE = "https://example.com/custom/v1";
  @TempDir static Path home;
  static AttestFixture f;

  @BeforeAll
  static void setUp() {
    f = new AttestFixture(home);
  }

  private static String statementOf(byte[] envelope) {
    return new String(Base64.getDecoder().decode(Json.parse(envelope, "env").get("payload").asText()), StandardCharsets.UTF_8);
  }

  @Test
  void manyImages_checkedConcurrently_printInArgumentOrder_andStopAtTheFirstFailure() {
    List<String> refs = new java.util.ArrayList<>();
    StringBuilder sequential = new StringBuilder();
    for (int i = 0; i < 6; i++) {
      String ref = f.push("att/many" + i, "many " + i);
      assertEquals(0, f.attest(ref, "custom", f.file("n" + i + ".txt", "image " + i + "\n")).code());
      refs.add(ref);
      Result one = f.verify(f.pub, "custom", ref);
      assertEquals(0, one.code(), one.describe());
      sequential.append(one.out());
    }
    Result all = f.verify(f.pub, "custom", refs.toArray(String[]::new));
    assertEquals(0, all.code(), all.describe());
    assertEquals(sequential.toString(), all.out(), "the same bytes in the same order as one image at a time");
    List<String> headers = all.err().lines().filter(l -> l.startsWith("Verification for ")).toList();
    assertEquals(refs.stream().map(r -> "Verification for " + r + " --").toList(), headers);

    // an unattested image in the middle: the ones before it are printed, then its error, nothing after
    List<String> broken = new java.util.ArrayList<>(refs);
    broken.add(2, f.push("att/none", "no attestations"));
    Result stop = f.verify(f.pub, "custom", broken.toArray(String[]::new));
    assertTrue(stop.code() != 0, stop.describe());
    String firstTwo = f.verify(f.pub, "custom", refs.get(0), refs.get(1)).out();
    assertEquals(firstTwo, stop.out());
    assertEquals(1, stop.err().lines().filter(l -> l.startsWith("Error: ")).count(), stop.describe());
  }

  @Test
  void threePredicateTypesOnOneImage() {
    String ref = f.push("att/three", "three");
    Result custom = f.attest(ref, "custom", f.file("notes.txt", "built on a Tuesday\n"));
    assertEquals(0, custom.code(), custom.describe());
    assertEquals("", custom.out());
    Result bom = f.attest(ref, "cyclonedx", f.file("bom.json", "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\"}"));
    assertEquals(0, bom.code(), bom.describe());
    Result uri = f.cli.runWithStdin("{\"answer\": 42}", "attest", "--key", f.key, "--tlog-upload=false", "-y",
        "--type", URI_TYPE, "--predicate", "-", ref);
    assertEquals(0, uri.code(), uri.describe());
    assertTrue(uri.err().contains("Pushing attestation to: "), uri.err());

    JsonNode m = f.attManifest(ref);
    assertEquals(3, m.get("layers").size());
    String[] types = {"https://cosign.sigstore.dev/attestation/v1", "https://cyclonedx.org/bom", URI_TYPE};
    for (int i = 0; i < 3; i++) {
      JsonNode l = m.get("layers").get(i);
      assertEquals("application/vnd.dsse.envelope.v1+json", l.get("mediaType").asText());
      assertEquals("", l.get("annotations").get("dev.cosignproject.cosign/signature").asText());
      assertEquals(types[i], l.get("annotations").get("predicateType").asText());
    }
    String repo = ref.substring(0, ref.indexOf('@'));
    String hex = AttestFixture.digestOf(ref).hex();
    String st = statementOf(f.attLayer(ref, 2));
    assertEquals("{\"_type\":\"https://in-toto.io/Statement/v0.1\",\"predicateType\":\"" + URI_TYPE + "\",\"subject\":[{\"name\":\""
        + repo + "\",\"digest\":{\"sha256\":\"" + hex + "\"}}],\"predicate\":{\"answer\":42}}", st);
    assertTrue(statementOf(f.attLayer(ref, 0)).contains("\"predicate\":{\"Data\":\"built on a Tuesday\\n\",\"Timestamp\":\""));

    String[][] cases = {{"custom", "0"}, {"cyclonedx", "1"}, {URI_TYPE, "2"}};
    for (String[] c : cases) {
      Result v = f.verify(f.pub, c[0], ref);
      assertEquals(0, v.code(), v.describe());
      // spec §4.6: each envelope, as stored, on its own stdout line
      assertEquals(new String(f.attLayer(ref, Integer.parseInt(c[1])), StandardCharsets.UTF_8) + "\n", v.out());
      assertTrue(v.err().contains("\nVerification for " + ref + " --\nThe following checks were performed on each of these signatures:\n"
          + "  - The cosign claims were validated\n  - The signatures were verified against the specified public key\n"), v.err());
    }
    Result byDefault = f.cli.run("verify-attestation", "--key", f.pub, "--insecure-ignore-tlog", ref);
    assertEquals(0, byDefault.code(), byDefault.describe());
    assertEquals(1, byDefault.out().lines().count(), "default --type is custom");
  }

  @Test
  void wrongTypeGivesCosignsMessage() {
    String ref = f.push("att/wrongtype", "wrongtype");
    assertEquals(0, f.attest(ref, "custom", f.file("c.txt", "x")).code());
    assertEquals(0, f.attest(ref, "openvex", f.file("vex.json", "{\"@context\":\"https://openvex.dev/ns/v0.2.0\"}")).code());
    Result v = f.verify(f.pub, "spdxjson", ref);
    assertEquals(1, v.code(), v.describe());
    assertEquals("", v.out());
    assertTrue(v.err().contains("Error: none of the attestations matched the predicate type: spdxjson, found: "
        + "https://cosign.sigstore.dev/attestation/v1,https://openvex.dev/ns\n"), v.err());
  }

  @Test
  void replaceDropsOnlyTheSamePredicateType() {
    String ref = f.push("att/replace", "replace");
    assertEquals(0, f.attest(ref, "custom", f.file("r1.txt", "first")).code());
    assertEquals(0, f.attest(ref, "custom", f.file("r2.txt", "second")).code());
    assertEquals(0, f.attest(ref, "cyclonedx", f.file("r.json", "{\"bomFormat\":\"CycloneDX\"}")).code());
    assertEquals(3, f.attManifest(ref).get("layers").size(), "a second attestation appends");
    Result r = f.attest(ref, "custom", f.file("r3.txt", "third"), "--replace");
    assertEquals(0, r.code(), r.describe());
    JsonNode layers = f.attManifest(ref).get("layers");
    assertEquals(2, layers.size());
    assertEquals("https://cyclonedx.org/bom", layers.get(0).get("annotations").get("predicateType").asText());
    Result v = f.verify(f.pub, "custom", ref);
    assertEquals(0, v.code(), v.describe());
    assertEquals(1, v.out().lines().count());
    assertTrue(statementOf(v.out().strip().getBytes(StandardCharsets.UTF_8)).contains("\"Data\":\"third\""));
  }

  @Test
  void opensslAndPythonCheckTheStoredEnvelope() throws Exception {
    String ref = f.push("att/independent", "independent");
    assertEquals(0, f.attest(ref, "cyclonedx", f.file("i.json", "{\"bomFormat\":\"CycloneDX\"}")).code());
    Path work = Files.createTempDirectory(home, "indep");
    Files.write(work.resolve("envelope.json"), f.attLayer(ref, 0));
    // a generic reader: json module only; writes PAE and the DER signature for openssl
    String script = String.join("\n",
        "import json, base64, sys",
        "env = json.load(open('envelope.json'))",
        "payload = base64.b64decode(env['payload'])",
        "t = env['payloadType'].encode()",
        "pae = b'DSSEv1 %d %s %d %s' % (len(t), t, len(payload), payload)",
        "open('pae.bin', 'wb').write(pae)",
        "open('sig.der', 'wb').write(base64.b64decode(env['signatures'][0]['sig']))",
        "st = json.loads(payload)",
        "print(st['_type']); print(st['subject'][0]['digest']['sha256']); print(st['predicateType'])");
    String[] lines = AttestFixture.python(work, script).split("\n");
    assertEquals("https://in-toto.io/Statement/v0.1", lines[0]);
    assertEquals(AttestFixture.digestOf(ref).hex(), lines[1]);
    assertEquals("https://cyclonedx.org/bom", lines[2]);
    String ok = OpensslRunner.ok(work, "dgst", "-sha256", "-verify", f.pub, "-signature", "sig.der", "pae.bin");
    assertTrue(ok.contains("Verified OK"), ok);
    // the statement alone, without PAE, must not verify
    Files.write(work.resolve("statement.bin"), Base64.getDecoder().decode(Json.parse(f.attLayer(ref, 0), "e").get("payload").asText()));
    assertEquals(1, OpensslRunner.run(work, "dgst", "-sha256", "-verify", f.pub, "-signature", "sig.der", "statement.bin").code());
    assertArrayEquals(Files.readAllBytes(work.resolve("envelope.json")), f.attLayer(ref, 0));
  }
}
