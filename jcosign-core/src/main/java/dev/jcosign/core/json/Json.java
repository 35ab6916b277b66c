package dev.jcosign.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcosign.core.error.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The one {@link ObjectMapper} (style R7), configured to write JSON byte-identical to Go's
 * {@code encoding/json}: compact, fields in insertion order, and {@code <}, {@code >}, {@code &},
 * U+2028, U+2029 escaped as lower-case {@code \\u00xx} (dependencies.md §5, spec §3.3).
 */
public final class Json {
  /** Reads and writes; building it is cheap, unlike the mapper. */
  private static final JsonFactory FACTORY = buildFactory();

  private Json() {}

  /**
   * The mapper, built on first use: most commands only read and write trees, which {@link JsonTrees}
   * does on {@link #FACTORY} alone (issue 12 start-up). It shares the factory, so it writes the same bytes.
   */
  private static final class Lazy {
    static final ObjectMapper MAPPER = create();
  }

  private static JsonFactory buildFactory() {
    JsonFactoryBuilder b = new JsonFactoryBuilder();
    // Sizes are capped where bytes are read (COSIGN_MAX_ATTACHMENT_SIZE, 128 MiB by default); Jackson's
    // own 20 M-character string limit would reject a DSSE envelope of a ~15 MB SBOM (issue 4 benchmark).
    b.streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
        .maxStringLength(Integer.MAX_VALUE).maxDocumentLength(-1).build());
    // Go writes characters beyond U+FFFF as their four UTF-8 bytes; Jackson's default is a pair of
    // \\uD83D-style escapes, which is JSON-equal but not the bytes cosign signs.
    b.enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8);
    b.characterEscapes(new GoEscapes());
    return b.build();
  }

  private static ObjectMapper create() {
    ObjectMapper m = new ObjectMapper(FACTORY);
    m.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    m.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    return m;
  }

  public static ObjectMapper mapper() {
    return Lazy.MAPPER;
  }

  /** The factory for streaming reads and writes with Go-compatible output. */
  public static JsonFactory factory() {
    return FACTORY;
  }

  public static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  public static ArrayNode array() {
    return JsonNodeFactory.instance.arrayNode();
  }

  /** Go-compatible compact bytes of a tree. */
  public static byte[] write(JsonNode node) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(256);
    try (com.fasterxml.jackson.core.JsonGenerator g = FACTORY.createGenerator(out)) {
      JsonTrees.write(g, node);
    } catch (IOException e) {
      throw new IllegalStateException("serialising JSON", e);
    }
    return out.toByteArray();
  }

  public static String writeString(JsonNode node) {
    return new String(write(node), StandardCharsets.UTF_8);
  }

  /** Parses untrusted bytes; {@code what} names the document in the error. */
  public static JsonNode parse(byte[] bytes, String what) {
    try (com.fasterxml.jackson.core.JsonParser p = FACTORY.createParser(bytes)) {
      if (p.nextToken() == null) {
        throw new InvalidInputException(what + " is empty");
      }
      JsonNode n = JsonTrees.read(p);
      requireEnd(p, what);
      return n;
    } catch (IOException e) {
      throw parseError(what, e);
    }
  }

  /** The one-line error for unreadable JSON, worded alike for trees and streams. */
  public static InvalidInputException parseError(String what, IOException e) {
    return new InvalidInputException("parsing " + what + ": "
        + firstLine(e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()), e);
  }

  /**
   * After a streamed document's root value: fails as {@link #parse} does on anything but the end
   * ({@code FAIL_ON_TRAILING_TOKENS}).
   */
  public static void requireEnd(com.fasterxml.jackson.core.JsonParser p, String what) throws IOException {
    com.fasterxml.jackson.core.JsonToken t = p.nextToken();
    if (t != null) {
      throw new InvalidInputException("parsing " + what + ": Trailing token (of type " + t + ") found after value (bound as "
          + "`com.fasterxml.jackson.databind.JsonNode`): not allowed as per `DeserializationFeature.FAIL_ON_TRAILING_TOKENS`");
    }
  }

  /** A Go-compatible generator writing into {@code sink} (for {@link GoJson}). */
  public static com.fasterxml.jackson.core.JsonGenerator generator(ByteSink sink) {
    try {
      return FACTORY.createGenerator(sink);
    } catch (IOException e) {
      throw new IllegalStateException("creating a JSON generator", e);
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "invalid JSON";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static final class GoEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private final int[] table;

    GoEscapes() {
      table = CharacterEscapes.standardAsciiEscapesForJSON();
      table['<'] = ESCAPE_CUSTOM;
      table['>'] = ESCAPE_CUSTOM;
      table['&'] = ESCAPE_CUSTOM;
      for (int c = 0; c < 0x20; c++) {
        // Go uses the short forms only for \n \r \t; backspace and form feed get the six-character form
        if (c != '\n' && c != '\r' && c != '\t') {
          table[c] = ESCAPE_CUSTOM;
        }
      }
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return table;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      if (ch < 0x80 || ch == 0x2028 || ch == 0x2029) {
        return new SerializedString(String.format(Locale.ROOT, "\\u%04x", ch));
      }
      return null;
    }
  }
}
