package dev.jcosign.core.attest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.json.GoValues;
import dev.jcosign.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * Turns a predicate file into the statement's {@code predicate} for each {@code --type} (spec §3.4
 * table). JSON predicates go through Go's {@code interface{}} round trip (sorted keys, float64
 * numbers), as cosign re-marshals them.
 */
public final class Predicates {
  /** Top-level fields cosign requires (struct fields without {@code omitempty}). */
  private static final Map<String, List<String>> REQUIRED = Map.of(
      "https://slsa.dev/provenance/v0.2", List.of("builder", "buildType"),
      "https://slsa.dev/provenance/v1", List.of("buildDefinition", "runDetails"));

  private final Clock clock;

  public Predicates(Clock clock) {
    this.clock = clock;
  }

  /** The predicate for {@code --type type} (a name or URI) built from the file's bytes. */
  public JsonNode build(String type, byte[] file) {
    String uri = PredicateTypes.uriFor(type);
    if (PredicateTypes.CUSTOM.equals(type) || (!PredicateTypes.isName(type) && uri.equals(PredicateTypes.CUSTOM_URI))) {
      ObjectNode p = Json.object();
      p.put("Data", new String(file, StandardCharsets.UTF_8));
      p.put("Timestamp", DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS)));
      return p;
    }
    if (PredicateTypes.SPDX.equals(type)) {
      return TextNode.valueOf(new String(file, StandardCharsets.UTF_8)); // the document as one JSON string
    }
    JsonNode parsed;
    try {
      parsed = Json.parse(file, "predicate");
    } catch (InvalidInputException e) {
      throw new InvalidInputException("invalid JSON payload for predicate type " + uri + ": " + e.getMessage(), e);
    }
    if (!parsed.isObject() && !PredicateTypes.isName(type)) {
      throw new InvalidInputException("invalid JSON payload for predicate type " + uri + ": not a JSON object");
    }
    for (String field : REQUIRED.getOrDefault(uri, List.of())) {
      if (!parsed.has(field)) {
        throw new InvalidInputException("required field " + field + " missing");
      }
    }
    if ("slsaprovenance1".equals(type)) {
      // the SLSA v1 spec spells invocationId; a predicate written with the Go struct's invocationID is normalised
      JsonNode md = parsed.path("runDetails").path("metadata");
      if (md instanceof ObjectNode m && m.has("invocationID") && !m.has("invocationId")) {
        m.set("invocationId", m.remove("invocationID"));
      }
    }
    return GoValues.normalise(parsed);
  }
}
