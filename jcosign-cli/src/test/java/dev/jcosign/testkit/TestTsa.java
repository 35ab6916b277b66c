package dev.jcosign.testkit;

import dev.jcosign.core.tlog.TrustedAuthority;
import dev.jcosign.core.tlog.ValidityPeriod;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import org.bouncycastle.cert.jcajce.JcaCertStore;

/**
 * An in-process RFC 3161 TSA built with Bouncy Castle: a root CA and a signing certificate with the
 * critical timeStamping EKU, valid for {@code [notBefore, notAfter)}. Stamps at a chosen genTime.
 */
public final class TestTsa {
  public final X509Certificate root;
  public final X509Certificate leaf;
  private final KeyPair leafKey;

  public TestTsa(String cn, Instant notBefore, Instant notAfter) {
    try {
      KeyPair rootKey = ec();
      leafKey = ec();
      X500Name rootName = new X500Name("CN=" + cn + " root,O=jcosign-test");
      X500Name leafName = new X500Name("CN=" + cn + ",O=jcosign-test");
      root = cert(new JcaX509v3CertificateBuilder(rootName, BigInteger.ONE, Date.from(notBefore.minus(Duration.ofDays(1))),
          Date.from(notAfter.plus(Duration.ofDays(365))), rootName, rootKey.getPublic())
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(true)), rootKey);
      leaf = cert(new JcaX509v3CertificateBuilder(rootName, BigInteger.TWO, Date.from(notBefore), Date.from(notAfter),
          leafName, leafKey.getPublic())
          .addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping)), rootKey);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A TSA valid from a day ago for a year. */
  public static TestTsa current(String cn) {
    Instant now = Instant.now();
    return new TestTsa(cn, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)));
  }

  /** This TSA as a trusted-root {@code timestampAuthorities} element (leaf, then root). */
  public TrustedAuthority authority(ValidityPeriod validFor) {
    try {
      return new TrustedAuthority("jcosign-test", "test tsa", "http://tsa.invalid", List.of(leaf.getEncoded(), root.getEncoded()), validFor);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public TrustedAuthority authority() {
    return authority(new ValidityPeriod(Optional.of(Instant.now().minus(Duration.ofDays(1))), Optional.empty()));
  }

  /** The DER TimeStampResp for a DER TimeStampReq, stamped at {@code genTime}. */
  public byte[] respond(byte[] requestDer, Instant genTime) {
    try {
      TimeStampRequest req = new TimeStampRequest(requestDer);
      TimeStampTokenGenerator gen = new TimeStampTokenGenerator(
          new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
              .build(new JcaContentSignerBuilder("SHA256withECDSA").build(leafKey.getPrivate()), leaf),
          new JcaDigestCalculatorProviderBuilder().build().get(new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
              org.bouncycastle.asn1.oiw.OIWObjectIdentifiers.idSHA1)),
          new ASN1ObjectIdentifier("1.3.6.1.4.1.57264.2"));
      gen.addCertificates(new JcaCertStore(List.of(leaf)));
      return new TimeStampResponseGenerator(gen, TSPAlgorithms.ALLOWED)
          .generate(req, BigInteger.valueOf(genTime.toEpochMilli()), Date.from(genTime)).getEncoded();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair ec() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  private static X509Certificate cert(org.bouncycastle.cert.X509v3CertificateBuilder b, KeyPair signer) throws Exception {
    X509CertificateHolder h = b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate()));
    return new JcaX509CertificateConverter().getCertificate(h);
  }
}
