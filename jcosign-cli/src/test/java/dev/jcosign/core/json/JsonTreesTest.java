package dev.jcosign.core.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import dev.jcosign.core.error.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Json#parse} and {@link Json#write} work without the ObjectMapper since issue 12 (start-up); they
 * must still give exactly what the mapper gives: the same node types (IntNode vs LongNode vs
 * BigIntegerNode, DoubleNode), the same field order, the same bytes (Go escapes) and the same errors.
 */
class JsonTreesTest {

  /** The implementation before issue 12, kept here as the reference. */
  private static JsonNode mapperParse(byte[] bytes, String what) {
    try {
      JsonNode n = Json.mapper().readTree(bytes);
      if (n == null || n.isMissingNode()) {
        throw new InvalidInputException(what + " is empty");
      }
      return n;
    } catch (IOException e) {
      throw Json.parseError(what, e);
    }
  }

  private static void assertSameAsMapper(String doc) throws IOException {
    byte[] bytes = doc.getBytes(StandardCharsets.UTF_8);
    JsonNode expected;
    try {
      expected = mapperParse(bytes, "doc");
    } catch (InvalidInputException e) {
      InvalidInputException actual = assertThrows(InvalidInputException.class, () -> Json.parse(bytes, "doc"), doc);
      assertEquals(e.getMessage(), actual.getMessage(), doc);
      return;
    }
    JsonNode actual = Json.parse(bytes, "doc");
    assertEquals(expected, actual, doc);
    assertEquals(expected.getClass(), actual.getClass(), doc);
    assertSameTypes(expected, actual, doc);
    assertArrayEquals(Json.mapper().writeValueAsBytes(expected), Json.write(actual), doc);
  }

  /** JsonNode.equals already compares number node classes; this also checks every nested node. */
  private static void assertSameTypes(JsonNode a, JsonNode b, String doc) {
    assertEquals(a.getClass(), b.getClass(), doc);
    assertEquals(a.size(), b.size(), doc);
    var ai = a.fieldNames();
    var bi = b.fieldNames();
    while (ai.hasNext()) {
      assertEquals(ai.next(), bi.next(), "field order in " + doc);
    }
    for (int i = 0; a.isArray() && i < a.size(); i++) {
      assertSameTypes(a.get(i), b.get(i), doc);
    }
    a.fields().forEachRemaining(e -> assertSameTypes(e.getValue(), b.get(e.getKey()), doc));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{}", "[]", "null", "true", "false", "0", "-0", "\"x\"", " {\"a\" : 1 } ",
      "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"size\":233},\"layers\":[]}",
      "[2147483647, 2147483648, -2147483648, -2147483649, 9223372036854775807, 9223372036854775808, -9223372036854775809]",
      "[1.5, -0.0, 1e3, 1E-7, 0.1, 123456789012345678901234567890.5, 1e308, 1e400, -1e400, 4.9e-324]",
      "{\"a\":1,\"b\":2,\"a\":3}",
      "{\"b\":{\"y\":[1,{\"z\":null}],\"x\":true},\"a\":\"<&>\\u2028\\u2029\\u0000\\u001f\\n\\t\\b\\f\"}",
      "{\"emoji\":\"\\ud83d\\ude00 \u00e9\u4e2d\",\"raw\":\"😀\"}",
      "[[[[[[[[[[]]]]]]]]]]",
      // malformed: the same one-line errors as before
      "", "   ", "{", "{\"a\":", "[1,]", "{\"a\" 1}", "{} {}", "{} x", "[1] ]", "nul", "\"unterminated", "01", "{'a':1}",
      "{\"a\":1}garbage"})
  void parsesAndWritesAsTheMapperDoes(String doc) throws IOException {
    assertSameAsMapper(doc);
  }

  @Test
  void randomDocumentsParseAndWriteAsTheMapperDoes() throws IOException {
    Random r = new Random(12);
    for (int i = 0; i < 400; i++) {
      StringBuilder sb = new StringBuilder();
      value(r, sb, 0);
      assertSameAsMapper(sb.toString());
    }
  }

  @Test
  void deepNestingFailsAsTheMapperDoes() throws IOException {
    assertSameAsMapper("[".repeat(1001) + "]".repeat(1001));
    assertSameAsMapper("[".repeat(999) + "]".repeat(999));
  }

  @Test
  void treesWithOtherNodesStillWriteThroughTheMapper() throws IOException {
    ObjectNode n = Json.object();
    n.set("pojo", new POJONode(java.util.List.of("a", 1)));
    n.put("bin", new byte[] {1, 2, 3});
    assertArrayEquals(Json.mapper().writeValueAsBytes(n), Json.write(n));
    assertEquals("{\"pojo\":[\"a\",1],\"bin\":\"AQID\"}", Json.writeString(n));
  }

  private static final String[] STRINGS = {"", "a", "<b>&", "\u2028", "\u0007", "\"q\"", "\\", "é", "😀", "\ud800x", "z\u007f"};

  private static void value(Random r, StringBuilder sb, int depth) {
    int kind = depth > 4 ? 2 + r.nextInt(6) : r.nextInt(8);
    switch (kind) {
      case 0 -> {
        sb.append('{');
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
          if (i > 0) {
            sb.append(',');
          }
          string(r, sb);
          sb.append(':');
          value(r, sb, depth + 1);
        }
        sb.append('}');
      }
      case 1 -> {
        sb.append('[');
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
          if (i > 0) {
            sb.append(',');
          }
          value(r, sb, depth + 1);
        }
        sb.append(']');
      }
      case 2 -> string(r, sb);
      case 3 -> sb.append(r.nextInt());
      case 4 -> sb.append(r.nextLong());
      case 5 -> sb.append(r.nextBoolean() ? new java.math.BigInteger(90, r) : new java.math.BigInteger(63, r).negate());
      case 6 -> sb.append(r.nextBoolean() ? Double.toString(r.nextGaussian() * 1e6) : r.nextInt(100) + "e" + (r.nextInt(40) - 20));
      default -> sb.append(new String[] {"true", "false", "null"}[r.nextInt(3)]);
    }
  }

  private static void string(Random r, StringBuilder sb) {
    String s = STRINGS[r.nextInt(STRINGS.length)] + STRINGS[r.nextInt(STRINGS.length)];
    sb.append('"');
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20 || (c >= 0xd800 && c < 0xe000 && r.nextBoolean())) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    sb.append('"');
  }
}
