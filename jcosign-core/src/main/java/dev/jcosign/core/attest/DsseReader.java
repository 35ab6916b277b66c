package dev.jcosign.core.attest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.json.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Reads DSSE envelopes from untrusted bytes as a whole-tree reader would (same values, same errors,
 * in the same order), streaming: the base64 payload is decoded straight from the envelope's bytes,
 * never held as a string, and by {@link #payloadStream} never held whole (issue 4).
 */
final class DsseReader {
  /** Characters of base64 that {@link #payloadStream} decodes at a time (a multiple of 4). */
  static final int CHUNK = 16384;

  private DsseReader() {}

  /**
   * An envelope as read, its payload decoded once and not copied again: only this package passes
   * it around, between reading a layer and checking it.
   */
  record Parsed(String payloadType, byte[] payload, List<DsseEnvelope.Signature> signatures) {}

  /** One pass over the envelope: the payload in place (raw base64) or, failing that, as text. */
  private record Scan(String type, Raw raw, String payloadText, List<String[]> signatures) {}

  /**
   * A payload's base64 in place, {@code json[start, end)}, free of escapes; the index of its first
   * '=' (or -1) and whether it uses the URL-safe alphabet.
   */
  private record Raw(byte[] json, int start, int end, int firstPad, boolean urlSafe) {
    Base64.Decoder decoder() {
      // go-securesystemslib tries standard, then URL-safe base64: a '-' or '_' rules out the first,
      // and without them a string the first refuses is refused by the second too
      return urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder();
    }
  }

  /** Reads an envelope as {@link DsseEnvelope#parse} does. */
  static Parsed read(byte[] json) {
    Scan s = scan(json);
    // the payload first, then the signatures: the order a tree reader reported errors in
    byte[] payload = s.raw() != null ? decodeRaw(s.raw()) : decode(s.payloadText(), "payload");
    return new Parsed(s.type(), payload, signatures(s));
  }

  /**
   * The decoded payload of an envelope, decoded a chunk at a time as it is read; the rest of the
   * envelope is checked as {@link #read} checks it, up front. Bad base64 in the payload surfaces as
   * an {@link IOException} from the stream (so after a bad signature, where read() reports the
   * payload first).
   */
  static InputStream payloadStream(byte[] json) {
    Scan s = scan(json);
    if (s.raw() == null) {
      byte[] payload = decode(s.payloadText(), "payload");
      signatures(s);
      return new ByteArrayInputStream(payload);
    }
    signatures(s);
    Raw r = s.raw();
    int last = lastChunkStart(r);
    if (r.firstPad() >= 0 && r.firstPad() < last) {
      // a '=' before the final quantum: only a whole decode gives the whole decode's verdict
      return new ByteArrayInputStream(decodeRaw(r));
    }
    return new Chunks(r, last);
  }

  private static Scan scan(byte[] json) {
    try (JsonParser p = Json.factory().createParser(json)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        throw new InvalidInputException("dsse envelope is empty");
      }
      if (t != JsonToken.START_OBJECT) {
        p.skipChildren();
        Json.requireEnd(p, "dsse envelope");
        throw new InvalidInputException("parsing dsse envelope: not a JSON object");
      }
      String type = "";
      Raw raw = null;
      String payloadText = "";
      List<String[]> sigs = new ArrayList<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken v = p.nextToken();
        switch (field) {
          case "payloadType" -> type = text(p);
          case "payload" -> {
            raw = v == JsonToken.VALUE_STRING ? raw(json, p) : null;
            payloadText = raw == null ? text(p) : ""; // last one wins, as in a tree
          }
          case "signatures" -> sigs = signatures(p);
          default -> p.skipChildren();
        }
      }
      Json.requireEnd(p, "dsse envelope");
      return new Scan(type, raw, payloadText, sigs);
    } catch (IOException e) {
      throw Json.parseError("dsse envelope", e);
    }
  }

  /** The current string token's bytes between its quotes, or null when it holds an escape. */
  private static Raw raw(byte[] json, JsonParser p) {
    long at = p.currentTokenLocation().getByteOffset();
    if (at < 0 || at >= json.length || json[(int) at] != '"') {
      return null;
    }
    int start = (int) at + 1;
    int end = start;
    int firstPad = -1;
    boolean urlSafe = false;
    for (; end < json.length; end++) {
      byte b = json[end];
      if (b == '"') {
        return new Raw(json, start, end, firstPad, urlSafe);
      }
      if (b == '\\') {
        return null;
      }
      if (b == '=' && firstPad < 0) {
        firstPad = end;
      }
      urlSafe |= b == '-' || b == '_';
    }
    return null;
  }

  private static byte[] decodeRaw(Raw r) {
    ByteBuffer out;
    try {
      out = r.decoder().decode(ByteBuffer.wrap(r.json(), r.start(), r.end() - r.start()));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("dsse envelope payload is not valid base64");
    }
    byte[] a = out.array();
    int from = out.arrayOffset() + out.position();
    int to = out.arrayOffset() + out.limit();
    return from == 0 && to == a.length ? a : Arrays.copyOfRange(a, from, to);
  }

  /** Where the last chunk starts: it holds the final quantum whole (4 characters or the remainder). */
  private static int lastChunkStart(Raw r) {
    int length = r.end() - r.start();
    int full = length > CHUNK + 4 ? (length - 5) / CHUNK : 0;
    return r.start() + full * CHUNK;
  }

  /** The payload decoded chunk by chunk; each chunk but the last is a whole number of quanta without '='. */
  private static final class Chunks extends InputStream {
    private final Raw raw;
    private final int last;
    private final Base64.Decoder decoder;
    private int pos;
    private byte[] buf = new byte[0];
    private int bufPos;
    private int bufEnd;

    Chunks(Raw raw, int last) {
      this.raw = raw;
      this.last = last;
      this.decoder = raw.decoder();
      this.pos = raw.start();
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      while (bufPos == bufEnd) {
        if (!refill()) {
          return -1;
        }
      }
      int n = Math.min(len, bufEnd - bufPos);
      System.arraycopy(buf, bufPos, b, off, n);
      bufPos += n;
      return n;
    }

    private boolean refill() throws IOException {
      if (pos >= raw.end()) {
        return false;
      }
      int n = pos < last ? CHUNK : raw.end() - pos;
      ByteBuffer d;
      try {
        d = decoder.decode(ByteBuffer.wrap(raw.json(), pos, n));
      } catch (IllegalArgumentException e) {
        throw new IOException("dsse envelope payload is not valid base64", e);
      }
      pos += n;
      buf = d.array();
      bufPos = d.arrayOffset() + d.position();
      bufEnd = d.arrayOffset() + d.limit();
      return true;
    }
  }

  /**
   * {@code signatures} as a tree reads it: the elements of an array or the values of an object, as
   * {keyid, base64 sig} pairs.
   */
  private static List<String[]> signatures(JsonParser p) throws IOException {
    List<String[]> sigs = new ArrayList<>();
    JsonToken t = p.currentToken();
    if (t != JsonToken.START_ARRAY && t != JsonToken.START_OBJECT) {
      return sigs;
    }
    JsonToken end = t == JsonToken.START_ARRAY ? JsonToken.END_ARRAY : JsonToken.END_OBJECT;
    while (true) {
      JsonToken e = p.nextToken();
      if (e == end) {
        return sigs;
      }
      if (e == JsonToken.FIELD_NAME) {
        e = p.nextToken();
      }
      String keyid = "";
      String sig = "";
      if (e == JsonToken.START_OBJECT) {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String field = p.currentName();
          p.nextToken();
          switch (field) {
            case "keyid" -> keyid = text(p);
            case "sig" -> sig = text(p);
            default -> p.skipChildren();
          }
        }
      } else {
        p.skipChildren();
      }
      sigs.add(new String[] {keyid, sig});
    }
  }

  private static List<DsseEnvelope.Signature> signatures(Scan s) {
    List<DsseEnvelope.Signature> out = new ArrayList<>();
    for (String[] sig : s.signatures()) {
      out.add(new DsseEnvelope.Signature(sig[0], decode(sig[1], "signature")));
    }
    return out;
  }

  /** A value as {@code JsonNode.asText("")} gives it: strings and scalars as text, the rest as "". */
  private static String text(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
      p.skipChildren();
      return "";
    }
    if (t == JsonToken.VALUE_NULL) {
      return "";
    }
    // a number or boolean: its text as the tree node gives it (12.50 reads as "12.5")
    JsonNode n = Json.mapper().reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(p);
    return n.asText("");
  }

  /** DSSE allows standard or URL-safe base64 (go-securesystemslib tries both). */
  private static byte[] decode(String b64, String what) {
    try {
      return Base64.getDecoder().decode(b64);
    } catch (IllegalArgumentException e) {
      try {
        return Base64.getUrlDecoder().decode(b64);
      } catch (IllegalArgumentException e2) {
        throw new InvalidInputException("dsse envelope " + what + " is not valid base64");
      }
    }
  }
}
