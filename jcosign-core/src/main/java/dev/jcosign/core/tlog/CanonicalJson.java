package dev.jcosign.core.tlog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcosign.core.error.InvalidInputException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * RFC 8785 (JCS) canonical JSON of a Jackson tree: the bytes a Rekor SET signs (spec §6.3, §10 #6).
 *
 * <p>Object keys sorted by UTF-16 code units (Java's {@link String#compareTo} order), no whitespace,
 * minimal string escaping (RFC 8785 §3.2.2.2), numbers in ECMAScript {@code Number.prototype.toString}
 * form (§3.2.2.3). Integers are exact only up to 2^53 in ECMAScript; the log's integers stay far below.
 */
public final class CanonicalJson {
  private CanonicalJson() {}

  /** The canonical UTF-8 bytes of {@code node}. */
  public static byte[] bytes(JsonNode node) {
    return string(node).getBytes(StandardCharsets.UTF_8);
  }

  /** The canonical text of {@code node}. */
  public static String string(JsonNode node) {
    StringBuilder out = new StringBuilder();
    write(node, out);
    return out.toString();
  }

  private static void write(JsonNode node, StringBuilder out) {
    switch (node.getNodeType()) {
      case OBJECT -> {
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
          keys.add(it.next());
        }
        keys.sort(null); // String.compareTo compares UTF-16 code units, as RFC 8785 §3.2.3 requires
        out.append('{');
        for (int i = 0; i < keys.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          string(keys.get(i), out);
          out.append(':');
          write(node.get(keys.get(i)), out);
        }
        out.append('}');
      }
      case ARRAY -> {
        out.append('[');
        for (int i = 0; i < node.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          write(node.get(i), out);
        }
        out.append(']');
      }
      case STRING -> string(node.textValue(), out);
      case NUMBER -> out.append(number(node));
      case BOOLEAN -> out.append(node.booleanValue() ? "true" : "false");
      case NULL -> out.append("null");
      default -> throw new InvalidInputException("canonical json: unsupported node type " + node.getNodeType());
    }
  }

  /** RFC 8785 §3.2.2.2: only {@code "} and {@code \} and control characters are escaped. */
  private static void string(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else if (Character.isSurrogate(c)) {
            // a lone surrogate has no UTF-8 form; RFC 8785 §3.2.2.2 makes it an error
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
              out.append(c).append(s.charAt(++i));
            } else {
              throw new InvalidInputException("canonical json: lone surrogate in string");
            }
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static String number(JsonNode node) {
    if (node.isIntegralNumber()) {
      BigInteger v = node.bigIntegerValue();
      if (v.abs().compareTo(BigInteger.TEN.pow(21)) < 0) {
        return v.toString();
      }
      return ecmaScript(new BigDecimal(v).stripTrailingZeros());
    }
    double d = node.doubleValue();
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new InvalidInputException("canonical json: " + d + " is not a JSON number");
    }
    if (d == 0) {
      return "0"; // -0 serialises as 0 (ECMAScript)
    }
    // ECMAScript wants the shortest digits that round-trip, nearest to the exact value; JDK 17's
    // Double.toString is not always shortest (4.9E-324), so search by significant digits
    BigDecimal exact = new BigDecimal(d);
    for (int p = 1; p < 17; p++) {
      BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
      if (Double.parseDouble(r.toString()) == d) {
        return ecmaScript(r.stripTrailingZeros());
      }
    }
    return ecmaScript(exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros());
  }

  /** ECMAScript Number::toString layout of {@code v} = digits × 10^(n−k) (ECMA-262 §6.1.6.1.20). */
  private static String ecmaScript(BigDecimal v) {
    String sign = v.signum() < 0 ? "-" : "";
    String digits = v.unscaledValue().abs().toString();
    int k = digits.length();
    int n = k - v.scale();
    String body;
    if (k <= n && n <= 21) {
      body = digits + "0".repeat(n - k);
    } else if (0 < n && n <= 21) {
      body = digits.substring(0, n) + "." + digits.substring(n);
    } else if (-6 < n && n <= 0) {
      body = "0." + "0".repeat(-n) + digits;
    } else {
      String exp = (n - 1 >= 0 ? "+" : "-") + Math.abs(n - 1);
      body = (k == 1 ? digits : digits.charAt(0) + "." + digits.substring(1)) + "e" + exp;
    }
    return sign + body;
  }
}
