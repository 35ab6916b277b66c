package dev.jcosign.core.keyless;

import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.keys.PemBlock;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/**
 * A Fulcio-issued leaf certificate and what identity policy reads from it (keyless spec §1.7, §1.8):
 * its Subject Alternative Names and the Sigstore OIDC extensions ({@code 1.3.6.1.4.1.57264.1.*}),
 * read in the order they appear in the certificate because "the later one wins" for the issuer.
 */
public final class FulcioCertificate {
  /** Sigstore's OID arc for Fulcio extensions. */
  public static final String ARC = "1.3.6.1.4.1.57264.1.";
  static final String ISSUER_V1 = ARC + "1";
  static final String ISSUER_V2 = ARC + "8";
  static final String OTHERNAME_SAN = ARC + "7";

  private final X509Certificate cert;
  private final byte[] der;
  // extension OID -> raw extnValue content (inside the OCTET STRING), in certificate order
  private final Map<String, byte[]> extensions;
  private final GeneralName[] sans;

  private FulcioCertificate(X509Certificate cert, byte[] der) {
    this.cert = cert;
    this.der = der.clone();
    Extensions exts = Certificate.getInstance(der).getTBSCertificate().getExtensions();
    Map<String, byte[]> m = new LinkedHashMap<>();
    GeneralName[] names = new GeneralName[0];
    if (exts != null) {
      for (ASN1ObjectIdentifier oid : exts.getExtensionOIDs()) {
        Extension e = exts.getExtension(oid);
        m.put(oid.getId(), e.getExtnValue().getOctets());
        if (oid.equals(Extension.subjectAlternativeName)) {
          names = GeneralNames.getInstance(e.getParsedValue()).getNames();
        }
      }
    }
    this.extensions = m;
    this.sans = names;
  }

  /** Reads a DER certificate, or the first block of PEM text. */
  public static FulcioCertificate parse(byte[] derOrPem, String what) {
    byte[] der = derOrPem;
    String head = new String(derOrPem, 0, Math.min(derOrPem.length, 64), StandardCharsets.ISO_8859_1);
    try {
      if (head.contains("-----BEGIN")) {
        PemBlock b = PemBlock.decode(derOrPem);
        if (!"CERTIFICATE".equals(b.label())) {
          throw new InvalidInputException(what + ": expected a CERTIFICATE PEM block, found \"" + b.label() + "\"");
        }
        der = b.bytes();
      }
      X509Certificate c = (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(der));
      return new FulcioCertificate(c, c.getEncoded());
    } catch (CertificateException | RuntimeException e) {
      if (e instanceof InvalidInputException i) {
        throw i;
      }
      throw new InvalidInputException(what + ": not an X.509 certificate (" + e.getMessage() + ")", e);
    }
  }

  /** Every certificate in PEM text (a {@code dev.sigstore.cosign/chain} annotation, {@code --certificate-chain}). */
  public static List<X509Certificate> parsePemChain(byte[] pem, String what) {
    List<X509Certificate> out = new ArrayList<>();
    try {
      for (java.security.cert.Certificate c : CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(pem))) {
        out.add((X509Certificate) c);
      }
    } catch (CertificateException | RuntimeException e) {
      throw new InvalidInputException(what + ": unreadable PEM certificates (" + e.getMessage() + ")", e);
    }
    return out;
  }

  public X509Certificate x509() {
    return cert;
  }

  public byte[] der() {
    return der.clone();
  }

  /**
   * The one identity the bundle path matches (sigstore-go's summary): the first URI SAN, else the
   * first e-mail SAN, else the Sigstore OtherName; DNS and IP names never count.
   */
  public Optional<String> summarySan() {
    return first(GeneralName.uniformResourceIdentifier)
        .or(() -> first(GeneralName.rfc822Name))
        .or(this::otherNameSan);
  }

  /** Every SAN the legacy path matches, in cosign's order: DNS, e-mail, IP, URI, OtherName. */
  public List<String> allSans() {
    List<String> out = new ArrayList<>();
    for (int tag : new int[] {GeneralName.dNSName, GeneralName.rfc822Name, GeneralName.iPAddress,
        GeneralName.uniformResourceIdentifier}) {
      for (GeneralName n : sans) {
        if (n.getTagNo() == tag) {
          out.add(tag == GeneralName.iPAddress ? ip(n) : text(n));
        }
      }
    }
    otherNameSan().ifPresent(out::add);
    return out;
  }

  /** The OIDC issuer of the bundle path: {@code .1.1} (raw) or {@code .1.8} (UTF8String), the later one in the certificate. */
  public Optional<String> issuer() {
    String found = null;
    for (Map.Entry<String, byte[]> e : extensions.entrySet()) {
      if (e.getKey().equals(ISSUER_V1)) {
        found = new String(e.getValue(), StandardCharsets.UTF_8);
      } else if (e.getKey().equals(ISSUER_V2)) {
        found = derString(e.getValue()).orElse(found);
      }
    }
    return Optional.ofNullable(found);
  }

  /** The issuer as cosign's legacy path reads it: the {@code .1.1} extension only, "" when absent. */
  public String legacyIssuer() {
    return raw(ISSUER_V1).orElse("");
  }

  /** A raw-string Fulcio extension ({@code .1.1}-{@code .1.6}). */
  public Optional<String> raw(String oid) {
    return Optional.ofNullable(extensions.get(oid)).map(v -> new String(v, StandardCharsets.UTF_8));
  }

  /** The DER value of an extension (inside the OCTET STRING), when present. */
  public Optional<byte[]> extensionValue(String oid) {
    return Optional.ofNullable(extensions.get(oid)).map(byte[]::clone);
  }

  private Optional<String> first(int tag) {
    for (GeneralName n : sans) {
      if (n.getTagNo() == tag) {
        return Optional.of(text(n));
      }
    }
    return Optional.empty();
  }

  private Optional<String> otherNameSan() {
    for (GeneralName n : sans) {
      if (n.getTagNo() == GeneralName.otherName) {
        ASN1Sequence seq = ASN1Sequence.getInstance(n.getName());
        if (seq.size() == 2 && OTHERNAME_SAN.equals(ASN1ObjectIdentifier.getInstance(seq.getObjectAt(0)).getId())) {
          ASN1Primitive v = ASN1TaggedObject.getInstance(seq.getObjectAt(1)).getBaseObject().toASN1Primitive();
          if (v instanceof ASN1String s) {
            return Optional.of(s.getString());
          }
        }
      }
    }
    return Optional.empty();
  }

  private static String text(GeneralName n) {
    ASN1Encodable v = n.getName();
    return v instanceof ASN1String s ? s.getString() : v.toString();
  }

  private static String ip(GeneralName n) {
    try {
      return InetAddress.getByAddress(ASN1OctetString.getInstance(n.getName()).getOctets()).getHostAddress();
    } catch (UnknownHostException e) {
      return "";
    }
  }

  private static Optional<String> derString(byte[] der) {
    try {
      ASN1Primitive p = ASN1Primitive.fromByteArray(der);
      return p instanceof ASN1String s ? Optional.of(s.getString()) : Optional.empty();
    } catch (java.io.IOException e) {
      return Optional.empty();
    }
  }
}
