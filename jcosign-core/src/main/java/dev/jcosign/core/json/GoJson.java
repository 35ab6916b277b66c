package dev.jcosign.core.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.jcosign.core.error.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Streams a JSON document through Go's {@code interface{}} round trip, as cosign re-marshals JSON
 * predicates (spec §3.4): object keys sorted by their UTF-8 bytes (Go maps; the last of duplicate
 * keys wins), every number a float64 in Go's shortest form, strings with Go's escapes ({@link Json}).
 *
 * <p>No tree is built (issue 4: a 20 MB SBOM as a tree cost hundreds of MB). Fields are written in
 * input order; an object whose keys were not already sorted is rearranged in the output bytes when
 * it closes, copying all but its largest field through a scratch buffer.
 */
public final class GoJson {
  /** The document's top level: whether it was an object, and its keys. */
  public record Root(boolean isObject, Set<String> keys) {
    public Root {
      keys = Set.copyOf(keys);
    }
  }

  /**
   * Renames key {@code from} to {@code to} in the object reached from the root object through the
   * object keys {@code path}, when that object has no {@code to} already.
   */
  public record Rename(List<String> path, String from, String to) {
    public Rename {
      path = List.copyOf(path);
    }
  }

  private final JsonGenerator g;
  private final ByteSink sink;
  private final Optional<Rename> rename;
  private byte[] scratch = new byte[256];

  private GoJson(JsonGenerator g, ByteSink sink, Optional<Rename> rename) {
    this.g = g;
    this.sink = sink;
    this.rename = rename;
  }

  /**
   * Reads one JSON value from {@code in} and writes its Go round trip to {@code g}, which must be a
   * generator from {@link Json#generator(ByteSink)} on {@code sink}. {@code what} names the document
   * in errors, worded as {@link Json#parse} words them.
   */
  public static Root transcode(InputStream in, String what, JsonGenerator g, ByteSink sink, Optional<Rename> rename) {
    try (JsonParser p = Json.factory().createParser(in)) {
      return new GoJson(g, sink, rename).run(p, what);
    } catch (IOException e) {
      throw Json.parseError(what, e);
    }
  }

  /** One open object or array; frames and their fields are reused per depth (a 20 MB SBOM has ~1M fields). */
  private static final class Frame {
    Frame parent;
    boolean object;
    String keyInParent; // null for the root and array elements
    Field[] fields = new Field[8];
    int count;
    boolean ordered;

    Frame reset(Frame parent, boolean object, String keyInParent) {
      this.parent = parent;
      this.object = object;
      this.keyInParent = keyInParent;
      this.count = 0;
      this.ordered = true;
      return this;
    }

    Field add(String key, int start, int body) {
      if (count == fields.length) {
        fields = java.util.Arrays.copyOf(fields, count * 2);
      }
      Field f = fields[count];
      if (f == null) {
        f = new Field();
        fields[count] = f;
      }
      count++;
      f.key = key;
      f.renamedKey = null;
      f.start = start;
      f.body = body;
      return f;
    }
  }

  /**
   * One field's output bytes: {@code [start, body)} is the separating comma (if any), {@code [body,
   * value)} the quoted key, {@code [value, end)} the colon and value.
   */
  private static final class Field {
    String key;
    byte[] renamedKey; // the quoted new key, when renamed
    int start;
    int body;
    int value;
    int end;
    int index; // input order, for a stable sort
    int scratchAt; // where its bytes wait in scratch while the object is rearranged

    int length() {
      return (renamedKey == null ? value - body : renamedKey.length) + end - value;
    }
  }

  private final List<Frame> frames = new ArrayList<>();
  private Field[] order = new Field[8];

  private Frame push(Frame parent, boolean object, String keyInParent) {
    int depth = 0;
    for (Frame f = parent; f != null; f = f.parent) {
      depth++;
    }
    if (depth == frames.size()) {
      frames.add(new Frame());
    }
    return frames.get(depth).reset(parent, object, keyInParent);
  }

