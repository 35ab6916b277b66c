package dev.jcosign.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcosign.core.policy.KyvernoPolicy.Attestation;
import dev.jcosign.core.policy.KyvernoPolicy.Attestor;
import dev.jcosign.core.policy.KyvernoPolicy.AttestorSet;
import dev.jcosign.core.policy.KyvernoPolicy.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code verifyImages} rules of Kyverno ClusterPolicy/Policy documents (issue 14). Field names are
 * Kyverno's ({@code api/kyverno/v1}); what needs a cluster (secrets, ConfigMap variables, nested attestors,
 * Notary) is refused by name, and resource matching ({@code match}, {@code exclude}) is read but plays no part:
 * jcosign tests images, not Pods.
 */
final class KyvernoDocuments {
  static final Set<String> API_VERSIONS = Set.of("kyverno.io/v1", "kyverno.io/v2beta1");
  private static final Pattern PEM = Pattern.compile("-----BEGIN PUBLIC KEY-----.*?-----END PUBLIC KEY-----", Pattern.DOTALL);

  private KyvernoDocuments() {}

  static KyvernoPolicy policy(JsonNode doc, String where, Fields f) {
    String name = doc.path("metadata").path("name").asText("");
    if (name.isEmpty()) {
      throw f.error("metadata.name", "missing");
    }
    JsonNode spec = f.object(doc.get("spec"), "spec", Set.of("rules", "validationFailureAction", "background",
        "webhookTimeoutSeconds", "failurePolicy", "admission", "emitWarning", "schemaValidation", "useServerSideApply",
        "applyRules", "mutateExistingOnPolicyUpdate", "generateExisting", "webhookConfiguration"));
    boolean specAudit = f.string(spec, "validationFailureAction", "spec").map(a -> a.equalsIgnoreCase("audit")).orElse(false);
    List<Rule> rules = new ArrayList<>();
    List<JsonNode> rs = f.list(spec, "rules", "spec");
    for (int i = 0; i < rs.size(); i++) {
      String p = "spec.rules[" + i + "]";
      JsonNode r = f.object(rs.get(i), p, Set.of("name", "match", "exclude", "verifyImages", "validate", "mutate", "generate",
          "preconditions", "context", "skipBackgroundRequests", "celPreconditions", "reportProperties"));
      if (!r.has("verifyImages")) {
        continue; // validate/mutate/generate rules are not about signatures
      }
      for (String unsupported : List.of("preconditions", "context", "celPreconditions")) {
        if (r.has(unsupported)) {
          throw f.error(p + "." + unsupported, "not supported by jcosign (it needs the admission request)");
        }
      }
      String ruleName = f.string(r, "name", p).orElse("rule-" + i);
      List<JsonNode> vs = f.list(r, "verifyImages", p);
      for (int j = 0; j < vs.size(); j++) {
        rules.add(verifyImages(f, vs.get(j), p + ".verifyImages[" + j + "]", ruleName, specAudit));
      }
    }
    if (rules.isEmpty()) {
      throw f.error("spec.rules", "no verifyImages rule: nothing for jcosign to evaluate");
    }
    return new KyvernoPolicy(name, where, rules);
  }

