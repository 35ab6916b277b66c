package dev.jcosign.core.keyless;

import dev.jcosign.core.error.VerificationException;
import dev.jcosign.core.tlog.TrustedAuthority;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Chains a Fulcio leaf to a certificate authority of the trusted root at a given time (keyless spec
 * §1.7 "Chain", §1.8): the CA's {@code validFor} must cover the time, every certificate of the path
 * must be valid then, and the leaf must allow code signing. The root itself is trusted as given (its
 * validity is the CA's {@code validFor}, as sigstore-go). Revocation is not checked (Fulcio
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
      List<TrustedAuthority> cas, Instant at) {
    if (at.isBefore(leaf.getNotBefore().toInstant()) || at.isAfter(leaf.getNotAfter().toInstant())) {
      throw new VerificationException("certificate chain: the certificate was not valid at " + at + " (valid from "
          + leaf.getNotBefore().toInstant() + " to " + leaf.getNotAfter().toInstant() + ")");
    }
    requireCodeSigning(leaf);
    String last = "no certificate authority in the trusted root";
    for (TrustedAuthority ca : cas) {
      if (!ca.validFor().contains(at)) {
        last = "no certificate authority of the trusted root was valid at " + at;
        continue;
      }
      List<X509Certificate> caCerts = ca.certificates();
      X509Certificate root = caCerts.get(caCerts.size() - 1);
      List<X509Certificate> pool = new ArrayList<>(caCerts);
      pool.addAll(extraIntermediates);
      try {
        return walk(leaf, root, pool, at);
      } catch (VerificationException e) {
        last = e.getMessage();
      }
    }
    throw new VerificationException("certificate chain: the certificate does not chain to a trusted Fulcio CA at " + at + ": " + last);
  }

  /**
   * Walks from the leaf up to {@code root}, each step an issuer from {@code pool} whose subject is the
   * certificate's issuer and whose key verifies its signature, that is a CA allowed to sign
   * certificates, with room in its path length, valid at {@code at}. A direct walk rather than the JDK's
   * PKIX builder: Fulcio chains are two or three certificates, and the builder's set-up costs more than
   * the whole walk on a cold JVM (issue 9 benchmark).
   */
  private static List<X509Certificate> walk(X509Certificate leaf, X509Certificate root, List<X509Certificate> pool, Instant at) {
    List<X509Certificate> path = new ArrayList<>(List.of(leaf));
    X509Certificate current = leaf;
    Date when = Date.from(at);
    for (int depth = 0; depth < MAX_DEPTH; depth++) {
      if (sameCertificate(current, root)) {
        return path;
      }
      X509Certificate issuer = null;
      for (X509Certificate c : pool) {
        if (c.getSubjectX500Principal().equals(current.getIssuerX500Principal()) && signedBy(current, c)) {
          issuer = c;
          break;
        }
      }
      if (issuer == null) {
        throw new VerificationException("x509: certificate signed by unknown authority (no issuer for '"
            + current.getSubjectX500Principal().getName() + "')");
      }
      int pathLen = issuer.getBasicConstraints();
      boolean[] usage = issuer.getKeyUsage();
      if (pathLen < 0 || (usage != null && !usage[5])) {
        throw new VerificationException("x509: issuer '" + issuer.getSubjectX500Principal().getName() + "' is not a CA");
      }
      if (path.size() - 1 > pathLen) {
        throw new VerificationException("x509: too many intermediates for path length constraint");
      }
      try {
        issuer.checkValidity(when);
      } catch (java.security.cert.CertificateException e) {
        throw new VerificationException("x509: issuer '" + issuer.getSubjectX500Principal().getName()
            + "' was not valid at " + at);
      }
      path.add(issuer);
      current = issuer;
    }
    throw new VerificationException("x509: chain longer than " + MAX_DEPTH + " certificates");
  }

  private static final int MAX_DEPTH = 6;

  private static boolean signedBy(X509Certificate cert, X509Certificate issuer) {
    try {
      cert.verify(issuer.getPublicKey());
      return true;
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  private static boolean sameCertificate(X509Certificate a, X509Certificate b) {
    try {
      return java.util.Arrays.equals(a.getEncoded(), b.getEncoded());
    } catch (java.security.cert.CertificateEncodingException e) {
      return false;
    }
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
