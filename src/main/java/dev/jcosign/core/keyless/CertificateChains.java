package dev.jcosign.core.keyless;

import dev.jcosign.core.error.VerificationException;
import dev.jcosign.core.tlog.CertificateAuthority;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * Chains a Fulcio leaf to a certificate authority of the trusted root at a given time (keyless spec
 * §1.7 "Chain", §1.8): the CA's {@code validFor} must cover the time, every certificate of the path
 * must be valid then, and the leaf must allow code signing. Revocation is not checked (Fulcio
 * certificates live ten minutes; Sigstore has no revocation).
 */
public final class CertificateChains {
  static final String CODE_SIGNING = "1.3.6.1.5.5.7.3.3";

  private CertificateChains() {}

  /**
   * The verified path, leaf first and the CA's root last; {@code extraIntermediates} are certificates
   * the signature carried (legacy {@code chain} annotation), used only to build a path to a trusted root.
   */
  public static List<X509Certificate> verify(X509Certificate leaf, List<X509Certificate> extraIntermediates,
      List<CertificateAuthority> cas, Instant at) {
    if (at.isBefore(leaf.getNotBefore().toInstant()) || at.isAfter(leaf.getNotAfter().toInstant())) {
      throw new VerificationException("certificate chain: the certificate was not valid at " + at + " (valid from "
          + leaf.getNotBefore().toInstant() + " to " + leaf.getNotAfter().toInstant() + ")");
    }
    requireCodeSigning(leaf);
    String last = "no certificate authority in the trusted root";
    for (CertificateAuthority ca : cas) {
      if (!ca.validFor().contains(at)) {
        last = "no certificate authority of the trusted root was valid at " + at;
        continue;
      }
      List<X509Certificate> caCerts = ca.certificates();
      X509Certificate root = caCerts.get(caCerts.size() - 1);
      List<X509Certificate> pool = new ArrayList<>(caCerts.subList(0, caCerts.size() - 1));
      pool.addAll(extraIntermediates);
      pool.add(leaf);
      try {
        X509CertSelector target = new X509CertSelector();
        target.setCertificate(leaf);
        PKIXBuilderParameters params = new PKIXBuilderParameters(Set.of(new TrustAnchor(root, null)), target);
        params.setRevocationEnabled(false);
        params.setDate(Date.from(at));
        params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(pool)));
        PKIXCertPathBuilderResult r = (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX").build(params);
        List<X509Certificate> path = new ArrayList<>();
        r.getCertPath().getCertificates().forEach(c -> path.add((X509Certificate) c));
        path.add(root);
        return path;
      } catch (GeneralSecurityException | RuntimeException e) {
        last = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      }
    }
    throw new VerificationException("certificate chain: the certificate does not chain to a trusted Fulcio CA at " + at + ": " + last);
  }

  private static void requireCodeSigning(X509Certificate leaf) {
    List<String> eku;
    try {
      eku = leaf.getExtendedKeyUsage();
    } catch (java.security.cert.CertificateParsingException e) {
      eku = null;
    }
    if (eku == null || !eku.contains(CODE_SIGNING)) {
      throw new VerificationException("certificate chain: the certificate does not allow code signing (extended key usage)");
    }
  }
}
