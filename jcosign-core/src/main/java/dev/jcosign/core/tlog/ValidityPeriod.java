package dev.jcosign.core.tlog;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A trusted-root {@code validFor} window (spec §6.7): start inclusive, end exclusive, each optional. */
public record ValidityPeriod(Optional<Instant> start, Optional<Instant> end) {
  public static final ValidityPeriod ALWAYS = new ValidityPeriod(Optional.empty(), Optional.empty());

  public ValidityPeriod {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
  }

  /** Whether {@code t} falls inside the window. */
  public boolean contains(Instant t) {
    return start.map(s -> !t.isBefore(s)).orElse(true) && end.map(t::isBefore).orElse(true);
  }
}
