package dev.jcosign.core.policy;

import dev.jcosign.core.error.ImageNotFoundException;
import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.keyless.CertificatePolicy;
import dev.jcosign.core.keys.DigestAlgorithm;
import dev.jcosign.core.oci.ImageReference;
import dev.jcosign.core.policy.ClusterImagePolicy.Attestation;
import dev.jcosign.core.policy.ClusterImagePolicy.Authority;
import dev.jcosign.core.policy.ClusterImagePolicy.Identity;
import dev.jcosign.core.signature.SignatureLayout;
import dev.jcosign.core.spi.Registry;
import dev.jcosign.core.spi.TransparencyLog;
import dev.jcosign.core.tlog.TlogPolicy;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code policy test} (issue 14): decides, as policy-controller's and Kyverno's admission webhooks would,
 * whether each image is admitted by the ClusterImagePolicies (and Kyverno verifyImages rules) that match it. An image passes a policy when at least one
 * of its authorities verifies (signatures, or every listed attestation); it is admitted when it passes
 * every matching enforce-mode policy. Signatures are checked by the same use cases as {@code verify}.
 */
public final class PolicyTester {
  /** What to do with an image no policy matches (policy-controller's {@code no-match-policy}). */
  public enum NoMatch { DENY, WARN, ALLOW }

  /** The outside world the tester needs: the registry, KMS public keys, named trust roots, Rekor. */
  public record Services(Registry registry, Function<String, PublicKey> kmsPublicKey, Map<String, Path> trustRoots,
      Optional<Path> defaultTrustedRoot, Function<String, TransparencyLog> rekor, long maxPayloadBytes) {
    public Services {
      trustRoots = Map.copyOf(trustRoots);
    }
  }

  public record AuthorityResult(String name, boolean passed, String reason) {}

  public record PolicyResult(String name, boolean warn, boolean passed, List<AuthorityResult> authorities) {
    public PolicyResult {
      authorities = List.copyOf(authorities);
    }
  }

  /**
   * {@code image} as given (fully qualified), {@code pinned} by digest; {@code admitted}: every matching
   * enforce policy passed (or, with none matching, the no-match rule allows).
   */
  public record ImageResult(String image, String pinned, String digest, boolean admitted, List<PolicyResult> policies, List<String> warnings) {
    public ImageResult {
      policies = List.copyOf(policies);
      warnings = List.copyOf(warnings);
    }
  }

  private final Services services;
  private final NoMatch noMatch;
  private final Checks checks;

  public PolicyTester(Services services, NoMatch noMatch) {
    this.services = services;
    this.noMatch = noMatch;
    this.checks = new Checks(services);
  }

  /** Both kinds: policy-controller's ClusterImagePolicies and Kyverno's verifyImages rules. */
  public ImageResult test(String image, PolicyDocuments.Policies policies) {
    return test(image, policies.clusterImagePolicies(), policies.kyverno());
  }

  public ImageResult test(String image, List<ClusterImagePolicy> policies) {
    return test(image, policies, List.of());
  }

  private ImageResult test(String image, List<ClusterImagePolicy> policies, List<KyvernoPolicy> kyverno) {
    ImageReference ref = ImageReference.parse(image);
    ImageReference pinned = ref.digest() != null ? ref
        : ref.withDigest(services.registry().head(ref).orElseThrow(() -> new ImageNotFoundException("image not found: " + ref.name(), null))
            .digest());
    return test(image, ref, pinned, policies, kyverno);
  }

  /**
   * {@code --local-image}: the policies matched against {@code image}, the name the cluster will see, and the
   * signatures read from the layout {@code save} wrote ({@link Services#registry()} is that layout), whose
   * image is {@code inLayout}.
   */
  public ImageResult testLocal(String image, ImageReference inLayout, PolicyDocuments.Policies policies) {
    ImageReference ref = ImageReference.parse(image);
    if (ref.digest() != null && !ref.digest().equals(inLayout.digest())) {
      throw new InvalidInputException(image + " names " + ref.digest() + " but the layout holds " + inLayout.digest());
    }
    return test(image, ref, inLayout, policies.clusterImagePolicies(), policies.kyverno());
  }

  private ImageResult test(String image, ImageReference ref, ImageReference pinned, List<ClusterImagePolicy> policies,
      List<KyvernoPolicy> kyverno) {
    List<PolicyResult> results = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    boolean admitted = true;
    for (ClusterImagePolicy p : policies) {
      if (!p.matches(image)) {
        continue;
      }
      List<AuthorityResult> as = new ArrayList<>();
      boolean passed = false;
      for (Authority a : p.authorities()) {
        AuthorityResult r = evaluate(a, pinned, p);
        as.add(r);
        passed |= r.passed();
      }
      results.add(new PolicyResult(p.name(), p.warn(), passed, as));
      if (!passed && p.warn()) {
        warnings.add("policy " + p.name() + " (warn mode) would refuse it: no authority passed");
      } else if (!passed) {
        admitted = false;
      }
    }
    for (KyvernoPolicy k : kyverno) {
      for (KyvernoPolicy.Rule r : k.rules()) {
        if (!r.matches(image, ref.name())) {
          continue;
        }
        PolicyResult pr = new KyvernoEvaluator(checks).evaluate(k, r, ref, pinned, warnings);
        results.add(pr);
        if (!pr.passed() && pr.warn()) {
          warnings.add("policy " + pr.name() + " (Audit) would report it: " + pr.authorities().stream().filter(a -> !a.passed())
              .map(AuthorityResult::reason).findFirst().orElse("not verified"));
        } else if (!pr.passed()) {
          admitted = false;
        }
      }
    }
    if (results.isEmpty()) {
      switch (noMatch) {
        case DENY -> admitted = false;
        case WARN -> warnings.add("no policy matches it (no-match-policy warn)");
        case ALLOW -> { }
      }
    }
    return new ImageResult(ref.name(), ImageReference.of(ref.repository(), pinned.digest()).name(), pinned.digest().toString(),
        admitted, results, warnings);
  }

