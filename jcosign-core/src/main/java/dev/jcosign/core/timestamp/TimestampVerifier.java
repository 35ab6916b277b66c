package dev.jcosign.core.timestamp;

import dev.jcosign.core.error.CosignException;
import dev.jcosign.core.error.TimestampException;
import dev.jcosign.core.error.VerificationException;
import dev.jcosign.core.tlog.TrustedAuthority;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TSPValidationException;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * Checks a stored RFC 3161 {@code TimeStampResp} against a signature and the trusted root's
 * {@code timestampAuthorities} (spec §6.4, §6.7, §4.4 step 7): status granted, imprint = SHA-256 of the
 * signature, token signed by a certificate that chains to a trusted TSA at genTime, with the critical
 * timeStamping EKU, and genTime inside the authority's {@code validFor}.
 */
public final class TimestampVerifier {
  private static final String WHAT = "rfc3161 timestamp";

  private TimestampVerifier() {}

  /** The verified genTime; a {@link VerificationException} naming the failed check otherwise. */
  public static Instant verify(byte[] timeStampResp, byte[] signature, List<TrustedAuthority> tsas) {
    return verify(timeStampResp, List.of(signature), tsas);
  }

  /**
   * As {@link #verify(byte[], byte[], List)} where the imprint may cover any of {@code stamped}
   * (legacy attestations: the DSSE signature, or the whole envelope as cosign v2 stamped it, spec §6.4).
   */
  public static Instant verify(byte[] timeStampResp, List<byte[]> stamped, List<TrustedAuthority> tsas) {
    try {
      return check(timeStampResp, stamped, tsas);
    } catch (CosignException e) {
      throw e;
    } catch (RuntimeException e) {
      // Bouncy Castle reports malformed ASN.1 inside the token with unchecked exceptions
      throw new VerificationException(WHAT + ": malformed token (" + e.getClass().getSimpleName() + ")", e);
    }
  }

  private static Instant check(byte[] timeStampResp, List<byte[]> stamped, List<TrustedAuthority> tsas) {
    TimeStampToken token;
    try {
      token = granted(parse(timeStampResp, WHAT), WHAT);
    } catch (TimestampException e) {
      throw new VerificationException(e.getMessage(), e);
    }
    byte[] imprint = token.getTimeStampInfo().getMessageImprintDigest();
    if (!"2.16.840.1.101.3.4.2.1".equals(token.getTimeStampInfo().getMessageImprintAlgOID().getId())
        || stamped.stream().noneMatch(b -> MessageDigest.isEqual(TimestampRequest.sha256(b), imprint))) {
      throw new VerificationException(WHAT + ": message imprint does not match the signature (want sha-256 of the signature)");
    }
    Instant genTime = token.getTimeStampInfo().getGenTime().toInstant();
    if (tsas.isEmpty()) {
      throw new VerificationException(WHAT + ": the trusted root names no timestamp authority (give --trusted-root)");
    }
    String why = "not signed by a timestamp authority in the trusted root";
    for (TrustedAuthority tsa : tsas) {
      if (!tsa.validFor().contains(genTime)) {
        why = "genTime " + genTime + " is outside the validity of timestamp authority " + name(tsa);
        continue;
      }
      try {
        X509Certificate signer = chain(token, tsa.certificates(), genTime);
        token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(signer));
        return genTime;
      } catch (TSPValidationException e) {
        why = e.getMessage().contains("not valid")
            ? "genTime " + genTime + " is outside the validity of the certificate of timestamp authority " + name(tsa)
            : "token does not verify with timestamp authority " + name(tsa) + ": " + e.getMessage();
      } catch (GeneralSecurityException | TSPException | org.bouncycastle.operator.OperatorCreationException e) {
        // Not this authority (path does not chain, or the signature does not verify): try the next one.
        if (e instanceof TSPException) {
          why = "token signature does not verify";
        }
      }
    }
    throw new VerificationException(WHAT + ": " + why);
  }

  /** The TSA certificate that signed {@code token}, after PKIX validation at genTime against {@code chain}. */
  private static X509Certificate chain(TimeStampToken token, List<X509Certificate> trusted, Instant at)
      throws GeneralSecurityException {
    List<X509Certificate> pool = new ArrayList<>(trusted);
    JcaX509CertificateConverter conv = new JcaX509CertificateConverter();
    @SuppressWarnings("unchecked")
    Collection<X509CertificateHolder> embedded = token.getCertificates().getMatches(null);
    for (X509CertificateHolder h : embedded) {
      pool.add(conv.getCertificate(h));
    }
    X509Certificate signer = null;
    for (X509Certificate c : pool) {
      if (token.getSID().match(holder(c))) {
        signer = c;
        break;
      }
    }
    if (signer == null) {
      throw new GeneralSecurityException("no signer certificate");
    }
    X509Certificate root = trusted.get(trusted.size() - 1);
    if (signer.equals(root)) {
      return signer; // the trusted root lists the signing certificate itself
    }
    List<X509Certificate> path = new ArrayList<>();
    path.add(signer);
    for (X509Certificate c : trusted.subList(0, trusted.size() - 1)) {
      if (!c.equals(signer)) {
        path.add(c);
      }
    }
    PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
    params.setRevocationEnabled(false);
    params.setDate(Date.from(at));
    CertPathValidator.getInstance("PKIX")
        .validate(CertificateFactory.getInstance("X.509").generateCertPath(path), params);
    return signer;
  }

  private static X509CertificateHolder holder(X509Certificate c) throws GeneralSecurityException {
    try {
      return new X509CertificateHolder(c.getEncoded());
    } catch (IOException e) {
      throw new GeneralSecurityException(e);
    }
  }

  private static String name(TrustedAuthority tsa) {
    return tsa.commonName().isEmpty() ? tsa.uri() : tsa.commonName();
  }

  static TimeStampResponse parse(byte[] der, String who) {
    try {
      return new TimeStampResponse(der);
    } catch (TSPException | IOException | RuntimeException e) {
      throw new TimestampException(who + ": not a DER TimeStampResp");
    }
  }

  static TimeStampToken granted(TimeStampResponse resp, String who) {
    // PKIStatus 0 = granted, 1 = grantedWithMods (RFC 3161 §2.4.2).
    if (resp.getStatus() > 1 || resp.getTimeStampToken() == null) {
      String text = resp.getStatusString() == null ? "" : ": " + resp.getStatusString();
      throw new TimestampException(who + " refused the request (status " + resp.getStatus() + text + ")");
    }
    return resp.getTimeStampToken();
  }
}
