package dev.jcosign.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcosign.core.error.InvalidInputException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Strict reading of one policy document (issue 14): an unknown or mistyped field is one line naming the
 * document and the field's path, because a field the cluster honours and jcosign skipped would make the
 * test answer differently from the cluster.
 */
final class Fields {
  private final String document;

  Fields(String document) {
    this.document = document;
  }

  InvalidInputException error(String path, String what) {
    return new InvalidInputException(document + ": " + path + ": " + what);
  }

  /** The object at {@code path}, refusing any field not in {@code allowed}. */
  JsonNode object(JsonNode node, String path, Set<String> allowed) {
    if (node == null || !node.isObject()) {
      throw error(path, "expected a mapping");
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!allowed.contains(f)) {
        throw error(path.isEmpty() ? f : path + "." + f, "unknown field (jcosign honours " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
      }
    }
    return node;
  }

  Optional<String> string(JsonNode parent, String field, String path) {
    JsonNode n = parent.get(field);
    if (n == null || n.isNull()) {
      return Optional.empty();
    }
    if (!n.isTextual()) {
      throw error(path + "." + field, "expected a string");
    }
    return Optional.of(n.asText());
  }

  Optional<Boolean> bool(JsonNode parent, String field, String path) {
    JsonNode n = parent.get(field);
    if (n == null || n.isNull()) {
      return Optional.empty();
    }
    if (!n.isBoolean()) {
      throw error(path + "." + field, "expected true or false");
    }
    return Optional.of(n.asBoolean());
  }

  List<JsonNode> list(JsonNode parent, String field, String path) {
    JsonNode n = parent.get(field);
    List<JsonNode> out = new ArrayList<>();
    if (n == null || n.isNull()) {
      return out;
    }
    if (!n.isArray()) {
      throw error(path + "." + field, "expected a list");
    }
    n.forEach(out::add);
    return out;
  }
}
