package dev.jcosign.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * The {@code verifyImages} rules of a Kyverno {@code ClusterPolicy} ({@code kyverno.io/v1}), as far as jcosign
 * evaluates them (issue 14; docs/admission-policies.md lists the fields).
 *
 * @param source where it came from ({@code FILE document N}), for messages
 */
public record KyvernoPolicy(String name, String source, List<Rule> rules) {
  public KyvernoPolicy {
    rules = List.copyOf(rules);
  }

  /** One {@code verifyImages} entry of a rule; {@code audit}: {@code failureAction}/{@code validationFailureAction} Audit. */
  public record Rule(String name, List<String> imageReferences, List<AttestorSet> attestors, List<Attestation> attestations,
      Optional<String> repository, boolean mutateDigest, boolean verifyDigest, boolean required, boolean audit) {
    public Rule {
      imageReferences = List.copyOf(imageReferences);
      attestors = List.copyOf(attestors);
      attestations = List.copyOf(attestations);
    }

    /** Whether a pattern matches (Kyverno's wildcards: {@code *} any run, {@code ?} one character). */
    public boolean matches(String image, String fullName) {
      return imageReferences.stream().anyMatch(p -> wildcard(p, image) || wildcard(p, fullName));
    }

    private static boolean wildcard(String pattern, String s) {
      StringBuilder re = new StringBuilder();
      for (char c : pattern.toCharArray()) {
        re.append(c == '*' ? ".*" : c == '?' ? "." : java.util.regex.Pattern.quote(String.valueOf(c)));
      }
      return s.matches(re.toString());
    }
  }

  /** {@code count} of the {@code entries} must verify; no count = all of them. */
  public record AttestorSet(Optional<Integer> count, List<Attestor> entries) {
    public AttestorSet {
      entries = List.copyOf(entries);
    }

    public int required() {
      return count.filter(c -> c > 0).orElse(entries.size());
    }
  }

  /** {@code keys} (one PEM or a KMS URI) or {@code keyless} (subject/issuer, exact or RegExp); the Rekor choice. */
  public record Attestor(Optional<String> publicKey, Optional<String> kms, String signatureAlgorithm,
      Optional<ClusterImagePolicy.Identity> keyless, Optional<String> rekorUrl, boolean ignoreTlog, boolean ignoreSct,
      Optional<String> repository) {}

  /** {@code attestations[]}: a predicate type, its attestors, and conditions over the predicate. */
  public record Attestation(String predicateType, List<AttestorSet> attestors, List<JsonNode> conditions) {
    public Attestation {
      attestors = List.copyOf(attestors);
      conditions = List.copyOf(conditions);
    }
  }
}
