package dev.jcosign.core.keys;

import dev.jcosign.core.error.KeyException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * One PEM block (RFC 7468): its label and its decoded bytes. Reading follows Go's {@code pem.Decode},
 * which cosign uses: the first block wins, text around it is ignored (spec §2.1, §2.2).
 */
public record PemBlock(String label, byte[] bytes) {
  private static final String BEGIN = "-----BEGIN ";
  private static final String DASHES = "-----";
  private static final int LINE = 64;

  public PemBlock {
    if (label == null || bytes == null) {
      throw new IllegalArgumentException("label and bytes are required");
    }
  }

  /** The first PEM block in {@code text}; {@link KeyException} when there is none or it is damaged. */
  public static PemBlock decode(byte[] text) {
    // PEM is ASCII; ISO-8859-1 maps every byte to one char so offsets stay meaningful
    String s = new String(text, StandardCharsets.ISO_8859_1);
    int begin = findLineStart(s, BEGIN);
    if (begin < 0) {
      throw new KeyException("invalid pem: no PEM block found");
    }
    int labelEnd = s.indexOf(DASHES, begin + BEGIN.length());
    int eol = lineEnd(s, begin);
    if (labelEnd < 0 || labelEnd > eol) {
      throw new KeyException("invalid pem: malformed BEGIN line");
    }
    String label = s.substring(begin + BEGIN.length(), labelEnd);
    String endLine = "-----END " + label + DASHES;
    int end = findLineStart(s.substring(eol), endLine);
    if (end < 0) {
      throw new KeyException("invalid pem: no END line for \"" + label + "\"");
    }
    String body = s.substring(eol, eol + end);
    if (body.contains(":")) {
      // RFC 1421 headers (Proc-Type, DEK-Info) mean a legacy encrypted PEM, which cosign never reads
      throw new KeyException("invalid pem: \"" + label + "\" block has headers (encrypted PEM is not supported)");
    }
    StringBuilder b64 = new StringBuilder(body.length());
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c != '\n' && c != '\r' && c != ' ' && c != '\t') {
        b64.append(c);
      }
    }
    try {
      return new PemBlock(label, Base64.getDecoder().decode(b64.toString()));
    } catch (IllegalArgumentException e) {
      throw new KeyException("invalid pem: bad base64 in \"" + label + "\" block", e);
    }
  }

  /** PEM text: 64-character lines, trailing newline, as Go's {@code pem.Encode} writes it. */
  public byte[] encode() {
    String b64 = Base64.getEncoder().encodeToString(bytes);
    StringBuilder sb = new StringBuilder(b64.length() + b64.length() / LINE + 80);
    sb.append(BEGIN).append(label).append(DASHES).append('\n');
    for (int i = 0; i < b64.length(); i += LINE) {
      sb.append(b64, i, Math.min(b64.length(), i + LINE)).append('\n');
    }
    sb.append("-----END ").append(label).append(DASHES).append('\n');
    return sb.toString().getBytes(StandardCharsets.US_ASCII);
  }

  /** Index of {@code token} where it starts a line, or -1. */
  private static int findLineStart(String s, String token) {
    int from = 0;
    while (true) {
      int i = s.indexOf(token, from);
      if (i < 0) {
        return -1;
      }
      if (i == 0 || s.charAt(i - 1) == '\n') {
        return i;
      }
      from = i + 1;
    }
  }

  /** Index just after the newline that ends the line containing {@code i} (or the text length). */
  private static int lineEnd(String s, int i) {
    int nl = s.indexOf('\n', i);
    return nl < 0 ? s.length() : nl + 1;
  }
}
