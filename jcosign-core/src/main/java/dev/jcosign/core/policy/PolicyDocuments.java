package dev.jcosign.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.policy.ClusterImagePolicy.Attestation;
import dev.jcosign.core.policy.ClusterImagePolicy.Authority;
import dev.jcosign.core.policy.ClusterImagePolicy.Identity;
import dev.jcosign.core.policy.ClusterImagePolicy.Key;
import dev.jcosign.core.policy.ClusterImagePolicy.Keyless;
import dev.jcosign.core.policy.ClusterImagePolicy.Static;
import dev.jcosign.core.policy.ClusterImagePolicy.TLog;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the ClusterImagePolicy documents of a YAML file (one or many, {@code ---} separated; issue 14).
 * Field names and meanings are policy-controller's ({@code pkg/apis/policy/v1beta1}); what jcosign cannot
 * evaluate without a cluster ({@code secretRef}, {@code match}, CUE/Rego) is refused or reported by name.
 */
public final class PolicyDocuments {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Set<String> API_VERSIONS = Set.of("policy.sigstore.dev/v1alpha1", "policy.sigstore.dev/v1beta1");

  private PolicyDocuments() {}

  /** The policies of one or more files: policy-controller's and Kyverno's. */
  public record Policies(List<ClusterImagePolicy> clusterImagePolicies, List<KyvernoPolicy> kyverno) {
    public Policies {
      clusterImagePolicies = List.copyOf(clusterImagePolicies);
      kyverno = List.copyOf(kyverno);
    }

    public Policies plus(Policies o) {
      List<ClusterImagePolicy> c = new ArrayList<>(clusterImagePolicies);
      c.addAll(o.clusterImagePolicies);
      List<KyvernoPolicy> k = new ArrayList<>(kyverno);
      k.addAll(o.kyverno);
      return new Policies(c, k);
    }
  }

  /** Every policy in {@code yaml} (empty documents skipped); {@code file} names them in messages. */
  public static Policies readAll(String file, byte[] yaml) {
    List<ClusterImagePolicy> out = new ArrayList<>();
    List<KyvernoPolicy> kyverno = new ArrayList<>();
    int n = 0;
    try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      while (docs.hasNextValue()) {
        JsonNode doc = docs.nextValue();
        n++;
        if (doc == null || doc.isNull() || doc.isMissingNode() || (doc.isObject() && doc.isEmpty())) {
          continue;
        }
        String where = file + " document " + n;
        if (KyvernoDocuments.API_VERSIONS.contains(doc.path("apiVersion").asText())
            && (doc.path("kind").asText().equals("ClusterPolicy") || doc.path("kind").asText().equals("Policy"))) {
          Fields f = new Fields("policy " + where);
          f.object(doc, "", Set.of("apiVersion", "kind", "metadata", "spec", "status"));
          kyverno.add(KyvernoDocuments.policy(doc, where, f));
        } else {
          out.add(policy(doc, where));
        }
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof InvalidInputException i) {
        throw i;
      }
      throw new InvalidInputException("policy " + file + " document " + (n + 1) + ": not valid YAML: "
          + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
    }
    if (out.isEmpty() && kyverno.isEmpty()) {
      throw new InvalidInputException("policy " + file + ": no ClusterImagePolicy or Kyverno ClusterPolicy in it");
    }
    return new Policies(out, kyverno);
  }

  /** The ClusterImagePolicies of {@code yaml} (Kyverno documents are read and left out). */
  public static List<ClusterImagePolicy> read(String file, byte[] yaml) {
    return readAll(file, yaml).clusterImagePolicies();
  }

