package dev.jcosign.core.json;

import java.math.BigDecimal;

/**
 * Go's text for values after a round trip through {@code interface{}}: every JSON number becomes a
 * float64 (spec §3.4). {@link GoJson} streams whole documents through that round trip.
 */
public final class GoValues {
  private GoValues() {}

  /**
   * Go's string after {@code json.Unmarshal}: a {@code \\uD800}-style escape that is not half of a
   * valid pair decodes to U+FFFD. Returns null when {@code [off, off+len)} is already well formed,
   * which is the case to keep cheap. (Jackson itself refuses such escapes in keys.)
   */
  static String wellFormedOrNull(char[] cs, int off, int len) {
    int end = off + len;
    for (int i = off; i < end; i++) {
      char c = cs[i];
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(cs[i + 1])) {
          i++;
          continue;
        }
        return replaceLoneSurrogates(cs, off, len);
      }
    }
    return null;
  }

  private static String replaceLoneSurrogates(char[] cs, int off, int len) {
    StringBuilder b = new StringBuilder(len);
    int end = off + len;
    for (int i = off; i < end; i++) {
      char c = cs[i];
      if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(cs[i + 1])) {
        b.append(c).append(cs[++i]);
      } else {
        b.append(Character.isSurrogate(c) ? '\uFFFD' : c);
      }
    }
    return b.toString();
  }

  /** Go's {@code encoding/json} float64 text: plain digits unless the magnitude is below 1e-6 or at least 1e21. */
  static String goFloat(double d) {
    if (d == 0) {
      return (1 / d < 0) ? "-0" : "0";
    }
    double abs = Math.abs(d);
    BigDecimal shortest = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    if (abs >= 1e-6 && abs < 1e21) {
      return shortest.toPlainString();
    }
    // 'e' format: mantissa digits, then e+XX / e-X (Go trims a leading zero of a two-digit negative exponent)
    String digits = shortest.unscaledValue().abs().toString();
    int exp = digits.length() - 1 - shortest.scale();
    String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    String e = exp < 0 ? "-" + String.format("%02d", -exp) : "+" + String.format("%02d", exp);
    if (e.startsWith("-0")) {
      e = "-" + e.substring(2);
    }
    return (d < 0 ? "-" : "") + mantissa + "e" + e;
  }
}
