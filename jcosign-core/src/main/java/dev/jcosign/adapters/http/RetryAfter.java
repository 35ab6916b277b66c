package dev.jcosign.adapters.http;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** {@code Retry-After} (RFC 9110 §10.2.3), for the registry client and the Sigstore service clients alike. */
public final class RetryAfter {
  private RetryAfter() {}

  /** The wait a {@code Retry-After} value asks for: delay-seconds or an HTTP date; empty when unreadable. */
  public static Optional<Duration> parse(String header) {
    String v = header.trim();
    try {
      return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v))));
    } catch (NumberFormatException e) {
      try {
        ZonedDateTime t = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(ZonedDateTime.now(t.getZone()), t);
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (DateTimeParseException e2) {
        return Optional.empty();
      }
    }
  }
}