  private Root run(JsonParser p, String what) throws IOException {
    JsonToken t = p.nextToken();
    if (t == null) {
      throw new InvalidInputException(what + " is empty");
    }
    boolean rootObject = t == JsonToken.START_OBJECT;
    Set<String> rootKeys = new LinkedHashSet<>();
    Frame top = null;
    String pendingKey = null;
    do {
      switch (t) {
        case START_OBJECT -> {
          g.writeStartObject();
          top = push(top, true, pendingKey);
        }
        case START_ARRAY -> {
          g.writeStartArray();
          top = push(top, false, pendingKey);
        }
        case END_OBJECT -> {
          int n = closeObject(top);
          if (top.parent == null) {
            for (int i = 0; i < n; i++) {
              rootKeys.add(top.fields[i].key);
            }
          }
          g.writeEndObject();
          top = top.parent;
        }
        case END_ARRAY -> {
          g.writeEndArray();
          top = top.parent;
        }
        case FIELD_NAME -> {
          String key = p.currentName();
          int start = pos();
          if (top.count > 0) {
            Field prev = top.fields[top.count - 1];
            prev.end = start;
            if (top.ordered && compareKeys(prev.key, key) >= 0) {
              top.ordered = false;
            }
          }
          Field f = top.add(key, start, top.count == 0 ? start : start + 1);
          g.writeFieldName(key);
          f.value = pos();
        }
        case VALUE_STRING -> writeString(p);
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> writeNumber(p, what);
        case VALUE_TRUE -> g.writeBoolean(true);
        case VALUE_FALSE -> g.writeBoolean(false);
        case VALUE_NULL -> g.writeNull();
        default -> throw new InvalidInputException("parsing " + what + ": unexpected " + t);
      }
      pendingKey = t == JsonToken.FIELD_NAME ? p.currentName() : null;
      if (top == null) {
        break; // the root value is complete
      }
      t = p.nextToken();
      if (t == null) {
        throw new InvalidInputException("parsing " + what + ": unexpected end of input"); // the parser reports this first
      }
    } while (true);
    Json.requireEnd(p, what);
    return new Root(rootObject, rootKeys);
  }

  private void writeString(JsonParser p) throws IOException {
    char[] cs = p.getTextCharacters();
    String fixed = GoValues.wellFormedOrNull(cs, p.getTextOffset(), p.getTextLength());
    if (fixed == null) {
      g.writeString(cs, p.getTextOffset(), p.getTextLength());
    } else {
      g.writeString(fixed);
    }
  }

  private void writeNumber(JsonParser p, String what) throws IOException {
    if (p.getNumberType() == JsonParser.NumberType.INT) {
      g.writeNumber(p.getIntValue()); // an int is exact in a float64 and Go prints it plainly
      return;
    }
    double d = p.getDoubleValue();
    if (Double.isInfinite(d)) {
      // Go: json: cannot unmarshal number ... into Go value of type float64
      throw new InvalidInputException("parsing " + what + ": number " + p.getText() + " is out of the range of a float64");
    }
    g.writeRawValue(GoValues.goFloat(d));
  }

  private int pos() {
    return sink.size() + g.getOutputBuffered();
  }