  private static ClusterImagePolicy policy(JsonNode doc, String where) {
    Fields f = new Fields("policy " + where);
    f.object(doc, "", Set.of("apiVersion", "kind", "metadata", "spec", "status"));
    String kind = f.string(doc, "kind", "").orElseThrow(() -> f.error("kind", "missing"));
    String api = f.string(doc, "apiVersion", "").orElseThrow(() -> f.error("apiVersion", "missing"));
    if (!kind.equals("ClusterImagePolicy")) {
      throw f.error("kind", "unknown kind " + kind + " (" + api + "; expected ClusterImagePolicy, or kyverno.io/v1 ClusterPolicy)");
    }
    if (!API_VERSIONS.contains(api)) {
      throw f.error("apiVersion", "unknown apiVersion " + api + " (expected policy.sigstore.dev/v1alpha1 or v1beta1)");
    }
    JsonNode meta = doc.path("metadata");
    String name = meta.path("name").asText("");
    if (name.isEmpty()) {
      throw f.error("metadata.name", "missing");
    }
    JsonNode spec = f.object(doc.get("spec"), "spec", Set.of("images", "authorities", "mode", "policy", "match"));
    if (spec.has("policy")) {
      throw f.error("spec.policy", "a policy-level CUE/Rego policy is not supported by jcosign");
    }
    if (spec.has("match")) {
      throw f.error("spec.match", "resource matching needs a cluster; jcosign tests images, not resources");
    }
    String mode = f.string(spec, "mode", "spec").orElse("enforce");
    if (!mode.equals("enforce") && !mode.equals("warn")) {
      throw f.error("spec.mode", "unknown mode " + mode + " (enforce or warn)");
    }
    List<ImageGlob> globs = new ArrayList<>();
    List<JsonNode> images = f.list(spec, "images", "spec");
    for (int i = 0; i < images.size(); i++) {
      String p = "spec.images[" + i + "]";
      f.object(images.get(i), p, Set.of("glob"));
      String glob = f.string(images.get(i), "glob", p).orElseThrow(() -> f.error(p + ".glob", "missing"));
      try {
        globs.add(ImageGlob.compile(glob));
      } catch (InvalidInputException e) {
        throw f.error(p + ".glob", e.getMessage());
      }
    }
    if (globs.isEmpty()) {
      throw f.error("spec.images", "missing: a policy must name the images it covers");
    }
    List<Authority> authorities = new ArrayList<>();
    List<JsonNode> as = f.list(spec, "authorities", "spec");
    for (int i = 0; i < as.size(); i++) {
      authorities.add(authority(f, as.get(i), "spec.authorities[" + i + "]", i));
    }
    return new ClusterImagePolicy(name, where, mode.equals("warn"), globs, authorities);
  }

