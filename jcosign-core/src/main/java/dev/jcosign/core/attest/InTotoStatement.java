package dev.jcosign.core.attest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcosign.core.json.ByteSink;
import dev.jcosign.core.json.Json;
import dev.jcosign.core.oci.Digest;
import java.util.ArrayList;
import java.util.List;

/**
 * The in-toto statement cosign's legacy {@code attest} writes (spec §3.4): {@code _type} v0.1, the
 * image as the only subject, fields in the v2 order {@code _type, predicateType, subject, predicate}.
 * Reading accepts any order and version.
 */
public record InTotoStatement(String type, String predicateType, List<Subject> subjects) {
  public static final String V01 = "https://in-toto.io/Statement/v0.1";

  /** A subject; only its sha256 digest matters for images. */
  public record Subject(String name, String sha256) {}

  public InTotoStatement {
    subjects = List.copyOf(subjects);
  }

  /** Serialises a statement about {@code repository} (no tag) at {@code digest}. */
  public static byte[] write(String repository, Digest digest, String predicateType, JsonNode predicate) {
    ObjectNode st = Json.object();
    st.put("_type", V01);
    st.put("predicateType", predicateType);
    ObjectNode subject = st.putArray("subject").addObject();
    subject.put("name", repository);
    subject.putObject("digest").put(digest.algorithm(), digest.hex());
    st.set("predicate", predicate);
    return Json.write(st);
  }

  /** Room left before a predicate written first, for the statement's head ({@link #wrap}). */
  static final int HEADROOM = 4096;

  /** A statement's bytes in place: {@code buffer[offset, offset + length)}. */
  record Slice(byte[] buffer, int offset, int length) {}

  /**
   * Completes the statement {@link #write} would give around a predicate already written to
   * {@code sink} from {@code predicateStart} to its end: the head goes into the room before the
   * predicate, the closing brace after it. The 20 MB predicate of issue 4 is thus never copied.
   */
  static Slice wrap(String repository, Digest digest, String predicateType, ByteSink sink, int predicateStart) {
    byte[] whole = write(repository, digest, predicateType, com.fasterxml.jackson.databind.node.NullNode.getInstance());
    int headLength = whole.length - "null}".length(); // compact output: the predicate is the last value
    sink.write('}');
    if (headLength <= predicateStart) {
      int start = predicateStart - headLength;
      System.arraycopy(whole, 0, sink.array(), start, headLength);
      return new Slice(sink.array(), start, sink.size() - start);
    }
    byte[] joined = new byte[headLength + sink.size() - predicateStart]; // a head longer than the room: never in practice
    System.arraycopy(whole, 0, joined, 0, headLength);
    System.arraycopy(sink.array(), predicateStart, joined, headLength, sink.size() - predicateStart);
    return new Slice(joined, 0, joined.length);
  }

  /** Reads the fields verification needs; a non-object or missing field reads as empty. */
  public static InTotoStatement parse(byte[] json) {
    try {
      return parse(Json.factory().createParser(json));
    } catch (java.io.IOException e) {
      throw new dev.jcosign.core.error.InvalidInputException("parsing in-toto statement: " + e.getMessage(), e);
    }
  }

  /** As {@link #parse(byte[])}, reading a stream (a payload decoded as it is read). */
  public static InTotoStatement parse(java.io.InputStream json) {
    try {
      return parse(Json.factory().createParser(json));
    } catch (java.io.IOException e) {
      throw new dev.jcosign.core.error.InvalidInputException("parsing in-toto statement: " + e.getMessage(), e);
    }
  }

  private static InTotoStatement parse(com.fasterxml.jackson.core.JsonParser parser) {
    // streamed, skipping the predicate: it can be tens of MB and verification never looks inside it
    String type = "";
    String predicateType = "";
    List<Subject> subjects = new ArrayList<>();
    try (com.fasterxml.jackson.core.JsonParser p = parser) {
      if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
        return new InTotoStatement("", "", List.of());
      }
      while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
        String field = p.getCurrentName();
        p.nextToken();
        switch (field) {
          case "_type" -> type = p.getValueAsString("");
          case "predicateType" -> predicateType = p.getValueAsString("");
          case "subject" -> {
            JsonNode subjectNode = Json.mapper().reader()
                .without(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(p);
            for (JsonNode s : subjectNode) {
              JsonNode d = s.path("digest").path("sha256");
              subjects.add(new Subject(s.path("name").asText(""), d.isTextual() ? d.asText() : null));
            }
          }
          default -> p.skipChildren();
        }
      }
    } catch (java.io.IOException e) {
      throw new dev.jcosign.core.error.InvalidInputException("parsing in-toto statement: " + e.getMessage(), e);
    }
    return new InTotoStatement(type, predicateType, subjects);
  }

  /** True when some subject carries this sha256 digest (cosign's in-toto claim check). */
  public boolean hasSubject(Digest digest) {
    return subjects.stream().anyMatch(s -> s.sha256() != null && ("sha256:" + s.sha256()).equals(digest.toString()));
  }
}
