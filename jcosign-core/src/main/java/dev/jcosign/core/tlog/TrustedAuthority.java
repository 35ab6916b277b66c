package dev.jcosign.core.tlog;

import dev.jcosign.core.error.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@code certificateAuthorities[]} or {@code timestampAuthorities[]} element (spec §6.7).
 *
 * @param organization {@code subject.organization} ("" when absent)
 * @param commonName {@code subject.commonName} ("" when absent)
 * @param uri the authority's URL ("" when absent)
 * @param certChain DER certificates, leaf-most first
 * @param validFor when the authority may be used
 */
public record TrustedAuthority(
    String organization, String commonName, String uri, List<byte[]> certChain, ValidityPeriod validFor) {

  public TrustedAuthority {
    Objects.requireNonNull(validFor, "validFor");
    certChain = certChain.stream().map(byte[]::clone).toList();
  }

  @Override
  public List<byte[]> certChain() {
    return certChain.stream().map(byte[]::clone).toList();
  }

  /** The chain parsed as X.509, leaf-most first. */
  public List<X509Certificate> certificates() {
    List<X509Certificate> out = new ArrayList<>();
    try {
      CertificateFactory f = CertificateFactory.getInstance("X.509");
      for (byte[] der : certChain) {
        out.add((X509Certificate) f.generateCertificate(new ByteArrayInputStream(der)));
      }
    } catch (CertificateException e) {
      throw new InvalidInputException("trusted root: unreadable certificate of " + uri, e);
    }
    return out;
  }
}
