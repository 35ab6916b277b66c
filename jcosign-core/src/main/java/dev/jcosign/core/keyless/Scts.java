package dev.jcosign.core.keyless;

import dev.jcosign.core.error.VerificationException;
import dev.jcosign.core.tlog.TransparencyLogInstance;
import dev.jcosign.core.tlog.TrustedRoot;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Embedded Signed Certificate Timestamps (RFC 6962 §3.2-3.3) of a Fulcio certificate, checked against
 * the trusted root's {@code ctlogs} (keyless spec §1.7 "SCT"): each SCT names its log by the SHA-256 of
 * the log's key, is skipped when its time lies outside that key's {@code validFor}, and is verified as
 * a precertificate entry: the TBS without the SCT list extension, and the issuer's key hash.
 */
public final class Scts {
  /** The X.509 extension carrying the SCT list. */
  public static final String SCT_LIST_OID = "1.3.6.1.4.1.11129.2.4.2";
  private static final String POISON_OID = "1.3.6.1.4.1.11129.2.4.3";

  private Scts() {}

  /** One parsed SCT (v1). */
  record Sct(byte[] logId, long timestampMillis, byte[] extensions, int hashAlg, int sigAlg, byte[] signature) {}

  /** True when the certificate carries an SCT list. */
  public static boolean present(FulcioCertificate leaf) {
    return leaf.extensionValue(SCT_LIST_OID).isPresent();
  }

  /**
   * Verifies the embedded SCTs; at least {@code threshold} distinct logs must vouch. Throws with
   * sigstore-go's wording otherwise.
   */
  public static int verify(FulcioCertificate leaf, X509Certificate issuer, TrustedRoot root, int threshold) {
    List<Sct> scts = leaf.extensionValue(SCT_LIST_OID).map(Scts::parseList).orElse(List.of());
    byte[] issuerKeyHash = sha256(issuer.getPublicKey().getEncoded());
    byte[] tbs = precertTbs(leaf.der());
    Set<String> logs = new HashSet<>();
    for (Sct s : scts) {
      Optional<TransparencyLogInstance> log = root.ctlogs().stream().filter(l -> Arrays.equals(l.logId(), s.logId())).findFirst();
      if (log.isEmpty() || !log.get().validFor().contains(Instant.ofEpochMilli(s.timestampMillis()))) {
        continue;
      }
      if (verifyOne(s, log.get().publicKey(), issuerKeyHash, tbs)) {
        logs.add(log.get().logIdHex());
      }
    }
    if (logs.size() < threshold) {
      throw new VerificationException("only able to verify " + logs.size() + " SCT entries; unable to meet threshold of " + threshold);
    }
    return logs.size();
  }

  static boolean verifyOne(Sct s, PublicKey key, byte[] issuerKeyHash, byte[] tbs) {
    ByteArrayOutputStream signed = new ByteArrayOutputStream(tbs.length + 64);
    signed.write(0); // sct_version v1
    signed.write(0); // signature_type certificate_timestamp
    signed.writeBytes(ByteBuffer.allocate(8).putLong(s.timestampMillis()).array());
    signed.write(0);
    signed.write(1); // entry_type precert_entry
    signed.writeBytes(issuerKeyHash);
    signed.write((tbs.length >>> 16) & 0xff);
    signed.write((tbs.length >>> 8) & 0xff);
    signed.write(tbs.length & 0xff);
    signed.writeBytes(tbs);
    signed.write((s.extensions().length >>> 8) & 0xff);
    signed.write(s.extensions().length & 0xff);
    signed.writeBytes(s.extensions());
    String hash = switch (s.hashAlg()) {
      case 4 -> "SHA256";
      case 5 -> "SHA384";
      case 6 -> "SHA512";
      default -> null;
    };
    String alg = switch (s.sigAlg()) {
      case 1 -> "withRSA";
      case 3 -> "withECDSA";
      default -> null;
    };
    if (hash == null || alg == null) {
      return false;
    }
    try {
      Signature v = Signature.getInstance(hash + alg);
      v.initVerify(key);
      v.update(signed.toByteArray());
      return v.verify(s.signature());
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  /** Parses the extension value: an OCTET STRING holding the TLS-encoded {@code SignedCertificateTimestampList}. */
  static List<Sct> parseList(byte[] extnValue) {
    List<Sct> out = new ArrayList<>();
    try {
      Der.Tlv octets = Der.parse(extnValue);
      if (octets.tag() != 0x04) {
        throw new VerificationException("malformed SCT list in the certificate: not an OCTET STRING");
      }
      ByteBuffer b = ByteBuffer.wrap(octets.value());
      int total = u16(b);
      if (total != b.remaining()) {
        throw new VerificationException("malformed SCT list: length " + total + ", " + b.remaining() + " bytes follow");
      }
      while (b.hasRemaining()) {
        int len = u16(b);
        ByteBuffer one = b.slice(b.position(), len);
        b.position(b.position() + len);
        if (one.get() != 0) {
          continue; // only v1 SCTs exist
        }
        byte[] logId = bytes(one, 32);
        long ts = one.getLong();
        byte[] ext = bytes(one, u16(one));
        int hashAlg = one.get() & 0xff;
        int sigAlg = one.get() & 0xff;
        byte[] sig = bytes(one, u16(one));
        out.add(new Sct(logId, ts, ext, hashAlg, sigAlg, sig));
      }
    } catch (RuntimeException e) {
      if (e instanceof VerificationException v) {
        throw v;
      }
      throw new VerificationException("malformed SCT list in the certificate", e);
    }
    return out;
  }

  /** The TBSCertificate as the precertificate was: without the SCT list (and any poison) extension. */
  static byte[] precertTbs(byte[] certDer) {
    try {
      Der.Tlv tbs = Der.parse(certDer).children().get(0);
      ByteArrayOutputStream content = new ByteArrayOutputStream(tbs.length());
      for (Der.Tlv t : tbs.children()) {
        if (t.tag() != 0xa3) {
          content.writeBytes(t.encoded());
          continue;
        }
        ByteArrayOutputStream kept = new ByteArrayOutputStream(t.length());
        for (Der.Tlv ext : t.children().get(0).children()) {
          String oid = Der.oid(ext.children().get(0).value());
          if (!oid.equals(SCT_LIST_OID) && !oid.equals(POISON_OID)) {
            kept.writeBytes(ext.encoded());
          }
        }
        content.writeBytes(Der.wrap(0xa3, Der.wrap(0x30, kept.toByteArray())));
      }
      return Der.wrap(0x30, content.toByteArray());
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      throw new VerificationException("re-encoding the certificate for SCT verification failed: " + e.getMessage(), e);
    }
  }

  private static int u16(ByteBuffer b) {
    return b.getShort() & 0xffff;
  }

  private static byte[] bytes(ByteBuffer b, int n) {
    byte[] out = new byte[n];
    b.get(out);
    return out;
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
