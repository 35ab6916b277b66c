package dev.jcosign.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcosign.core.json.Json;
import dev.jcosign.testing.AttestFixture;
import dev.jcosign.testing.CliRunner;
import dev.jcosign.testing.CliRunner.Result;
import dev.jcosign.testkit.AwsKmsFake;
import dev.jcosign.testkit.SigstoreMockServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code policy test} (issue 14) on the real docker-registry with images jcosign signed: each authority kind
 * with an image it admits and one it refuses, ** globs, several policies on one image, warn mode, the
 * no-match rule, and the JSON and summary lines. Policies follow policy-controller's field names.
 */
@Tag("e2e")
class PolicyTestE2ETest {
  @TempDir static Path home;
  static AttestFixture f;
  static String signed;
  static String unsigned;

  @BeforeAll
  static void setUp() {
    f = new AttestFixture(home);
    signed = f.push("policy/signed", "signed image");
    unsigned = f.push("policy/unsigned", "unsigned image");
    Result s = f.cli.run("sign", "--key", f.key, "--tlog-upload=false", "-y", signed);
    assertEquals(0, s.code(), s.describe());
  }

  static Path policy(String name, String yaml) throws IOException {
    return Files.writeString(home.resolve(name + ".yaml"), yaml, StandardCharsets.UTF_8);
  }

  static String cip(String name, String glob, String authorities) {
    return "apiVersion: policy.sigstore.dev/v1beta1\nkind: ClusterImagePolicy\nmetadata:\n  name: " + name + "\nspec:\n"
        + "  images:\n  - glob: \"" + glob + "\"\n  authorities:\n" + authorities;
  }

  static String keyAuthority(String pubFile) throws IOException {
    StringBuilder b = new StringBuilder("  - name: ci-key\n    key:\n      data: |\n");
    Files.readAllLines(Path.of(pubFile)).forEach(l -> b.append("        ").append(l).append('\n'));
    return b.toString();
  }

  static Result test(CliRunner c, List<String> extra, Path... policies) {
    List<String> args = new ArrayList<>(List.of("policy", "test"));
    for (Path p : policies) {
      args.add("--policy");
      args.add(p.toString());
    }
    args.addAll(extra);
    return c.run(args.toArray(String[]::new));
  }

  static JsonNode json(Result r, int i) {
    return Json.parse(r.out().lines().toList().get(i).getBytes(StandardCharsets.UTF_8), "policy test output");
  }

  @Test
  void keyData_admitsTheSignedImage_andRefusesTheUnsignedOne_withVerifysReason() throws IOException {
    Path p = policy("key", cip("signed-by-ci", f.reg.host() + "/policy/**", keyAuthority(f.pub)));
    Result r = test(f.cli, List.of(signed, unsigned), p);
    assertEquals(1, r.code(), r.describe());
    JsonNode ok = json(r, 0);
    assertTrue(ok.path("admitted").asBoolean(), ok.toString());
    assertEquals("ci-key", ok.at("/policies/0/authorities/0/name").asText());
    JsonNode no = json(r, 1);
    assertFalse(no.path("admitted").asBoolean());
    String reason = no.at("/policies/0/authorities/0/reason").asText();
    Result verify = f.cli.run("verify", "--key", f.pub, "--insecure-ignore-tlog", unsigned);
    assertTrue(verify.err().contains(reason), "the same words as verify: " + reason + " / " + verify.err());
    assertTrue(r.err().contains("admitted " + signed + " by signed-by-ci"), r.err());
    assertTrue(r.err().contains("denied " + unsigned + ": no authority of signed-by-ci passed"), r.err());

    Result wrongKey = test(f.cli, List.of(signed), policy("other", cip("other-key", "**", keyAuthority(f.otherPub))));
    assertEquals(1, wrongKey.code(), wrongKey.describe());
  }

