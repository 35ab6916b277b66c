package dev.jcosign.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcosign.core.json.Json;
import dev.jcosign.testing.AttestFixture;
import dev.jcosign.testing.CliRunner.Result;
import dev.jcosign.testkit.SigstoreMockServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code policy test} with Kyverno ClusterPolicy verifyImages rules (issue 14) on the real docker-registry:
 * key and keyless attestors with count, attestations with conditions, digest rules, Audit, and refusals.
 */
@Tag("e2e")
class KyvernoPolicyTestE2ETest {
  @TempDir static Path home;
  static AttestFixture f;
  static String signed;
  static String unsigned;
  static String attested;

  @BeforeAll
  static void setUp() {
    f = new AttestFixture(home);
    signed = f.push("kyverno/signed", "kyverno signed");
    unsigned = f.push("kyverno/unsigned", "kyverno unsigned");
    attested = f.push("kyverno/attested", "kyverno attested");
    assertEquals(0, f.cli.run("sign", "--key", f.key, "--tlog-upload=false", "-y", signed, attested).code());
    Path sbom = f.file("k-sbom.json", "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\",\"components\":[{\"name\":\"openssl\"},{\"name\":\"zlib\"}]}");
    Result a = f.attest(attested, "cyclonedx", sbom, "-y");
    assertEquals(0, a.code(), a.describe());
  }

  static String pem(String file) throws IOException {
    StringBuilder b = new StringBuilder();
    Files.readAllLines(Path.of(file)).forEach(l -> b.append("                  ").append(l).append('\n'));
    return b.toString();
  }

  /** A ClusterPolicy whose one rule verifies images under kyverno/ with {@code verifyImages} (indented YAML). */
  static Path policy(String name, String verifyImages) throws IOException {
    String y = "apiVersion: kyverno.io/v1\nkind: ClusterPolicy\nmetadata:\n  name: " + name + "\nspec:\n"
        + "  validationFailureAction: Enforce\n  rules:\n  - name: check-signature\n    match:\n      any:\n      - resources:\n"
        + "          kinds: [Pod]\n    verifyImages:\n    - imageReferences:\n      - \"" + f.reg.host() + "/kyverno/*\"\n" + verifyImages;
    return Files.writeString(home.resolve(name + ".yaml"), y, StandardCharsets.UTF_8);
  }

  static String keys(String... pubs) throws IOException {
    return keysAt("      ", pubs);
  }

  /** {@code attestors:} with one entry per public key, indented by {@code in}. */
  static String keysAt(String in, String... pubs) throws IOException {
    StringBuilder b = new StringBuilder(in + "attestors:\n" + in + "- entries:\n");
    for (String p : pubs) {
      b.append(in).append("  - keys:\n").append(in).append("      publicKeys: |-\n");
      for (String l : Files.readAllLines(Path.of(p))) {
        b.append(in).append("        ").append(l).append('\n');
      }
    }
    return b.toString();
  }

  static Result test(List<String> extra, Path... policies) {
    List<String> args = new ArrayList<>(List.of("policy", "test"));
    for (Path p : policies) {
      args.addAll(List.of("--policy", p.toString()));
    }
    args.addAll(extra);
    return f.cli.run(args.toArray(String[]::new));
  }

  static JsonNode json(Result r, int i) {
    return Json.parse(r.out().lines().toList().get(i).getBytes(StandardCharsets.UTF_8), "output");
  }

  @Test
  void keyAttestors_andCount() throws IOException {
    Result r = test(List.of(signed, unsigned), policy("keys", keys(f.pub)));
    assertEquals(1, r.code(), r.describe());
    assertTrue(json(r, 0).path("admitted").asBoolean(), r.out());
    assertEquals("keys/check-signature", json(r, 0).at("/policies/0/name").asText());
    assertFalse(json(r, 1).path("admitted").asBoolean(), r.out());

    String both = keys(f.pub, f.otherPub);
    assertEquals(1, test(List.of(signed), policy("all-of-two", both)).code(), "no count: every entry must verify");
    Path anyOne = policy("one-of-two", both.replace("      - entries:\n", "      - count: 1\n        entries:\n"));
    assertEquals(0, test(List.of(signed), anyOne).code());
  }

