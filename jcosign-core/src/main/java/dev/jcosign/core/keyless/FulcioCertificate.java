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
  // the GeneralName TLVs of the SAN extension, in order
  private final List<Der.Tlv> sans;
  static final String SAN_OID = "2.5.29.17";
  private static final int RFC822 = 0x81;
  private static final int DNS = 0x82;
  private static final int URI = 0x86;
  private static final int IP = 0x87;
  private static final int OTHER_NAME = 0xa0;

  private FulcioCertificate(X509Certificate cert, byte[] der) {
    this.cert = cert;
    this.der = der.clone();
    Map<String, byte[]> m = new LinkedHashMap<>();
    for (Der.Tlv ext : extensionList(der)) {
      List<Der.Tlv> parts = ext.children();
      m.put(Der.oid(parts.get(0).value()), parts.get(parts.size() - 1).value());
    }
    this.extensions = m;
    byte[] san = m.get(SAN_OID);
    this.sans = san == null ? List.of() : Der.parse(san).children();
  }

  /** The Extension SEQUENCEs of a certificate, in order (empty without extensions). */
  static List<Der.Tlv> extensionList(byte[] certDer) {
    Der.Tlv tbs = Der.parse(certDer).children().get(0);
    for (Der.Tlv t : tbs.children()) {
      if (t.tag() == 0xa3) {
        return t.children().get(0).children();
      }
    }
    return List.of();
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
      throw new InvalidInputException(what + ": not an X.509 certificate" + reason(e), e);
    }
  }

  /** The parser's reason without the Java class names it embeds ("...: java.io.IOException: Empty input"). */
  private static String reason(Exception e) {
    String m = e.getMessage() == null ? "" : e.getMessage().replaceAll("(?:[a-z]\\w*\\.)+[A-Z]\\w*(?:Exception|Error)(?:: )?", "").strip();
    return m.isEmpty() ? "" : " (" + m + ")";
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
    return first(URI).or(() -> first(RFC822)).or(this::otherNameSan);
  }

  /** cosign's {@code CertSubject}: the first e-mail SAN, else the first URI SAN, else "". */
  public String firstEmailOrUri() {
    return first(RFC822).or(() -> first(URI)).orElse("");
  }

  /** Every SAN the legacy path matches, in cosign's order: DNS, e-mail, IP, URI, OtherName. */
  public List<String> allSans() {
    List<String> out = new ArrayList<>();
    for (int tag : new int[] {DNS, RFC822, IP, URI}) {
      for (Der.Tlv n : sans) {
        if (n.tag() == tag) {
          out.add(tag == IP ? ip(n.value()) : new String(n.value(), StandardCharsets.ISO_8859_1));
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
    return sans.stream().filter(n -> n.tag() == tag).findFirst().map(n -> new String(n.value(), StandardCharsets.ISO_8859_1));
  }

  /** The Sigstore OtherName SAN ({@code 1.3.6.1.4.1.57264.1.7}, a UTF8String under [0] EXPLICIT). */
  private Optional<String> otherNameSan() {
    for (Der.Tlv n : sans) {
      if (n.tag() == OTHER_NAME) {
        List<Der.Tlv> parts = n.children();
        if (parts.size() == 2 && parts.get(0).tag() == 0x06 && OTHERNAME_SAN.equals(Der.oid(parts.get(0).value()))
            && parts.get(1).tag() == 0xa0) {
          String v = Der.string(parts.get(1).children().get(0));
          if (v != null) {
            return Optional.of(v);
          }
        }
      }
    }
    return Optional.empty();
  }

  private static String ip(byte[] addr) {
    try {
      return InetAddress.getByAddress(addr).getHostAddress();
    } catch (UnknownHostException e) {
      return "";
    }
  }

  private static Optional<String> derString(byte[] der) {
    try {
      return Optional.ofNullable(Der.string(Der.parse(der)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