  @Test
  void severalPoliciesOnOneImage_allMustPass_warnModeOnlyWarns_andStaticDecides() throws IOException {
    Path key = policy("key2", cip("signed-by-ci", "**", keyAuthority(f.pub)));
    Path pass = policy("pass", cip("allow-all", "**", "  - static: {action: pass}\n"));
    Path fail = policy("fail", cip("deny-all", f.reg.host() + "/policy/signed*", "  - static: {action: fail, message: frozen}\n"));
    Path warn = policy("warn", cip("warn-all", "**", "  - static: {action: fail}\n").replace("spec:\n", "spec:\n  mode: warn\n"));

    Result both = test(f.cli, List.of(signed), key, pass);
    assertEquals(0, both.code(), both.describe());
    assertEquals(2, json(both, 0).path("policies").size());

    Result denied = test(f.cli, List.of(signed), key, fail);
    assertEquals(1, denied.code());
    assertEquals("frozen", json(denied, 0).at("/policies/1/authorities/0/reason").asText());

    Result warned = test(f.cli, List.of(signed), key, warn);
    assertEquals(0, warned.code(), warned.describe());
    assertTrue(warned.err().contains("WARNING: " + signed + ": policy warn-all (warn mode) would refuse it"), warned.err());

    Result staticPass = test(f.cli, List.of(unsigned), pass);
    assertEquals(0, staticPass.code(), staticPass.describe());
  }

  @Test
  void globsAndTheNoMatchRule() throws IOException {
    Path elsewhere = policy("elsewhere", cip("ghcr-only", "ghcr.io/**", "  - static: {action: pass}\n"));
    Result deny = test(f.cli, List.of(signed), elsewhere);
    assertEquals(1, deny.code());
    assertTrue(deny.err().contains("denied " + signed + ": no policy matches it"), deny.err());
    Result allow = test(f.cli, List.of("--no-match-policy", "allow", signed), elsewhere);
    assertEquals(0, allow.code(), allow.describe());
    Path oneStar = policy("onestar", cip("one-level", f.reg.host() + "/*", "  - static: {action: pass}\n"));
    assertEquals(1, test(f.cli, List.of(signed), oneStar).code(), "* does not cross /");
  }

  @Test
  void sourceOci_readsSignaturesFromAnotherRepository() throws IOException {
    String image = f.push("policy/elsewhere-signed", "signatures stored elsewhere");
    String sigRepo = f.reg.host() + "/policy/signatures";
    Result s = f.cli.with("COSIGN_REPOSITORY", sigRepo).run("sign", "--key", f.key, "--tlog-upload=false", "-y", image);
    assertEquals(0, s.code(), s.describe());
    Path withSource = policy("source", cip("sourced", "**", keyAuthority(f.pub) + "    source:\n    - oci: " + sigRepo + "\n"));
    assertEquals(0, test(f.cli, List.of(image), withSource).code());
    Path withoutSource = policy("nosource", cip("unsourced", "**", keyAuthority(f.pub)));
    assertEquals(1, test(f.cli, List.of(image), withoutSource).code());
  }

  @Test
  void attestations_verifyByPredicateType_andCueIsReportedByName() throws IOException {
    String image = f.push("policy/attested", "attested image");
    Path sbom = f.file("sbom.json", "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\"}");
    Result a = f.attest(image, "cyclonedx", sbom, "-y");
    assertEquals(0, a.code(), a.describe());
    String att = "    attestations:\n    - name: sbom\n      predicateType: https://cyclonedx.org/bom\n";
    Path ok = policy("att", cip("has-sbom", "**", keyAuthority(f.pub) + att));
    Result r = test(f.cli, List.of(image, signed), ok);
    assertEquals(1, r.code(), r.describe());
    assertTrue(json(r, 0).path("admitted").asBoolean(), r.out());
    assertFalse(json(r, 1).path("admitted").asBoolean(), "signed but without an SBOM attestation");
    Path cue = policy("cue", cip("cue", "**", keyAuthority(f.pub) + att + "      policy:\n        type: cue\n        data: 'predicate: {}'\n"));
    Result c = test(f.cli, List.of(image), cue);
    assertEquals(1, c.code());
    assertEquals("attestation sbom: cue policies are not supported by jcosign", json(c, 0).at("/policies/0/authorities/0/reason").asText());
  }

  @Test
  void kms_keyAuthority() throws IOException {
    try (AwsKmsFake kms = new AwsKmsFake()) {
      CliRunner aws = f.cli.with("AWS_ACCESS_KEY_ID", AwsKmsFake.ACCESS_KEY).with("AWS_SECRET_ACCESS_KEY", AwsKmsFake.SECRET_KEY)
          .with("AWS_REGION", AwsKmsFake.REGION).with("AWS_TLS_INSECURE_SKIP_VERIFY", "1");
      String uri = "awskms://" + kms.endpoint() + "/alias/policy";
      Result g = aws.run("generate-key-pair", "--kms", uri, "--output-key-prefix", home.resolve("kms").toString());
      assertEquals(0, g.code(), g.describe());
      String image = f.push("policy/kms", "kms signed");
      assertEquals(0, aws.run("sign", "--key", uri, "--tlog-upload=false", "-y", image).code());
      Path p = policy("kms", cip("kms-signed", "**", "  - key:\n      kms: " + uri + "\n"));
      Result r = test(aws, List.of(image, signed), p);
      assertEquals(1, r.code(), r.describe());
      assertTrue(json(r, 0).path("admitted").asBoolean(), r.out());
      assertFalse(json(r, 1).path("admitted").asBoolean(), r.out());
    }
  }