  private static Rule verifyImages(Fields f, JsonNode v, String p, String ruleName, boolean specAudit) {
    f.object(v, p, Set.of("imageReferences", "skipImageReferences", "attestors", "attestations", "repository", "mutateDigest",
        "verifyDigest", "required", "failureAction", "type", "imageRegistryCredentials", "useCache", "validate",
        "image", "key", "roots", "subject", "issuer", "additionalExtensions", "annotations", "cosignOCI11"));
    for (String deprecated : List.of("image", "key", "roots", "subject", "issuer", "additionalExtensions", "annotations")) {
      if (v.has(deprecated)) {
        throw f.error(p + "." + deprecated, "deprecated by Kyverno and not supported by jcosign: use imageReferences and attestors");
      }
    }
    for (String unsupported : List.of("skipImageReferences", "validate", "cosignOCI11")) {
      if (v.has(unsupported)) {
        throw f.error(p + "." + unsupported, "not supported by jcosign");
      }
    }
    String type = f.string(v, "type", p).orElse("Cosign");
    if (!type.equals("Cosign")) {
      throw f.error(p + ".type", type + " signatures are not supported by jcosign (Cosign only)");
    }
    List<String> refs = new ArrayList<>();
    for (JsonNode n : f.list(v, "imageReferences", p)) {
      refs.add(n.asText());
    }
    if (refs.isEmpty()) {
      throw f.error(p + ".imageReferences", "missing: an image reference is required");
    }
    Optional<String> repo = f.string(v, "repository", p);
    List<AttestorSet> attestors = attestorSets(f, v, p);
    List<Attestation> attestations = new ArrayList<>();
    List<JsonNode> as = f.list(v, "attestations", p);
    for (int i = 0; i < as.size(); i++) {
      String ap = p + ".attestations[" + i + "]";
      JsonNode a = f.object(as.get(i), ap, Set.of("type", "predicateType", "attestors", "conditions", "name"));
      String predicate = f.string(a, "predicateType", ap).or(() -> f.string(a, "type", ap))
          .orElseThrow(() -> f.error(ap + ".predicateType", "missing"));
      List<JsonNode> conditions = f.list(a, "conditions", ap);
      for (int c = 0; c < conditions.size(); c++) {
        Conditions.check(f, conditions.get(c), ap + ".conditions[" + c + "]");
      }
      attestations.add(new Attestation(predicate, attestorSets(f, a, ap), conditions));
    }
    boolean audit = f.string(v, "failureAction", p).map(a -> a.equalsIgnoreCase("audit")).orElse(specAudit);
    return new Rule(ruleName, refs, attestors, attestations, repo, f.bool(v, "mutateDigest", p).orElse(true),
        f.bool(v, "verifyDigest", p).orElse(true), f.bool(v, "required", p).orElse(true), audit);
  }

  private static List<AttestorSet> attestorSets(Fields f, JsonNode parent, String p) {
    List<AttestorSet> sets = new ArrayList<>();
    List<JsonNode> ss = f.list(parent, "attestors", p);
    for (int i = 0; i < ss.size(); i++) {
      String sp = p + ".attestors[" + i + "]";
      JsonNode s = f.object(ss.get(i), sp, Set.of("count", "entries"));
      List<Attestor> entries = new ArrayList<>();
      List<JsonNode> es = f.list(s, "entries", sp);
      for (int e = 0; e < es.size(); e++) {
        entries.addAll(attestor(f, es.get(e), sp + ".entries[" + e + "]"));
      }
      if (entries.isEmpty()) {
        throw f.error(sp + ".entries", "missing: an entry is required");
      }
      Optional<Integer> count = s.has("count") ? Optional.of(s.get("count").asInt()) : Optional.empty();
      if (count.isPresent() && count.get() > entries.size()) {
        throw f.error(sp + ".count", "cannot exceed the number of entries (" + entries.size() + ")");
      }
      sets.add(new AttestorSet(count, entries));
    }
    return sets;
  }

