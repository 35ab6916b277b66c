package dev.jcosign.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcosign.core.attest.VerifiedAttestations;
import dev.jcosign.core.json.Json;
import dev.jcosign.core.keyless.CertificatePolicy;
import dev.jcosign.core.keys.DigestAlgorithm;
import dev.jcosign.core.oci.ImageReference;
import dev.jcosign.core.policy.KyvernoPolicy.Attestor;
import dev.jcosign.core.policy.KyvernoPolicy.AttestorSet;
import dev.jcosign.core.policy.KyvernoPolicy.Rule;
import dev.jcosign.core.policy.PolicyTester.AuthorityResult;
import dev.jcosign.core.policy.PolicyTester.PolicyResult;
import dev.jcosign.core.signature.SignatureLayout;
import dev.jcosign.core.tlog.TlogPolicy;
import java.nio.ByteBuffer;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * One Kyverno {@code verifyImages} entry against one image (issue 14): every attestor set must have
 * {@code count} entries (default: all) whose signature verifies, every attestation must have attestor
 * entries whose envelopes verify and whose predicates meet the conditions; {@code verifyDigest} without
 * {@code mutateDigest} refuses a tag; Audit and {@code required: false} report instead of refusing.
 */
final class KyvernoEvaluator {
  private final Checks checks;

  KyvernoEvaluator(Checks checks) {
    this.checks = checks;
  }

  PolicyResult evaluate(KyvernoPolicy p, Rule r, ImageReference given, ImageReference pinned, List<String> warnings) {
    String name = p.name() + "/" + r.name();
    List<AuthorityResult> results = new ArrayList<>();
    boolean passed = true;
    if (given.digest() == null && r.verifyDigest() && !r.mutateDigest()) {
      results.add(new AuthorityResult("verifyDigest", false, "the image has no digest (verifyDigest, mutateDigest: false)"));
      passed = false;
    } else if (given.digest() == null && r.mutateDigest()) {
      warnings.add("policy " + name + " (mutateDigest) would rewrite it to " + ImageReference.of(given.repository(), pinned.digest()).name());
    }
    for (int i = 0; i < r.attestors().size(); i++) {
      AttestorSet set = r.attestors().get(i);
      int ok = 0;
      String last = "";
      for (Attestor a : set.entries()) {
        String failure = signature(a, r, pinned);
        if (failure == null) {
          ok++;
        } else {
          last = failure;
        }
      }
      boolean setOk = ok >= set.required();
      results.add(new AuthorityResult("attestors[" + i + "]", setOk, setOk ? "" : ok + " of " + set.required() + " required entries verified: " + last));
      passed &= setOk;
    }
    for (KyvernoPolicy.Attestation at : r.attestations()) {
      List<AttestorSet> sets = at.attestors().isEmpty() ? r.attestors() : at.attestors();
      String failure = sets.isEmpty() ? "no attestors for it" : null;
      for (AttestorSet set : sets) {
        int ok = 0;
        String last = "";
        for (Attestor a : set.entries()) {
          String f = attestation(a, r, pinned, at);
          if (f == null) {
            ok++;
          } else {
            last = f;
          }
        }
        if (ok < set.required()) {
          failure = ok + " of " + set.required() + " required entries verified: " + last;
          break;
        }
      }
      results.add(new AuthorityResult("attestation " + at.predicateType(), failure == null, failure == null ? "" : failure));
      passed &= failure == null;
    }
    return new PolicyResult(name, r.audit() || !r.required(), passed, results);
  }

  private String signature(Attestor a, Rule r, ImageReference pinned) {
    try {
      return checks.signatures(pinned, key(a), cert(a), tlog(a), DigestAlgorithm.parse(a.signatureAlgorithm()), layout(a, r));
    } catch (RuntimeException e) {
      return String.valueOf(e.getMessage());
    }
  }

  /** null when an envelope of the type verifies and every verified predicate meets the conditions. */
  private String attestation(Attestor a, Rule r, ImageReference pinned, KyvernoPolicy.Attestation at) {
    try {
      VerifiedAttestations v = checks.attestations(pinned, key(a), cert(a), tlog(a), DigestAlgorithm.parse(a.signatureAlgorithm()),
          layout(a, r), at.predicateType());
      for (ByteBuffer envelope : v.envelopes()) {
        JsonNode env = Json.parse(bytes(envelope), "attestation envelope");
        JsonNode statement = Json.parse(Base64.getDecoder().decode(env.path("payload").asText()), "in-toto statement");
        Optional<String> failure = Conditions.evaluate(at.conditions(), statement.path("predicate"));
        if (failure.isPresent()) {
          return "condition not met: " + failure.get();
        }
      }
      return null;
    } catch (RuntimeException e) {
      return String.valueOf(e.getMessage());
    }
  }

  private static byte[] bytes(ByteBuffer b) {
    ByteBuffer d = b.duplicate();
    byte[] out = new byte[d.remaining()];
    d.get(out);
    return out;
  }

  private Optional<PublicKey> key(Attestor a) {
    return checks.publicKey(a.publicKey(), a.kms());
  }

  private static Optional<CertificatePolicy> cert(Attestor a) {
    return a.keyless().map(id -> Checks.certificates(id, a.ignoreSct()));
  }

  /** {@code rekor} absent or {@code ignoreTlog}: no log check; else checked (online at its URL). */
  private TlogPolicy tlog(Attestor a) {
    TlogPolicy.Mode mode = a.ignoreTlog() ? TlogPolicy.Mode.IGNORE : TlogPolicy.Mode.VERIFY;
    return checks.tlog(mode, Optional.empty(), a.rekorUrl(), TlogPolicy.Timestamps.OPTIONAL);
  }

  private static SignatureLayout layout(Attestor a, Rule r) {
    return Checks.layout(a.repository().or(r::repository));
  }
}
