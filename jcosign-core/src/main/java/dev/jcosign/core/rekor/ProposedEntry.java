package dev.jcosign.core.rekor;

import java.util.Objects;

/**
 * A Rekor v1 proposed entry, ready to POST to {@code /api/v1/log/entries} (spec §6.3).
 *
 * @param kind e.g. {@code hashedrekord}, {@code dsse}, {@code intoto}
 * @param apiVersion e.g. {@code 0.0.1}
 * @param json the request body (compact JSON)
 */
public record ProposedEntry(String kind, String apiVersion, byte[] json) {

  public ProposedEntry {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(apiVersion, "apiVersion");
    json = json.clone();
  }

  @Override
  public byte[] json() {
    return json.clone();
  }
}
