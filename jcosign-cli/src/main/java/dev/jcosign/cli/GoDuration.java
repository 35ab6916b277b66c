package dev.jcosign.cli;

import dev.jcosign.core.error.InvalidInputException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses Go {@code time.ParseDuration} strings such as {@code 3m0s}, {@code 90s}, {@code 1h30m}, {@code 500ms}. */
final class GoDuration {
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");

  private GoDuration() {}

  static Duration parse(String s) {
    if (s == null || s.isEmpty()) {
      throw new InvalidInputException("invalid duration \"\"");
    }
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = PART.matcher(s);
    int pos = 0;
    double nanos = 0;
    while (m.find() && m.start() == pos) {
      double v = Double.parseDouble(m.group(1));
      nanos += v * switch (m.group(2)) {
        case "ns" -> 1;
        case "us", "µs" -> 1e3;
        case "ms" -> 1e6;
        case "s" -> 1e9;
        case "m" -> 60e9;
        default -> 3600e9;
      };
      pos = m.end();
    }
    if (pos != s.length() || pos == 0) {
      throw new InvalidInputException("invalid duration \"" + s + "\": use a Go duration such as 3m0s, 90s or 500ms");
    }
    return Duration.ofNanos((long) nanos);
  }
}
