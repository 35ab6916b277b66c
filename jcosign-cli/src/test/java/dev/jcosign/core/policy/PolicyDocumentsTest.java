package dev.jcosign.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcosign.core.error.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/** Reading ClusterImagePolicy YAML (issue 14): both API versions, many documents, and one clear line per mistake. */
class PolicyDocumentsTest {
  static final String HEAD = "apiVersion: policy.sigstore.dev/v1beta1\nkind: ClusterImagePolicy\nmetadata:\n  name: p\nspec:\n";

  static List<ClusterImagePolicy> read(String yaml) {
    return PolicyDocuments.read("cip.yaml", yaml.getBytes(StandardCharsets.UTF_8));
  }

  static String error(String yaml) {
    return assertThrows(InvalidInputException.class, () -> read(yaml)).getMessage();
  }

  @Test
  void manyDocumentsOfBothVersions() {
    List<ClusterImagePolicy> ps = read(HEAD + "  mode: warn\n  images: [{glob: \"ghcr.io/**\"}]\n  authorities:\n"
        + "  - keyless:\n      identities:\n      - issuer: https://token.actions.githubusercontent.com\n"
        + "        subjectRegExp: ^https://github.com/org/.*$\n    ctlog: {url: https://rekor.sigstore.dev}\n"
        + "    attestations:\n    - {name: sbom, predicateType: https://cyclonedx.org/bom}\n"
        + "---\n---\napiVersion: policy.sigstore.dev/v1alpha1\nkind: ClusterImagePolicy\nmetadata: {name: q}\n"
        + "spec:\n  images: [{glob: \"**\"}]\n  authorities: [{name: ok, static: {action: pass}}]\n");
    assertEquals(2, ps.size());
    ClusterImagePolicy p = ps.get(0);
    assertTrue(p.warn());
    assertEquals("authority-0", p.authorities().get(0).name());
    assertEquals("^https://github.com/org/.*$", p.authorities().get(0).keyless().orElseThrow().identities().get(0).subjectRegExp().orElseThrow());
    assertEquals("https://cyclonedx.org/bom", p.authorities().get(0).attestations().get(0).predicateType());
    assertFalse(ps.get(1).warn());
    assertTrue(ps.get(1).authorities().get(0).staticAction().orElseThrow().pass());
  }

  static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> mistakes() {
    String[] rows = {
    "  images: [{glob: \"**\"}]\n  authorities: [{static: {action: pass}, colour: red}]|"
        + "policy cip.yaml document 1: spec.authorities[0].colour: unknown field",
    "  images: [{glob: \"**\"}]\n  authorities: [{key: {secretRef: {name: k}}}]|"
        + "policy cip.yaml document 1: spec.authorities[0].key.secretRef: a Kubernetes secret needs a cluster",
    "  images: [{glob: \".+\"}]|policy cip.yaml document 1: spec.images[0].glob: invalid glob \".+\"",
    "  images: [{glob: \"**\"}]\n  mode: audit|policy cip.yaml document 1: spec.mode: unknown mode audit",
    "  images: [{glob: \"**\"}]\n  authorities: [{static: {action: pass}, key: {data: x}}]|"
        + "policy cip.yaml document 1: spec.authorities[0]: an authority needs exactly one of key, keyless, static",
    "  authorities: []|policy cip.yaml document 1: spec.images: missing",
    "  images: [{glob: \"**\"}]\n  policy: {type: cue, data: x}|policy cip.yaml document 1: spec.policy: a policy-level CUE/Rego policy is not supported",
  };
    return java.util.Arrays.stream(rows).map(r -> org.junit.jupiter.params.provider.Arguments.of(r.substring(0, r.indexOf('|')),
        r.substring(r.indexOf('|') + 1)));
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.MethodSource("mistakes")
  void mistakesAreOneLineNamingTheDocumentAndField(String spec, String expected) {
    String m = error(HEAD + spec + "\n");
    assertTrue(m.startsWith(expected), m);
    assertFalse(m.contains("\n"), m);
  }

  @Test
  void unknownKindsAndKyvernoAndBadYaml() {
    assertTrue(error("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n").contains("kind: unknown kind ConfigMap"));
    assertTrue(error("apiVersion: kyverno.io/v1\nkind: ClusterPolicy\nmetadata: {name: x}\nspec: {}\n").contains("no verifyImages rule"));
    assertTrue(error("apiVersion: policy.sigstore.dev/v9\nkind: ClusterImagePolicy\nmetadata: {name: x}\nspec: {}\n")
        .contains("unknown apiVersion policy.sigstore.dev/v9"));
    String yaml = error("spec: [unclosed\n");
    assertTrue(yaml.startsWith("policy cip.yaml document 1: not valid YAML"), yaml);
    assertEquals("policy cip.yaml: no ClusterImagePolicy or Kyverno ClusterPolicy in it", error("---\n"));
  }
}
