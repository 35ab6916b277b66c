package dev.jcosign.core.keyless;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Just enough DER to read a certificate's extensions in order and rebuild its TBS without one of them
 * (keyless spec §1.7: issuer precedence, SCT precertificate). Bouncy Castle's certificate model does the
 * same but costs ~150 ms of class loading and static set-up on a cold JVM, more than all of keyless
 * verification's checks together (issue 9 benchmark target: within 30 ms of key-based verify-blob).
 */
final class Der {
  private Der() {}

  /** One tag-length-value at {@code start} of {@code buf}: single-byte tags, definite lengths (DER). */
  record Tlv(byte[] buf, int tag, int start, int headerLength, int length) {
    int valueStart() {
      return start + headerLength;
    }

    int end() {
      return start + headerLength + length;
    }

    byte[] value() {
      return java.util.Arrays.copyOfRange(buf, valueStart(), end());
    }

    byte[] encoded() {
      return java.util.Arrays.copyOfRange(buf, start, end());
    }

    List<Tlv> children() {
      List<Tlv> out = new ArrayList<>();
      int p = valueStart();
      while (p < end()) {
        Tlv c = read(buf, p, end());
        out.add(c);
        p = c.end();
      }
      return out;
    }
  }

  static Tlv read(byte[] b, int pos, int limit) {
    if (pos + 2 > limit) {
      throw new IllegalArgumentException("truncated DER");
    }
    int tag = b[pos] & 0xff;
    if ((tag & 0x1f) == 0x1f) {
      throw new IllegalArgumentException("multi-byte DER tags are not used in certificates");
    }
    int first = b[pos + 1] & 0xff;
    int header = 2;
    long len = first;
    if (first > 0x80) {
      int n = first & 0x7f;
      if (n > 4 || pos + 2 + n > limit) {
        throw new IllegalArgumentException("bad DER length");
      }
      len = 0;
      for (int i = 0; i < n; i++) {
        len = (len << 8) | (b[pos + 2 + i] & 0xff);
      }
      header += n;
    } else if (first == 0x80) {
      throw new IllegalArgumentException("indefinite length is not DER");
    }
    if (pos + header + len > limit) {
      throw new IllegalArgumentException("DER value runs past its container");
    }
    return new Tlv(b, tag, pos, header, (int) len);
  }

  static Tlv parse(byte[] b) {
    Tlv t = read(b, 0, b.length);
    if (t.end() != b.length) {
      throw new IllegalArgumentException("trailing bytes after DER value");
    }
    return t;
  }

  /** Dotted form of an OBJECT IDENTIFIER's content octets. */
  static String oid(byte[] v) {
    StringBuilder sb = new StringBuilder();
    long acc = 0;
    boolean first = true;
    for (byte x : v) {
      acc = (acc << 7) | (x & 0x7f);
      if ((x & 0x80) == 0) {
        if (first) {
          int a = acc < 80 ? (int) (acc / 40) : 2;
          sb.append(a).append('.').append(acc - 40L * a);
          first = false;
        } else {
          sb.append('.').append(acc);
        }
        acc = 0;
      }
    }
    return sb.toString();
  }

  /** The text of a DER string (UTF8String, IA5String, PrintableString...), or null for another type. */
  static String string(Tlv t) {
    return switch (t.tag()) {
      case 0x0c, 0x13, 0x16, 0x1a -> new String(t.value(), t.tag() == 0x0c ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
      default -> null;
    };
  }

  /** A TLV with {@code tag} around {@code content}. */
  static byte[] wrap(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
    out.write(tag);
    int n = content.length;
    if (n < 0x80) {
      out.write(n);
    } else if (n < 0x100) {
      out.write(0x81);
      out.write(n);
    } else if (n < 0x10000) {
      out.write(0x82);
      out.write(n >>> 8);
      out.write(n);
    } else {
      out.write(0x83);
      out.write(n >>> 16);
      out.write(n >>> 8);
      out.write(n);
    }
    out.writeBytes(content);
    return out.toByteArray();
  }
}
