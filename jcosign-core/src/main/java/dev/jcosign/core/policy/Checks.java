package dev.jcosign.core.policy;

import dev.jcosign.core.attest.AttestationVerifier;
import dev.jcosign.core.attest.AttestationVerifyRequest;
import dev.jcosign.core.attest.VerifiedAttestations;
import dev.jcosign.core.keyless.CertificatePolicy;
import dev.jcosign.core.keyless.IdentityPolicy;
import dev.jcosign.core.keys.PublicKeys;
import dev.jcosign.core.oci.Repository;
import dev.jcosign.core.keys.DigestAlgorithm;
import dev.jcosign.core.oci.ImageReference;
import dev.jcosign.core.signature.SignatureLayout;
import dev.jcosign.core.tlog.TlogPolicy;
import dev.jcosign.core.tlog.TlogSearch;
import dev.jcosign.core.tlog.TrustMaterial;
import dev.jcosign.core.spi.ImageLayout;
import dev.jcosign.core.verify.ImageVerifier;
import dev.jcosign.core.verify.LocalImageVerifier;
import dev.jcosign.core.verify.VerifiedImage;
import dev.jcosign.core.verify.VerifyRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The checks both policy kinds make, through the use cases {@code verify} and {@code verify-attestation} use (issue 14). */
final class Checks {
  private final PolicyTester.Services services;

  Checks(PolicyTester.Services services) {
    this.services = services;
  }

  /** An inline PEM public key, else the public key of a KMS URI. */
  Optional<PublicKey> publicKey(Optional<String> pem, Optional<String> kms) {
    if (pem.isPresent()) {
      return Optional.of(PublicKeys.fromPem(pem.get().getBytes(StandardCharsets.UTF_8)));
    }
    return kms.map(services.kmsPublicKey());
  }

  /** A certificate identity of either policy kind, as verify's keyless policy. */
  static CertificatePolicy certificates(ClusterImagePolicy.Identity id, boolean ignoreSct) {
    return new CertificatePolicy(new IdentityPolicy(id.subject(), id.subjectRegExp(), id.issuer(), id.issuerRegExp(),
        IdentityPolicy.GithubClaims.NONE), ignoreSct, false);
  }

  /** Signatures in {@code repository} when a policy names one ({@code source.oci}, Kyverno's {@code repository}). */
  static SignatureLayout layout(Optional<String> repository) {
    return repository.map(r -> new SignatureLayout(Optional.of(Repository.parse(r)))).orElse(SignatureLayout.standard());
  }

  /** null when a signature verifies, else verify's reason. */
  String signatures(ImageReference pinned, Optional<PublicKey> key, Optional<CertificatePolicy> cert, TlogPolicy tlog,
      DigestAlgorithm hash, SignatureLayout layout) {
    VerifyRequest req = new VerifyRequest(List.of(pinned), key, cert, Map.of(), true, tlog, hash, layout, 1,
        services.maxPayloadBytes());
    if (services.registry() instanceof ImageLayout saved) {
      // --local-image: the layout save wrote keeps its signatures beside the image, as verify --local-image reads them
      var v = new LocalImageVerifier().verify(List.of(saved), req).get(0);
      return v.ok() ? null : String.valueOf(v.failure().getMessage());
    }
    VerifiedImage v = new ImageVerifier(services.registry()).verify(req).get(0);
    return v.ok() ? null : String.valueOf(v.failure().getMessage());
  }

  /** The verified envelopes of {@code predicateType}; throws with verify-attestation's reason when there are none. */
  VerifiedAttestations attestations(ImageReference pinned, Optional<PublicKey> key, Optional<CertificatePolicy> cert, TlogPolicy tlog,
      DigestAlgorithm hash, SignatureLayout layout, String predicateType) {
    if (services.registry() instanceof ImageLayout) {
      throw new dev.jcosign.core.error.InvalidInputException("attestations in a --local-image layout are not evaluated yet; "
          + "load the layout into a registry and test there");
    }
    return new AttestationVerifier(services.registry()).verify(pinned, new AttestationVerifyRequest(key, cert, predicateType, true,
        tlog, hash, layout, services.maxPayloadBytes()));
  }

  /** A log policy: entries checked against {@code root} (else --trusted-root, else the embedded root), searched at {@code url}. */
  TlogPolicy tlog(TlogPolicy.Mode mode, Optional<Path> root, Optional<String> url, TlogPolicy.Timestamps timestamps) {
    Optional<Path> r = root.or(services::defaultTrustedRoot);
    TrustMaterial trust = new TrustMaterial(r.isPresent()
        ? new TrustMaterial.Sources(r, Optional.empty(), Optional.empty(), Optional.empty()) : TrustMaterial.Sources.embeddedOnly());
    TlogSearch search = new TlogSearch(() -> services.rekor().apply(url.orElse("https://rekor.sigstore.dev")));
    return new TlogPolicy(mode, trust, timestamps, search);
  }
}
