package dev.jcosign.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.jcosign.core.error.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The streamed Go round trip (spec §3.4) against the tree-based one it replaced (issue 4): parse to
 * a tree, write keys sorted and numbers via {@link GoValues#goFloat}. Same bytes, same errors. One
 * deliberate difference: keys sort by UTF-8 bytes as in Go; the tree sorted by UTF-16 units, which
 * differs only for keys that mix U+E000..U+FFFF with characters beyond U+FFFF.
 */
class GoJsonTest {

  /** The former implementation, kept here as the oracle. */
  private static String tree(String json) {
    JsonNode n = Json.parse(json.getBytes(StandardCharsets.UTF_8), "predicate");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = Json.mapper().getFactory().createGenerator(out)) {
      write(g, n);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static void write(JsonGenerator g, JsonNode n) throws IOException {
    if (n.isObject()) {
      List<String> keys = new ArrayList<>();
      n.fieldNames().forEachRemaining(keys::add);
      keys.sort((a, b) -> java.util.Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
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
      g.writeRawValue(GoValues.goFloat(n.asDouble()));
    } else if (n.isTextual()) {
      g.writeString(n.asText());
    } else if (n.isBoolean()) {
      g.writeBoolean(n.asBoolean());
    } else {
      g.writeNull();
    }
  }

  private static String stream(String json) {
    return stream(json, Optional.empty());
  }

  private static String stream(String json, Optional<GoJson.Rename> rename) {
    ByteSink sink = new ByteSink(4); // tiny: growth is exercised too
    try (JsonGenerator g = Json.generator(sink)) {
      GoJson.transcode(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "predicate", g, sink, rename);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return new String(sink.toByteArray(), StandardCharsets.UTF_8);
  }

  private static void same(String json) {
    assertEquals(tree(json), stream(json), json);
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "{}", "[]", "1", "\"s\"", "null", "true", "false", " { } ",
    "{\"b\":1,\"a\":2}",
    "{\"a\":1,\"b\":2,\"c\":3}",
    "{\"z\":{\"y\":{\"x\":[3,{\"d\":1,\"c\":[{\"b\":0,\"a\":0}]}]}},\"a\":\"end\"}",
    "[{\"b\":1,\"a\":2},{\"d\":[],\"c\":{}},[{\"f\":null,\"e\":true}]]",
    "{\"k\":\"<a href='x'>&amp;</a>\",\"\\u2028\":\"\\u2029\",\"ctl\":\"\\u0001\\b\\f\\n\\r\\t\\u001f\\\"\\\\/\"}",
    "{\"é\":1,\"e\":2,\"z\":3,\"日本\":\"語\",\"emoji\":\"😀\",\"\\ud83d\\ude00\":4}",
    "{\"n\":[0,-0,1,-1,1.0,1.5,-2.25,100,1e2,1E2,1e21,1e20,123456789012345678901234567890,0.000001,0.0000001,1e-7,"
        + "5e-324,1.7976931348623157e308,2147483647,2147483648,-2147483648,-2147483649,9007199254740993,3.0e0,0.1,0.2,1e+3]}",
    "{\"a\":1,\"a\":2}",
    "{\"b\":{\"x\":1},\"a\":0,\"b\":{\"y\":2}}",
    "{\"a\":1,\"b\":2,\"a\":3,\"c\":4,\"b\":5}",
    "{\"\":1,\" \":2,\"a\":3,\"A\":4,\"_\":5}",
    "{\"big\":\"" + "x" + "\",\"a\":[1,2,3]}",
  })
  void sameBytesAsTheTreeRoundTrip(String json) {
    same(json);
  }

  @Test
  void largestFieldMovedInPlace() {
    // a large value out of order, as components in a CycloneDX SBOM
    StringBuilder big = new StringBuilder("[");
    for (int i = 0; i < 2000; i++) {
      big.append(i == 0 ? "" : ",").append("{\"type\":\"library\",\"name\":\"p").append(i).append("\",\"hashes\":[{\"alg\":\"SHA-256\"}]}");
    }
    big.append("]");
    same("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\",\"version\":1,\"components\":" + big + "}");
    same("{\"z\":" + big + ",\"a\":" + big + ",\"m\":1}");
  }

  @Test
  void deepNesting() {
    int depth = 400;
    String json = "{\"b\":".repeat(depth) + "{\"z\":1,\"a\":2}" + ",\"a\":[]}".repeat(depth);
    same(json);
    String arrays = "[".repeat(depth) + "{\"b\":1,\"a\":0}" + "]".repeat(depth);
    same(arrays);
  }

  @Test
  void tooDeepFailsAsTheTreeDid() {
    String json = "[".repeat(5000) + "]".repeat(5000);
    InvalidInputException t = assertThrows(InvalidInputException.class, () -> tree(json));
    InvalidInputException s = assertThrows(InvalidInputException.class, () -> stream(json));
    assertEquals(t.getMessage(), s.getMessage());
  }

  @Test
  void randomDocuments() {
    Random r = new Random(4);
    for (int i = 0; i < 400; i++) {
      same(random(r, 0));
    }
  }

  private static final String[] KEYS = {"a", "b", "c", "A", "é", "😀", "\uE000", "ab", "a\"b", "<&>", "", "z", "\u2028"};

  private static String random(Random r, int depth) {
    int kind = depth > 5 ? r.nextInt(4) : r.nextInt(7);
    switch (kind) {
      case 0:
        return Integer.toString(r.nextInt(2000) - 1000);
      case 1:
        return Double.toString((r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(60) - 30));
      case 2:
        return "\"" + KEYS[r.nextInt(KEYS.length)].replace("\"", "\\\"") + "\"";
      case 3:
        return r.nextBoolean() ? "null" : "true";
      case 4: {
        StringBuilder b = new StringBuilder("[");
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
          b.append(i == 0 ? "" : ",").append(random(r, depth + 1));
        }
        return b.append(']').toString();
      }
      default: {
        StringBuilder b = new StringBuilder("{");
        int n = r.nextInt(6);
        for (int i = 0; i < n; i++) {
          b.append(i == 0 ? "" : ",").append('"').append(KEYS[r.nextInt(KEYS.length)].replace("\"", "\\\"")).append("\":")
              .append(random(r, depth + 1));
        }
        return b.append('}').toString();
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "<bom/>", "{", "{\"a\":}", "[1,]", "{\"a\":1} {}", "{\"a\":1} x", "{\"a\":1}}", "nul", "'a'",
    "{\"a\":NaN}", "[1 2]"})
  void badJsonFailsWithTheTreesMessage(String json) {
    InvalidInputException t = assertThrows(InvalidInputException.class, () -> tree(json));
    InvalidInputException s = assertThrows(InvalidInputException.class, () -> stream(json));
    assertEquals(t.getMessage(), s.getMessage());
  }

  @Test
  void aNumberBeyondFloat64IsAClearError() {
    // the tree version failed here with a NumberFormatException; Go refuses it too
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> stream("{\"n\":1e400}"));
    assertEquals("parsing predicate: number 1e400 is out of the range of a float64", e.getMessage());
  }

  @Test
  void keysSortAsGoDoesByUtf8Bytes() {
    // U+E000 is one UTF-16 unit above the surrogates, but its UTF-8 bytes sort before those of U+1F600
    String emoji = Json.writeString(com.fasterxml.jackson.databind.node.TextNode.valueOf("😀"));
    assertEquals("{\"\uE000\":1," + emoji + ":2}", stream("{\"😀\":2,\"\uE000\":1}"));
    assertEquals("{\"\uE000\":1," + emoji + ":2}", stream("{\"\uE000\":1,\"😀\":2}"));
    assertTrue(GoJson.compareKeys("😀", "\uE000") > 0);
    assertTrue(GoJson.compareKeys("a", "ab") < 0);
    assertEquals(0, GoJson.compareKeys("é", "é"));
  }

  @Test
  void charactersBeyondTheBmpAreWrittenAsUtf8AsGoDoes() {
    // Go's json.Marshal of "😀" is the four bytes F0 9F 98 80, never a \\ud83d\\ude00 pair (spec §3.4)
    byte[] out = stream("{\"\\ud83d\\ude00\":\"a😀b\"}").getBytes(StandardCharsets.UTF_8);
    assertEquals("7b22f09f9880223a2261f09f988062227d", java.util.HexFormat.of().formatHex(out));
    assertEquals("\"\ud83d\ude00\"", Json.writeString(com.fasterxml.jackson.databind.node.TextNode.valueOf("😀")));
  }

  @Test
  void loneSurrogateEscapesBecomeTheReplacementCharacterAsInGo() {
    // Go's json.Unmarshal decodes an unpaired \\ud800 (or \\udc00) to U+FFFD; Marshal then writes EF BF BD
    assertEquals("{\"k\":\"x\uFFFDy\uFFFD\ud83d\ude00\"}",
        stream("{\"k\":\"x\\udc00y\\ud83d\\ud83d\\ude00\"}"));
    assertEquals("[\"\uFFFD\"]", stream("[\"\\ud83d\"]"));
    // Jackson refuses an unpaired surrogate escape in a key, which Go would also turn into U+FFFD: a
    // one-line error rather than a different signed document
    for (String key : new String[] {"k\\ud800", "k\\udc00"}) {
      InvalidInputException e = assertThrows(InvalidInputException.class, () -> stream("{\"" + key + "\":1}"));
      assertTrue(e.getMessage().startsWith("parsing predicate: ") && e.getMessage().contains("surrogate in field name")
          || e.getMessage().contains("surrogate pair in field name"), e.getMessage());
    }
  }

  @Test
  void rootShapeAndKeys() {
    ByteSink sink = new ByteSink(16);
    try (JsonGenerator g = Json.generator(sink)) {
      GoJson.Root root = GoJson.transcode(new ByteArrayInputStream("{\"b\":1,\"a\":{\"c\":2},\"b\":3}".getBytes(StandardCharsets.UTF_8)),
          "predicate", g, sink, Optional.empty());
      assertTrue(root.isObject());
      assertEquals(Set.of("a", "b"), root.keys());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    ByteSink arr = new ByteSink(16);
    try (JsonGenerator g = Json.generator(arr)) {
      assertFalse(GoJson.transcode(new ByteArrayInputStream("[1]".getBytes(StandardCharsets.UTF_8)), "p", g, arr, Optional.empty()).isObject());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void renameAppliesAtItsPathOnlyAndNotOverAnExistingKey() {
    Optional<GoJson.Rename> r = Optional.of(new GoJson.Rename(List.of("runDetails", "metadata"), "invocationID", "invocationId"));
    assertEquals("{\"runDetails\":{\"metadata\":{\"a\":0,\"invocationId\":\"i\",\"z\":1}}}",
        stream("{\"runDetails\":{\"metadata\":{\"z\":1,\"invocationID\":\"i\",\"a\":0}}}", r));
    assertEquals("{\"runDetails\":{\"metadata\":{\"invocationID\":\"i\",\"invocationId\":\"j\"}}}",
        stream("{\"runDetails\":{\"metadata\":{\"invocationId\":\"j\",\"invocationID\":\"i\"}}}", r));
    assertEquals("{\"x\":{\"runDetails\":{\"metadata\":{\"invocationID\":\"i\"}}}}",
        stream("{\"x\":{\"runDetails\":{\"metadata\":{\"invocationID\":\"i\"}}}}", r));
    assertEquals("[{\"runDetails\":{\"metadata\":{\"invocationID\":\"i\"}}}]",
        stream("[{\"runDetails\":{\"metadata\":{\"invocationID\":\"i\"}}}]", r));
    // duplicates: the last invocationID is the one renamed
    assertEquals("{\"runDetails\":{\"metadata\":{\"invocationId\":2}}}",
        stream("{\"runDetails\":{\"metadata\":{\"invocationID\":1,\"invocationID\":2}}}", r));
  }
}
