package dev.jcosign.core.keyless;

import dev.jcosign.core.tlog.TrustedAuthority;
import dev.jcosign.core.tlog.ValidityPeriod;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a keyless signature's certificate is judged (keyless spec §1.7, §1.8).
 *
 * @param identity who must have signed
 * @param ignoreSct {@code --insecure-ignore-sct}: accept certificates without a verifiable SCT
 * @param allowCertificateChain {@code --allow-certificate-chain}: a v0.3 bundle may carry a chain
 * @param certificate {@code --certificate}: the signing certificate, used instead of the signature's own
 * @param trustedChain {@code --certificate-chain}, or {@code --ca-intermediates} then {@code --ca-roots}: certificate
 *     authorities to chain to instead of the trusted root's Fulcio CAs (leaf-most first, roots last)
 */
public record CertificatePolicy(IdentityPolicy identity, boolean ignoreSct, boolean allowCertificateChain,
    Optional<FulcioCertificate> certificate, List<X509Certificate> trustedChain) {

  public CertificatePolicy(IdentityPolicy identity, boolean ignoreSct, boolean allowCertificateChain) {
    this(identity, ignoreSct, allowCertificateChain, Optional.empty(), List.of());
  }

  public CertificatePolicy {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(certificate, "certificate");
    trustedChain = List.copyOf(trustedChain);
  }

  /**
   * The CAs a certificate must chain to: the user's chain when given (each self-signed certificate in it
   * ends one authority), else the trusted root's.
   */
  public List<TrustedAuthority> authorities(List<TrustedAuthority> fromTrustedRoot) {
    if (trustedChain.isEmpty()) {
      return fromTrustedRoot;
    }
    List<TrustedAuthority> out = new ArrayList<>();
    List<byte[]> intermediates = new ArrayList<>();
    List<byte[]> roots = new ArrayList<>();
    try {
      for (X509Certificate c : trustedChain) {
        (c.getSubjectX500Principal().equals(c.getIssuerX500Principal()) ? roots : intermediates).add(c.getEncoded());
      }
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
    for (byte[] root : roots) {
      List<byte[]> chain = new ArrayList<>(intermediates);
      chain.add(root);
      out.add(new TrustedAuthority("", "", "--certificate-chain", chain, ValidityPeriod.ALWAYS));
    }
    if (roots.isEmpty()) {
      throw new dev.jcosign.core.error.InvalidInputException("the certificate chain given has no root (self-signed) certificate");
    }
    return out;
  }
}
