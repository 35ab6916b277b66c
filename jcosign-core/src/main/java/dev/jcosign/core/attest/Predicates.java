package dev.jcosign.core.attest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.json.ByteSink;
import dev.jcosign.core.json.GoJson;
import dev.jcosign.core.json.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a predicate file into the statement's {@code predicate} for each {@code --type} (spec §3.4
 * table). JSON predicates go through Go's {@code interface{}} round trip (sorted keys, float64
 * numbers), as cosign re-marshals them; they are streamed ({@link GoJson}), never held as a tree.
 */
public final class Predicates {
  /** Top-level fields cosign requires (struct fields without {@code omitempty}). */
  private static final Map<String, List<String>> REQUIRED = Map.of(
      "https://slsa.dev/provenance/v0.2", List.of("builder", "buildType"),
      "https://slsa.dev/provenance/v1", List.of("buildDefinition", "runDetails"));
  /** The SLSA v1 spec spells invocationId; a predicate written with the Go struct's invocationID is normalised. */
  private static final GoJson.Rename SLSA1_INVOCATION_ID =
      new GoJson.Rename(List.of("runDetails", "metadata"), "invocationID", "invocationId");

  private final Clock clock;

  public Predicates(Clock clock) {
    this.clock = clock;
  }

  /** The predicate's JSON bytes for {@code --type type} (a name or URI) built from the file's bytes. */
  public byte[] build(String type, byte[] file) {
    ByteSink sink = new ByteSink(file.length + 64);
    try (JsonGenerator g = Json.generator(sink)) {
      write(type, new ByteArrayInputStream(file), g, sink);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return sink.toByteArray();
  }

  /**
   * Writes the predicate for {@code --type type} as the next value of {@code g}, a generator from
   * {@link Json#generator(ByteSink)} on {@code sink}; a bad predicate throws before it is used.
   */
  public void write(String type, InputStream file, JsonGenerator g, ByteSink sink) {
    String uri = PredicateTypes.uriFor(type);
    if (PredicateTypes.CUSTOM.equals(type) || (!PredicateTypes.isName(type) && uri.equals(PredicateTypes.CUSTOM_URI))) {
      ObjectNode p = Json.object();
      p.put("Data", text(file));
      p.put("Timestamp", DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS)));
      writeTree(g, p);
      return;
    }
    if (PredicateTypes.SPDX.equals(type)) {
      writeTree(g, TextNode.valueOf(text(file))); // the document as one JSON string
      return;
    }
    GoJson.Root root;
    try {
      root = GoJson.transcode(file, "predicate", g, sink,
          "slsaprovenance1".equals(type) ? Optional.of(SLSA1_INVOCATION_ID) : Optional.empty());
    } catch (InvalidInputException e) {
      throw new InvalidInputException("invalid JSON payload for predicate type " + uri + ": " + e.getMessage(), e);
    }
    if (!root.isObject() && !PredicateTypes.isName(type)) {
      throw new InvalidInputException("invalid JSON payload for predicate type " + uri + ": not a JSON object");
    }
    for (String field : REQUIRED.getOrDefault(uri, List.of())) {
      if (!root.keys().contains(field)) {
        throw new InvalidInputException("required field " + field + " missing");
      }
    }
  }

  private static String text(InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InvalidInputException("reading predicate: " + e.getMessage(), e);
    }
  }

  private static void writeTree(JsonGenerator g, JsonNode n) {
    try {
      Json.mapper().writeTree(g, n);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