  private AuthorityResult evaluate(Authority a, ImageReference pinned, ClusterImagePolicy p) {
    if (a.staticAction().isPresent()) {
      var s = a.staticAction().get();
      return new AuthorityResult(a.name(), s.pass(), s.pass() ? "" : s.message().orElse("disallowed by static policy"));
    }
    try {
      Optional<PublicKey> key = a.key().flatMap(k -> checks.publicKey(k.data(), k.kms()));
      DigestAlgorithm hash = a.key().map(k -> DigestAlgorithm.parse(k.hashAlgorithm())).orElse(DigestAlgorithm.SHA256);
      SignatureLayout layout = Checks.layout(a.signatureRepository());
      TlogPolicy tlog = tlogPolicy(a, p);
      List<Optional<CertificatePolicy>> certs = new ArrayList<>();
      if (a.keyless().isPresent()) {
        for (Identity id : a.keyless().get().identities()) {
          certs.add(Optional.of(Checks.certificates(id, a.keyless().get().ignoreSct())));
        }
      } else {
        certs.add(Optional.empty());
      }
      String last = "";
      for (Optional<CertificatePolicy> cert : certs) {
        String failure = a.attestations().isEmpty() ? checks.signatures(pinned, key, cert, tlog, hash, layout)
            : attestations(a, pinned, key, cert, tlog, hash, layout);
        if (failure == null) {
          return new AuthorityResult(a.name(), true, "");
        }
        last = failure;
      }
      return new AuthorityResult(a.name(), false, last);
    } catch (RuntimeException e) {
      return new AuthorityResult(a.name(), false, String.valueOf(e.getMessage()));
    }
  }

  /** null when every listed attestation has a verified envelope, else the first reason. */
  private String attestations(Authority a, ImageReference pinned, Optional<PublicKey> key, Optional<CertificatePolicy> cert,
      TlogPolicy tlog, DigestAlgorithm hash, SignatureLayout layout) {
    for (Attestation at : a.attestations()) {
      if (at.policyType().isPresent()) {
        return "attestation " + at.name() + ": " + at.policyType().get() + " policies are not supported by jcosign";
      }
      try {
        checks.attestations(pinned, key, cert, tlog, hash, layout, at.predicateType());
      } catch (RuntimeException e) {
        return "attestation " + at.name() + ": " + e.getMessage();
      }
    }
    return null;
  }

  /**
   * The transparency-log rule of policy-controller's legacy path: {@code rfc3161timestamp} means a signed
   * timestamp instead of the log; {@code ctlog} with a URL or trust root means entries are checked (online
   * with a URL); {@code ctlog: {}} turns the log off; no {@code ctlog} turns it off for a key authority and,
   * for a keyless one without {@code trustRootRef}, checks entries offline against the public-good root.
   */
  private TlogPolicy tlogPolicy(Authority a, ClusterImagePolicy p) {
    Optional<String> url = a.ctlog().flatMap(ClusterImagePolicy.TLog::url);
    Optional<String> rootRef = a.ctlog().flatMap(ClusterImagePolicy.TLog::trustRootRef)
        .or(() -> a.keyless().flatMap(ClusterImagePolicy.Keyless::trustRootRef))
        .or(() -> a.rfc3161TrustRootRef());
    Optional<Path> root = rootRef.map(r -> {
      Path f = services.trustRoots().get(r);
      if (f == null) {
        throw new InvalidInputException("trustRootRef " + r + " of policy " + p.name() + ": give its trusted root with --trust-root " + r + "=FILE");
      }
      return f;
    });
    TlogPolicy.Mode mode;
    TlogPolicy.Timestamps ts = TlogPolicy.Timestamps.OPTIONAL;
    if (a.rfc3161TrustRootRef().isPresent()) {
      mode = TlogPolicy.Mode.IGNORE;
      ts = TlogPolicy.Timestamps.REQUIRED;
    } else if (a.ctlog().isPresent()) {
      boolean off = url.isEmpty() && a.ctlog().get().trustRootRef().isEmpty();
      mode = off ? TlogPolicy.Mode.IGNORE : url.isPresent() ? TlogPolicy.Mode.VERIFY : TlogPolicy.Mode.OFFLINE;
    } else {
      mode = a.keyless().isPresent() && a.keyless().get().trustRootRef().isEmpty() ? TlogPolicy.Mode.OFFLINE : TlogPolicy.Mode.IGNORE;
    }
    return checks.tlog(mode, root, url, ts);
  }
}
