package dev.jcosign.adapters.registry;

import dev.jcosign.core.error.InvalidInputException;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses human-readable sizes the way cosign reads {@code COSIGN_MAX_ATTACHMENT_SIZE} (go-humanize
 * {@code ParseBytes}, spec §1.3): {@code 5120}, {@code 20K} (SI, 20 000), {@code 3M}, {@code 45MiB}
 * (IEC, 45 x 2^20), {@code 1GB}; case-insensitive, optional space, decimals allowed.
 */
public final class ByteSizes {
  private static final Pattern SIZE = Pattern.compile("\\s*([0-9][0-9.,]*)\\s*([a-zA-Z]*)\\s*");
  private static final Map<String, Long> UNITS = units();

  private ByteSizes() {}

  private static Map<String, Long> units() {
    Map<String, Long> m = new java.util.HashMap<>();
    m.put("", 1L);
    m.put("b", 1L);
    String[] prefixes = {"k", "m", "g", "t", "p", "e"};
    long si = 1;
    long iec = 1;
    for (String p : prefixes) {
      si *= 1000;
      iec *= 1024;
      m.put(p, si);
      m.put(p + "b", si);
      m.put(p + "i", iec);
      m.put(p + "ib", iec);
    }
    return Map.copyOf(m);
  }

  /** Number of bytes {@code s} denotes; {@link InvalidInputException} naming the value otherwise. */
  public static long parse(String s) {
    Matcher m = s == null ? null : SIZE.matcher(s);
    if (m == null || !m.matches()) {
      throw new InvalidInputException("invalid size \"" + s + "\": expected a number with an optional unit such as 20K, 3M, 45MiB or 1GB");
    }
    Long unit = UNITS.get(m.group(2).toLowerCase(Locale.ROOT));
    if (unit == null) {
      throw new InvalidInputException("invalid size \"" + s + "\": unknown unit \"" + m.group(2) + "\"");
    }
    BigDecimal n;
    try {
      n = new BigDecimal(m.group(1).replace(",", ""));
    } catch (NumberFormatException e) {
      throw new InvalidInputException("invalid size \"" + s + "\": not a number", e);
    }
    BigDecimal bytes = n.multiply(BigDecimal.valueOf(unit));
    if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) >= 0) {
      throw new InvalidInputException("invalid size \"" + s + "\": too large");
    }
    return bytes.longValue();
  }
}
