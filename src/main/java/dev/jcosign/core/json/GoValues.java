package dev.jcosign.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * What a JSON document becomes after Go unmarshals it into {@code interface{}} and marshals it
 * again: object keys sorted (Go maps), every number a float64 in Go's shortest form. cosign does
 * this round trip for JSON predicates (spec §3.4), so byte-compatible statements need it too.
 */
public final class GoValues {
  private GoValues() {}

  /**
   * A node that serialises as {@code n} after Go's round trip. It is a view written straight to the
   * output, not a second tree: for a 20 MB SBOM a copy doubled attest's memory (issue 4 benchmark).
   */
  public static JsonNode normalise(JsonNode n) {
    return Json.mapper().getNodeFactory().pojoNode(new SortedView(n));
  }

  private record SortedView(JsonNode node) implements com.fasterxml.jackson.databind.JsonSerializable {
    @Override
    public void serialize(com.fasterxml.jackson.core.JsonGenerator g, com.fasterxml.jackson.databind.SerializerProvider p)
        throws java.io.IOException {
      write(g, node);
    }

    @Override
    public void serializeWithType(com.fasterxml.jackson.core.JsonGenerator g, com.fasterxml.jackson.databind.SerializerProvider p,
        com.fasterxml.jackson.databind.jsontype.TypeSerializer t) throws java.io.IOException {
      write(g, node);
    }

    private static void write(com.fasterxml.jackson.core.JsonGenerator g, JsonNode n) throws java.io.IOException {
      if (n.isObject()) {
        List<String> keys = new ArrayList<>();
        n.fieldNames().forEachRemaining(keys::add);
        keys.sort(null); // Go sorts map keys by their UTF-8 bytes; for JSON keys String order matches outside surrogates
        g.writeStartObject();
        for (String k : keys) {
          g.writeFieldName(k);
          write(g, n.get(k));
        }
        g.writeEndObject();
      } else if (n.isArray()) {
        g.writeStartArray();
        for (Iterator<JsonNode> it = n.elements(); it.hasNext(); ) {
          write(g, it.next());
        }
        g.writeEndArray();
      } else if (n.isNumber()) {
        g.writeRawValue(goFloat(n.asDouble()));
      } else if (n.isTextual()) {
        g.writeString(n.asText());
      } else if (n.isBoolean()) {
        g.writeBoolean(n.asBoolean());
      } else {
        g.writeNull();
      }
    }
  }

  /** Go's {@code encoding/json} float64 text: plain digits unless the magnitude is below 1e-6 or at least 1e21. */
  static String goFloat(double d) {
    if (d == 0) {
      return (1 / d < 0) ? "-0" : "0";
    }
    double abs = Math.abs(d);
    BigDecimal shortest = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    if (abs >= 1e-6 && abs < 1e21) {
      return shortest.toPlainString();
    }
    // 'e' format: mantissa digits, then e+XX / e-X (Go trims a leading zero of a two-digit negative exponent)
    String digits = shortest.unscaledValue().abs().toString();
    int exp = digits.length() - 1 - shortest.scale();
    String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    String e = exp < 0 ? "-" + String.format("%02d", -exp) : "+" + String.format("%02d", exp);
    if (e.startsWith("-0")) {
      e = "-" + e.substring(2);
    }
    return (d < 0 ? "-" : "") + mantissa + "e" + e;
  }
}
