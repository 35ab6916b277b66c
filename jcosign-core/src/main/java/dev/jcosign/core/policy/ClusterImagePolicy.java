package dev.jcosign.core.policy;

import java.util.List;
import java.util.Optional;

/**
 * A policy-controller {@code ClusterImagePolicy} ({@code policy.sigstore.dev/v1alpha1} or {@code v1beta1}),
 * as far as jcosign evaluates it (issue 14; docs/admission-policies.md lists the fields).
 *
 * @param source where it came from ({@code FILE document N}), for messages
 * @param warn {@code spec.mode: warn}: reported, never refuses
 */
public record ClusterImagePolicy(String name, String source, boolean warn, List<ImageGlob> images, List<Authority> authorities) {
  public ClusterImagePolicy {
    images = List.copyOf(images);
    authorities = List.copyOf(authorities);
  }

  /** Whether any of {@code spec.images} covers {@code image}. */
  public boolean matches(String image) {
    return images.stream().anyMatch(g -> g.matches(image));
  }

  /** One entry of {@code spec.authorities}: exactly one of key, keyless, static. */
  public record Authority(String name, Optional<Key> key, Optional<Keyless> keyless, Optional<Static> staticAction,
      Optional<String> signatureRepository, Optional<TLog> ctlog, Optional<String> rfc3161TrustRootRef,
      List<Attestation> attestations) {
    public Authority {
      attestations = List.copyOf(attestations);
    }
  }

  /** {@code key}: inline PEM ({@code data}) or a KMS URI ({@code kms}); {@code hashAlgorithm} default sha256. */
  public record Key(Optional<String> data, Optional<String> kms, String hashAlgorithm) {}

  /** {@code keyless}: identities (any may match) and the trust root named by {@code trustRootRef}. */
  public record Keyless(List<Identity> identities, Optional<String> trustRootRef, boolean ignoreSct) {
    public Keyless {
      identities = List.copyOf(identities);
    }
  }

  /** {@code issuer}/{@code subject} exact, or their {@code ...RegExp} forms (Go regular expressions). */
  public record Identity(Optional<String> issuer, Optional<String> subject, Optional<String> issuerRegExp,
      Optional<String> subjectRegExp) {}

  /** {@code static}: {@code pass} or {@code fail} (with an optional message). */
  public record Static(boolean pass, Optional<String> message) {}

  /** {@code ctlog}: the Rekor URL and/or trust root; both absent ({@code ctlog: {}}) turns the log check off. */
  public record TLog(Optional<String> url, Optional<String> trustRootRef) {}

  /** {@code attestations[]}: a predicate type that must verify; {@code policyType} when a CUE/Rego policy is attached. */
  public record Attestation(String name, String predicateType, Optional<String> policyType) {}
}
