package dev.jcosign.core.keyless;

import java.util.Objects;

/**
 * How a keyless signature's certificate is judged (keyless spec §1.7, §1.8).
 *
 * @param identity who must have signed
 * @param ignoreSct {@code --insecure-ignore-sct}: accept certificates without a verifiable SCT
 * @param allowCertificateChain {@code --allow-certificate-chain}: a v0.3 bundle may carry a chain
 */
public record CertificatePolicy(IdentityPolicy identity, boolean ignoreSct, boolean allowCertificateChain) {
  public CertificatePolicy {
    Objects.requireNonNull(identity, "identity");
  }
}