  @Test
  void keyless_identitiesAndATrustRootFile() throws IOException {
    SigstoreMockServer mock = SigstoreMockServer.get();
    AttestFixture.KeylessImage k = f.pushSignedKeyless("policy/keyless", "keyless image", "release@example.com", "mock-root.json");
    String image = k.image();
    Path root = k.trustedRoot();
    String keyless = "  - keyless:\n      trustRootRef: mock\n      identities:\n      - issuer: " + mock.url()
        + "\n        subjectRegExp: ^release@example\\.com$\n    ctlog:\n      url: " + mock.url() + "\n      trustRootRef: mock\n";
    Path p = policy("keyless", cip("release-identity", "**", keyless));
    Result r = test(f.cli, List.of("--trust-root", "mock=" + root, image, signed), p);
    assertEquals(1, r.code(), r.describe());
    assertTrue(json(r, 0).path("admitted").asBoolean(), r.out());
    assertFalse(json(r, 1).path("admitted").asBoolean(), r.out());
    Path other = policy("other-identity", cip("someone-else", "**", keyless.replace("release@", "intruder@")));
    assertEquals(1, test(f.cli, List.of("--trust-root", "mock=" + root, image), other).code());
    Result noRoot = test(f.cli, List.of(image), p);
    assertEquals(1, noRoot.code());
    assertTrue(json(noRoot, 0).at("/policies/0/authorities/0/reason").asText().contains("--trust-root mock=FILE"), noRoot.out());
  }

  @Test
  void localImage_aLayoutWrittenBySave_underTheNameTheClusterWillSee() throws IOException {
    String attestedImage = f.push("policy/local-attested", "attested then saved");
    assertEquals(0, f.cli.run("sign", "--key", f.key, "--tlog-upload=false", "-y", attestedImage).code());
    Path sbom = f.file("local-sbom.json", "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\"}");
    assertEquals(0, f.attest(attestedImage, "cyclonedx", sbom, "-y").code());
    Path saved = home.resolve("saved-attested");
    Path savedUnsigned = home.resolve("saved-unsigned");
    assertEquals(0, f.cli.run("save", "--dir", saved.toString(), attestedImage).code());
    assertEquals(0, f.cli.run("save", "--dir", savedUnsigned.toString(), unsigned).code());
    // a name on a registry that does not exist: everything comes from the layout
    String name = "registry.example/team/app:1.0";
    Path key = policy("local-key", cip("team-signed", "registry.example/team/**", keyAuthority(f.pub)));
    Result ok = test(f.cli, List.of("--local-image", saved.toString(), name), key);
    assertEquals(0, ok.code(), ok.describe());
    assertEquals(name, json(ok, 0).path("image").asText());
    Result no = test(f.cli, List.of("--local-image", savedUnsigned.toString(), name), key);
    assertEquals(1, no.code(), no.describe());
    Path att = policy("local-att", cip("team-sbom", "registry.example/team/**", keyAuthority(f.pub)
        + "    attestations:\n    - name: sbom\n      predicateType: https://cyclonedx.org/bom\n"));
    Result a = test(f.cli, List.of("--local-image", saved.toString(), name), att);
    assertEquals(1, a.code(), a.describe());
    assertTrue(json(a, 0).at("/policies/0/authorities/0/reason").asText().contains("attestations in a --local-image layout are not evaluated yet"),
        a.out());
    Result two = test(f.cli, List.of("--local-image", saved.toString(), name, name), key);
    assertEquals("Error: --local-image takes one IMAGE: the name the cluster will see for the saved image\n", two.err());
  }

  @Test
  void badPolicies_areOneLine() throws IOException {
    Path bad = policy("bad", cip("x", "**", "  - key:\n      secretRef: {name: k}\n"));
    Result r = test(f.cli, List.of(signed), bad);
    assertEquals(1, r.code());
    assertEquals("Error: policy " + bad + " document 1: spec.authorities[0].key.secretRef: a Kubernetes secret needs a cluster; "
        + "give the public key as data or kms\n", r.err());
    assertEquals("", r.out());
  }
}