  private static Authority authority(Fields f, JsonNode a, String p, int index) {
    f.object(a, p, Set.of("name", "key", "keyless", "static", "source", "ctlog", "attestations", "rfc3161timestamp", "signatureFormat"));
    String name = f.string(a, "name", p).filter(s -> !s.isEmpty()).orElse("authority-" + index);
    int kinds = (a.has("key") ? 1 : 0) + (a.has("keyless") ? 1 : 0) + (a.has("static") ? 1 : 0);
    if (kinds != 1) {
      throw f.error(p, "an authority needs exactly one of key, keyless, static");
    }
    Optional<Key> key = Optional.empty();
    if (a.has("key")) {
      JsonNode k = f.object(a.get("key"), p + ".key", Set.of("data", "kms", "secretRef", "hashAlgorithm"));
      if (k.has("secretRef")) {
        throw f.error(p + ".key.secretRef", "a Kubernetes secret needs a cluster; give the public key as data or kms");
      }
      Optional<String> data = f.string(k, "data", p + ".key");
      Optional<String> kms = f.string(k, "kms", p + ".key");
      if (data.isPresent() == kms.isPresent()) {
        throw f.error(p + ".key", "give exactly one of data, kms");
      }
      key = Optional.of(new Key(data, kms, f.string(k, "hashAlgorithm", p + ".key").orElse("sha256")));
    }
    Optional<Keyless> keyless = Optional.empty();
    if (a.has("keyless")) {
      JsonNode k = f.object(a.get("keyless"), p + ".keyless", Set.of("url", "identities", "trustRootRef", "insecureIgnoreSCT", "ca-cert"));
      if (k.has("ca-cert")) {
        throw f.error(p + ".keyless.ca-cert", "not supported by jcosign; use trustRootRef with --trust-root NAME=FILE");
      }
      List<Identity> ids = new ArrayList<>();
      List<JsonNode> list = f.list(k, "identities", p + ".keyless");
      for (int i = 0; i < list.size(); i++) {
        String ip = p + ".keyless.identities[" + i + "]";
        JsonNode id = f.object(list.get(i), ip, Set.of("issuer", "subject", "issuerRegExp", "subjectRegExp"));
        ids.add(new Identity(f.string(id, "issuer", ip), f.string(id, "subject", ip), f.string(id, "issuerRegExp", ip),
            f.string(id, "subjectRegExp", ip)));
      }
      if (ids.isEmpty()) {
        throw f.error(p + ".keyless.identities", "missing: keyless authorities must name identities");
      }
      keyless = Optional.of(new Keyless(ids, f.string(k, "trustRootRef", p + ".keyless"),
          f.bool(k, "insecureIgnoreSCT", p + ".keyless").orElse(false)));
    }
    Optional<Static> st = Optional.empty();
    if (a.has("static")) {
      JsonNode s = f.object(a.get("static"), p + ".static", Set.of("action", "message"));
      String action = f.string(s, "action", p + ".static").orElseThrow(() -> f.error(p + ".static.action", "missing"));
      if (!action.equals("pass") && !action.equals("fail")) {
        throw f.error(p + ".static.action", "unknown action " + action + " (pass or fail)");
      }
      st = Optional.of(new Static(action.equals("pass"), f.string(s, "message", p + ".static")));
    }
    Optional<String> sigRepo = Optional.empty();
    List<JsonNode> sources = f.list(a, "source", p);
    if (sources.size() > 1) {
      throw f.error(p + ".source", "jcosign reads one source per authority");
    }
    if (!sources.isEmpty()) {
      JsonNode s = f.object(sources.get(0), p + ".source[0]", Set.of("oci", "signaturePullSecrets", "tagPrefix"));
      if (s.has("signaturePullSecrets")) {
        throw f.error(p + ".source[0].signaturePullSecrets", "pull secrets need a cluster; jcosign uses your docker config");
      }
      if (s.has("tagPrefix")) {
        throw f.error(p + ".source[0].tagPrefix", "not supported by jcosign");
      }
      sigRepo = f.string(s, "oci", p + ".source[0]");
    }
    Optional<TLog> ctlog = Optional.empty();
    if (a.has("ctlog")) {
      JsonNode c = f.object(a.get("ctlog"), p + ".ctlog", Set.of("url", "trustRootRef"));
      ctlog = Optional.of(new TLog(f.string(c, "url", p + ".ctlog"), f.string(c, "trustRootRef", p + ".ctlog")));
    }
    Optional<String> tsa = Optional.empty();
    if (a.has("rfc3161timestamp")) {
      JsonNode t = f.object(a.get("rfc3161timestamp"), p + ".rfc3161timestamp", Set.of("trustRootRef"));
      tsa = Optional.of(f.string(t, "trustRootRef", p + ".rfc3161timestamp")
          .orElseThrow(() -> f.error(p + ".rfc3161timestamp.trustRootRef", "missing")));
    }
    String format = f.string(a, "signatureFormat", p).orElse("legacy");
    if (!format.equals("legacy") && !format.equals("bundle")) {
      throw f.error(p + ".signatureFormat", "unknown format " + format + " (legacy or bundle)");
    }
    List<Attestation> atts = new ArrayList<>();
    List<JsonNode> al = f.list(a, "attestations", p);
    for (int i = 0; i < al.size(); i++) {
      String ap = p + ".attestations[" + i + "]";
      JsonNode at = f.object(al.get(i), ap, Set.of("name", "predicateType", "policy"));
      String an = f.string(at, "name", ap).orElseThrow(() -> f.error(ap + ".name", "missing"));
      String type = f.string(at, "predicateType", ap).orElseThrow(() -> f.error(ap + ".predicateType", "missing"));
      Optional<String> policyType = at.has("policy") ? Optional.of(at.path("policy").path("type").asText("unknown")) : Optional.empty();
      atts.add(new Attestation(an, type, policyType));
    }
    return new Authority(name, key, keyless, st, sigRepo, ctlog, tsa, atts);
  }
}
