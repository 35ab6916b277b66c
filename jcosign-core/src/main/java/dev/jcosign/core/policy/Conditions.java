package dev.jcosign.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Kyverno's attestation {@code conditions} over an in-toto predicate (issue 14), in the simple form jcosign
 * supports: blocks of {@code all}/{@code any} with {@code key}, {@code operator}, {@code value}; a key
 * {@code {{ a.b[].c }}} is a path into the predicate (fields, {@code [N]}, and {@code []} to project over a
 * list), anything else is a literal; operators Equals, NotEquals, In, NotIn, AnyIn, AllIn, AnyNotIn, AllNotIn.
 * Full JMESPath is refused by name at parse time rather than answered differently.
 */
final class Conditions {
  private static final Set<String> OPERATORS = Set.of("equals", "notequals", "in", "notin", "anyin", "allin", "anynotin", "allnotin");
  private static final java.util.regex.Pattern PATH = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*(\\[\\d*\\])?(\\.[A-Za-z_][A-Za-z0-9_-]*(\\[\\d*\\])?)*");

  private Conditions() {}

  /** Refuses, at parse time, what the evaluator does not know. */
  static void check(Fields f, JsonNode block, String p) {
    f.object(block, p, Set.of("all", "any"));
    for (String kind : List.of("all", "any")) {
      List<JsonNode> cs = f.list(block, kind, p);
      for (int i = 0; i < cs.size(); i++) {
        String cp = p + "." + kind + "[" + i + "]";
        JsonNode c = f.object(cs.get(i), cp, Set.of("key", "operator", "value", "message"));
        String op = f.string(c, "operator", cp).orElseThrow(() -> f.error(cp + ".operator", "missing"));
        if (!OPERATORS.contains(op.toLowerCase(Locale.ROOT))) {
          throw f.error(cp + ".operator", "operator " + op + " is not supported by jcosign (Equals, NotEquals, In, NotIn, AnyIn, AllIn, "
              + "AnyNotIn, AllNotIn)");
        }
        String key = c.path("key").asText("");
        if (key.contains("{{")) {
          String expr = expression(key);
          if (expr == null || !PATH.matcher(expr).matches()) {
            throw f.error(cp + ".key", "\"" + key + "\": jcosign evaluates plain paths such as {{ a.b[].c }}, not full JMESPath");
          }
        }
      }
    }
  }

  /** Empty when every block holds for {@code predicate}; else the first failing condition, described. */
  static Optional<String> evaluate(List<JsonNode> blocks, JsonNode predicate) {
    for (JsonNode block : blocks) {
      for (JsonNode c : block.path("all")) {
        if (!holds(c, predicate)) {
          return Optional.of(describe(c));
        }
      }
      List<JsonNode> any = new ArrayList<>();
      block.path("any").forEach(any::add);
      if (!any.isEmpty() && any.stream().noneMatch(c -> holds(c, predicate))) {
        return Optional.of("none of the \"any\" conditions holds: " + describe(any.get(0)));
      }
    }
    return Optional.empty();
  }

  private static String describe(JsonNode c) {
    String m = c.path("message").asText("");
    return !m.isEmpty() ? m : c.path("key").asText() + " " + c.path("operator").asText() + " " + c.path("value");
  }

  private static boolean holds(JsonNode c, JsonNode predicate) {
    JsonNode key = resolve(c.path("key"), predicate);
    JsonNode value = c.path("value");
    List<String> keys = strings(key);
    List<String> values = strings(value);
    return switch (c.path("operator").asText().toLowerCase(Locale.ROOT)) {
      case "equals" -> same(key, value);
      case "notequals" -> !same(key, value);
      case "in", "allin" -> !keys.isEmpty() && values.containsAll(keys);
      case "anyin" -> keys.stream().anyMatch(values::contains);
      case "notin", "allnotin" -> keys.stream().noneMatch(values::contains);
      case "anynotin" -> keys.stream().anyMatch(k -> !values.contains(k));
      default -> false;
    };
  }

  /** Equal JSON, or equal scalars whatever their YAML type ({@code 1} and {@code "1"}). */
  private static boolean same(JsonNode key, JsonNode value) {
    return key.equals(value) || (!key.isContainerNode() && !value.isContainerNode() && key.asText().equals(value.asText()));
  }

  private static List<String> strings(JsonNode n) {
    List<String> out = new ArrayList<>();
    if (n.isArray()) {
      n.forEach(e -> out.add(e.asText()));
    } else if (!n.isMissingNode() && !n.isNull()) {
      out.add(n.asText());
    }
    return out;
  }

  private static String expression(String key) {
    String k = key.strip();
    if (!k.startsWith("{{") || !k.endsWith("}}")) {
      return null;
    }
    return k.substring(2, k.length() - 2).strip();
  }

  private static JsonNode resolve(JsonNode key, JsonNode predicate) {
    if (!key.isTextual() || !key.asText().contains("{{")) {
      return key;
    }
    List<JsonNode> current = List.of(predicate);
    boolean projected = false;
    for (String segment : expression(key.asText()).split("\\.")) {
      String field = segment.contains("[") ? segment.substring(0, segment.indexOf('[')) : segment;
      String index = segment.contains("[") ? segment.substring(segment.indexOf('[') + 1, segment.indexOf(']')) : null;
      List<JsonNode> next = new ArrayList<>();
      for (JsonNode n : current) {
        JsonNode v = n.path(field);
        if (index == null) {
          next.add(v);
        } else if (index.isEmpty()) {
          v.forEach(next::add);
          projected = true;
        } else {
          next.add(v.path(Integer.parseInt(index)));
        }
      }
      current = next;
    }
    if (!projected) {
      return current.isEmpty() ? TextNode.valueOf("") : current.get(0);
    }
    ArrayNode a = JsonNodeFactory.instance.arrayNode();
    current.stream().filter(n -> !n.isMissingNode()).forEach(a::add);
    return a;
  }
}
