package dev.jcosign.core.rekor;

import java.util.Objects;

/**
 * An entry as a Rekor v1 log returned it (spec §6.3): its UUID, the entry with its SET and proof,
 * and the kind and API version read from the canonical body (the v0.3 bundle's {@code kindVersion}).
 */
public record LoggedEntry(String uuid, String kind, String apiVersion, TlogEntry entry) {

  public LoggedEntry {
    Objects.requireNonNull(uuid, "uuid");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(apiVersion, "apiVersion");
    Objects.requireNonNull(entry, "entry");
  }
}