  @Test
  void attestationsWithConditions() throws IOException {
    String keyLines = "      attestations:\n      - predicateType: https://cyclonedx.org/bom\n" + keysAt("        ", f.pub);
    Path ok = policy("sbom-ok", keys(f.pub) + keyLines + "        conditions:\n        - all:\n          - key: \"{{ bomFormat }}\"\n"
        + "            operator: Equals\n            value: CycloneDX\n          - key: \"{{ components[].name }}\"\n"
        + "            operator: AnyIn\n            value: [openssl]\n");
    Result r = test(List.of(attested, signed), ok);
    assertEquals(1, r.code(), r.describe());
    assertTrue(json(r, 0).path("admitted").asBoolean(), r.out());
    assertFalse(json(r, 1).path("admitted").asBoolean(), "signed but no SBOM: " + r.out());

    Path bad = policy("sbom-bad", keys(f.pub) + keyLines + "        conditions:\n        - all:\n          - key: \"{{ components[].name }}\"\n"
        + "            operator: AllNotIn\n            value: [openssl]\n            message: openssl is banned\n");
    Result b = test(List.of(attested), bad);
    assertEquals(1, b.code(), b.describe());
    assertTrue(b.out().contains("condition not met: openssl is banned"), b.out());
  }

  @Test
  void digestRules_auditAndRequired() throws IOException {
    String tagged = f.reg.host() + "/kyverno/signed:v1";
    Result mutate = test(List.of(tagged), policy("mutate", keys(f.pub)));
    assertEquals(0, mutate.code(), mutate.describe());
    assertTrue(mutate.err().contains("(mutateDigest) would rewrite it to " + signed), mutate.err());
    Result noMutate = test(List.of(tagged), policy("no-mutate", keys(f.pub) + "      mutateDigest: false\n"));
    assertEquals(1, noMutate.code());
    assertTrue(noMutate.out().contains("the image has no digest"), noMutate.out());
    Path audit = Files.writeString(home.resolve("audit.yaml"),
        Files.readString(policy("audit", keys(f.pub))).replace("validationFailureAction: Enforce", "validationFailureAction: Audit"));
    Result a = test(List.of(unsigned), audit);
    assertEquals(0, a.code(), a.describe());
    assertTrue(a.err().contains("WARNING: " + unsigned + ": policy audit/check-signature (Audit) would report it"), a.err());
  }

  @Test
  void keylessAttestor_withRekor() throws IOException {
    SigstoreMockServer mock = SigstoreMockServer.get();
    AttestFixture.KeylessImage k = f.pushSignedKeyless("kyverno/keyless", "kyverno keyless", "ci@example.com", "k-mock-root.json");
    String image = k.image();
    Path root = k.trustedRoot();
    String keyless = "      attestors:\n      - entries:\n        - keyless:\n            subject: ci@example.com\n            issuer: " + mock.url()
        + "\n            rekor:\n              url: " + mock.url() + "\n";
    Result r = test(List.of("--trusted-root", root.toString(), image, signed), policy("keyless", keyless));
    assertEquals(1, r.code(), r.describe());
    assertTrue(json(r, 0).path("admitted").asBoolean(), r.out());
    assertFalse(json(r, 1).path("admitted").asBoolean(), r.out());
    assertEquals(1, test(List.of("--trusted-root", root.toString(), image), policy("intruder", keyless.replace("ci@", "intruder@"))).code());
  }

  @Test
  void bothKindsTogether_andRefusals() throws IOException {
    Path cip = Files.writeString(home.resolve("cip.yaml"), "apiVersion: policy.sigstore.dev/v1beta1\nkind: ClusterImagePolicy\n"
        + "metadata: {name: deny-kyverno}\nspec:\n  images: [{glob: \"" + f.reg.host() + "/kyverno/**\"}]\n"
        + "  authorities: [{static: {action: fail, message: frozen}}]\n");
    Result both = test(List.of(signed), policy("together", keys(f.pub)), cip);
    assertEquals(1, both.code());
    assertEquals(2, json(both, 0).path("policies").size());

    Path secret = policy("secret", "      attestors:\n      - entries:\n        - keys:\n            secret: {name: k, namespace: kyverno}\n");
    Result r = test(List.of(signed), secret);
    assertEquals("Error: policy " + secret + " document 1: spec.rules[0].verifyImages[0].attestors[0].entries[0].keys.secret: "
        + "a Kubernetes secret needs a cluster; give publicKeys or kms\n", r.err());
    Path op = policy("op", keys(f.pub) + "      attestations:\n      - predicateType: x\n        conditions:\n        - all:\n"
        + "          - {key: \"{{ a }}\", operator: GreaterThan, value: 1}\n");
    assertTrue(test(List.of(signed), op).err().contains("operator GreaterThan is not supported by jcosign"));
    Path jmes = policy("jmes", keys(f.pub) + "      attestations:\n      - predicateType: x\n        conditions:\n        - all:\n"
        + "          - {key: \"{{ length(components) }}\", operator: Equals, value: 1}\n");
    assertTrue(test(List.of(signed), jmes).err().contains("not full JMESPath"));
  }
}