  /**
   * At the end of an object: sorts its fields in the output and drops all but the last of duplicate
   * keys. Returns how many fields remain; they are then {@code f.fields[0, n)}, sorted.
   */
  private int closeObject(Frame f) throws IOException {
    int count = f.count;
    if (count == 0) {
      return 0;
    }
    Field[] fs = f.fields;
    fs[count - 1].end = pos();
    boolean renamed = rename.isPresent() && applyRename(f, rename.get());
    if (f.ordered && !renamed) {
      return count;
    }
    if (order.length < count) {
      order = new Field[Math.max(count, order.length * 2)];
    }
    for (int i = 0; i < count; i++) {
      fs[i].index = i;
      order[i] = fs[i];
    }
    java.util.Arrays.sort(order, 0, count, (a, b) -> {
      int c = compareKeys(a.key, b.key);
      return c != 0 ? c : Integer.compare(a.index, b.index);
    });
    int kept = 0;
    for (int i = 0; i < count; i++) {
      if (i + 1 < count && order[i].key.equals(order[i + 1].key)) {
        continue; // a later duplicate wins, as in a Go map
      }
      order[kept++] = order[i];
    }
    g.flush();
    int regionStart = fs[0].start;
    int total = kept - 1;
    Field big = null;
    for (int i = 0; i < kept; i++) {
      Field x = order[i];
      total += x.length();
      if (x.renamedKey == null && (big == null || x.length() > big.length())) {
        big = x;
      }
    }
    // everything but the largest field goes to scratch, so a 20 MB field is moved once, in place
    int small = total - (big == null ? 0 : big.length());
    if (scratch.length < small) {
      scratch = new byte[Math.max(small, scratch.length * 2)];
    }
    sink.setSize(Math.max(sink.size(), regionStart + total));
    byte[] buf = sink.array();
    int s = 0;
    for (int i = 0; i < kept; i++) {
      Field x = order[i];
      if (x == big) {
        continue;
      }
      x.scratchAt = s;
      if (x.renamedKey != null) {
        System.arraycopy(x.renamedKey, 0, scratch, s, x.renamedKey.length);
        s += x.renamedKey.length;
        System.arraycopy(buf, x.value, scratch, s, x.end - x.value);
        s += x.end - x.value;
      } else {
        System.arraycopy(buf, x.body, scratch, s, x.end - x.body);
        s += x.end - x.body;
      }
    }
    int d = regionStart;
    for (int i = 0; i < kept; i++) {
      Field x = order[i];
      if (x == big) {
        System.arraycopy(buf, x.body, buf, d, x.length()); // may overlap: arraycopy allows it
        break;
      }
      d += x.length() + 1;
    }
    d = regionStart;
    for (int i = 0; i < kept; i++) {
      Field x = order[i];
      if (x != big) {
        System.arraycopy(scratch, x.scratchAt, buf, d, x.length());
      }
      d += x.length();
      if (i < kept - 1) {
        buf[d++] = ',';
      }
    }
    sink.setSize(regionStart + total);
    System.arraycopy(order, 0, fs, 0, kept); // the same Field objects, now in output order
    for (int i = kept; i < count; i++) {
      fs[i] = null; // dropped duplicates: not reused, since fs[0, kept) may hold them elsewhere
    }
    java.util.Arrays.fill(order, 0, kept, null);
    return kept;
  }

  private static boolean applyRename(Frame f, Rename r) {
    Frame at = f;
    for (int i = r.path().size() - 1; i >= 0; i--) {
      if (at == null || !r.path().get(i).equals(at.keyInParent)) {
        return false;
      }
      at = at.parent;
    }
    if (at == null || at.parent != null || !at.object) {
      return false;
    }
    boolean hasFrom = false;
    for (int i = 0; i < f.count; i++) {
      Field x = f.fields[i];
      if (x.key.equals(r.to())) {
        return false;
      }
      hasFrom |= x.key.equals(r.from());
    }
    if (!hasFrom) {
      return false;
    }
    byte[] quoted = Json.write(com.fasterxml.jackson.databind.node.TextNode.valueOf(r.to()));
    for (int i = 0; i < f.count; i++) {
      Field x = f.fields[i];
      if (x.key.equals(r.from())) {
        x.key = r.to();
        x.renamedKey = quoted;
      }
    }
    return true;
  }

  /**
   * Go's map key order: by UTF-8 bytes, which is code point order. UTF-16 order (String.compareTo)
   * differs only where a surrogate meets a character in U+E000..U+FFFF.
   */
  static int compareKeys(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        boolean sx = Character.isSurrogate(x);
        if (sx != Character.isSurrogate(y)) {
          return sx ? 1 : -1;
        }
        return x - y;
      }
    }
    return a.length() - b.length();
  }
}
