package dev.jcosign.core.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON trees read from a {@link JsonParser} and written to a {@link JsonGenerator} without an
 * {@code ObjectMapper}, with the nodes and bytes {@code ObjectMapper.readTree}/{@code writeValueAsBytes}
 * give under {@link Json}'s settings (JsonTreesTest compares the two).
 *
 * <p>Why: building an {@code ObjectMapper} (its settings, type factory, date format and time-zone data)
 * cost ~10 ms of a ~200 ms one-image {@code verify}, which only reads small manifests and payloads
 * (issue 12 start-up). The mapper is still built, lazily, for the code that binds or converts values.
 */
final class JsonTrees {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JsonTrees() {}

  /** The value starting at the parser's current token (the caller has called {@code nextToken}). */
  static JsonNode read(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT: {
        ObjectNode o = NODES.objectNode();
        for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
          String name = p.currentName();
          p.nextToken();
          o.set(name, read(p)); // a repeated name: the last value wins, at the first one's place (as readTree)
        }
        return o;
      }
      case START_ARRAY: {
        ArrayNode a = NODES.arrayNode();
        for (JsonToken v = p.nextToken(); v != JsonToken.END_ARRAY; v = p.nextToken()) {
          a.add(read(p));
        }
        return a;
      }
      case VALUE_STRING:
        return NODES.textNode(p.getText());
      case VALUE_NUMBER_INT:
        switch (p.getNumberType()) {
          case INT:
            return NODES.numberNode(p.getIntValue());
          case LONG:
            return NODES.numberNode(p.getLongValue());
          default:
            return NODES.numberNode(p.getBigIntegerValue());
        }
      case VALUE_NUMBER_FLOAT:
        return NODES.numberNode(p.getDoubleValue());
      case VALUE_TRUE:
        return NODES.booleanNode(true);
      case VALUE_FALSE:
        return NODES.booleanNode(false);
      case VALUE_NULL:
        return NODES.nullNode();
      default:
        throw new IOException("unexpected JSON token " + t);
    }
  }

  /**
   * Writes a tree. Nodes that are not plain JSON values (POJO, binary, raw) are handed to the mapper,
   * which serialises them as {@code writeValueAsBytes} would.
   */
  static void write(JsonGenerator g, JsonNode node) throws IOException {
    switch (node.getNodeType()) {
      case OBJECT: {
        g.writeStartObject();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          g.writeFieldName(e.getKey());
          write(g, e.getValue());
        }
        g.writeEndObject();
        return;
      }
      case ARRAY: {
        g.writeStartArray();
        for (JsonNode c : node) {
          write(g, c);
        }
        g.writeEndArray();
        return;
      }
      case STRING:
        g.writeString(node.textValue());
        return;
      case NUMBER:
        writeNumber(g, node);
        return;
      case BOOLEAN:
        g.writeBoolean(node.booleanValue());
        return;
      case NULL:
        g.writeNull();
        return;
      default:
        Json.mapper().writeTree(g, node);
    }
  }

  private static void writeNumber(JsonGenerator g, JsonNode n) throws IOException {
    switch (n.numberType()) {
      case INT:
        g.writeNumber(n.intValue());
        return;
      case LONG:
        g.writeNumber(n.longValue());
        return;
      case BIG_INTEGER:
        g.writeNumber(n.bigIntegerValue());
        return;
      case FLOAT:
        g.writeNumber(n.floatValue());
        return;
      case DOUBLE:
        g.writeNumber(n.doubleValue());
        return;
      default:
        g.writeNumber(n.decimalValue());
    }
  }
}