  /** One entry; a {@code publicKeys} with several PEM blocks is one attestor per key, as in Kyverno. */
  private static List<Attestor> attestor(Fields f, JsonNode e, String p) {
    f.object(e, p, Set.of("keys", "keyless", "certificates", "attestor", "repository", "annotations"));
    for (String unsupported : List.of("certificates", "attestor", "annotations")) {
      if (e.has(unsupported)) {
        throw f.error(p + "." + unsupported, "not supported by jcosign");
      }
    }
    Optional<String> repo = f.string(e, "repository", p);
    if (e.has("keys") == e.has("keyless")) {
      throw f.error(p, "keys or keyless is required (one of them)");
    }
    if (e.has("keys")) {
      JsonNode k = f.object(e.get("keys"), p + ".keys", Set.of("publicKeys", "signatureAlgorithm", "kms", "secret", "rekor", "ctlog"));
      if (k.has("secret")) {
        throw f.error(p + ".keys.secret", "a Kubernetes secret needs a cluster; give publicKeys or kms");
      }
      Log log = log(f, k, p + ".keys");
      String alg = f.string(k, "signatureAlgorithm", p + ".keys").orElse("sha256");
      Optional<String> kms = f.string(k, "kms", p + ".keys");
      Optional<String> pems = f.string(k, "publicKeys", p + ".keys");
      if (pems.isPresent() && (pems.get().startsWith("k8s://") || pems.get().contains("{{"))) {
        throw f.error(p + ".keys.publicKeys", "secrets and variables need a cluster; give the PEM itself");
      }
      if (pems.isPresent() == kms.isPresent()) {
        throw f.error(p + ".keys", "give exactly one of publicKeys, kms");
      }
      List<Attestor> out = new ArrayList<>();
      if (kms.isPresent()) {
        out.add(new Attestor(Optional.empty(), kms, alg, Optional.empty(), log.url, log.ignore, log.ignoreSct, repo));
      } else {
        Matcher m = PEM.matcher(pems.get());
        while (m.find()) {
          out.add(new Attestor(Optional.of(m.group()), Optional.empty(), alg, Optional.empty(), log.url, log.ignore, log.ignoreSct, repo));
        }
        if (out.isEmpty()) {
          throw f.error(p + ".keys.publicKeys", "no PEM public key in it");
        }
      }
      return out;
    }
    JsonNode k = f.object(e.get("keyless"), p + ".keyless", Set.of("subject", "subjectRegExp", "issuer", "issuerRegExp", "roots",
        "rekor", "ctlog", "additionalExtensions"));
    for (String unsupported : List.of("roots", "additionalExtensions")) {
      if (k.has(unsupported)) {
        throw f.error(p + ".keyless." + unsupported, "not supported by jcosign; give the trusted root with --trusted-root");
      }
    }
    Log log = log(f, k, p + ".keyless");
    if (!k.has("rekor")) {
      throw f.error(p + ".keyless.rekor", "missing: Kyverno needs rekor (or roots, which jcosign does not support)");
    }
    ClusterImagePolicy.Identity id = new ClusterImagePolicy.Identity(f.string(k, "issuer", p + ".keyless"),
        f.string(k, "subject", p + ".keyless"), f.string(k, "issuerRegExp", p + ".keyless"), f.string(k, "subjectRegExp", p + ".keyless"));
    return List.of(new Attestor(Optional.empty(), Optional.empty(), "sha256", Optional.of(id), log.url, log.ignore, log.ignoreSct, repo));
  }

  private record Log(Optional<String> url, boolean ignore, boolean ignoreSct) {}

  /** {@code rekor}: absent = not checked; present = checked at its url (default the public log) unless ignoreTlog. */
  private static Log log(Fields f, JsonNode k, String p) {
    boolean ignoreSct = false;
    if (k.has("ctlog")) {
      JsonNode c = f.object(k.get("ctlog"), p + ".ctlog", Set.of("ignoreSCT", "pubkey", "tsaCertChain"));
      if (c.has("pubkey") || c.has("tsaCertChain")) {
        throw f.error(p + ".ctlog", "pubkey and tsaCertChain are not supported by jcosign; give the trusted root with --trusted-root");
      }
      ignoreSct = f.bool(c, "ignoreSCT", p + ".ctlog").orElse(false);
    }
    if (!k.has("rekor")) {
      return new Log(Optional.empty(), true, ignoreSct);
    }
    JsonNode r = f.object(k.get("rekor"), p + ".rekor", Set.of("url", "ignoreTlog", "pubkey"));
    if (r.has("pubkey")) {
      throw f.error(p + ".rekor.pubkey", "not supported by jcosign; give the trusted root with --trusted-root");
    }
    boolean ignore = f.bool(r, "ignoreTlog", p + ".rekor").orElse(false);
    return new Log(Optional.of(f.string(r, "url", p + ".rekor").orElse("https://rekor.sigstore.dev")), ignore, ignoreSct);
  }
}
