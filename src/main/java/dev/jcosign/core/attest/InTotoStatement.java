package dev.jcosign.core.attest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

  /** Reads the fields verification needs; a non-object or missing field reads as empty. */
  public static InTotoStatement parse(byte[] json) {
    JsonNode n = Json.parse(json, "in-toto statement");
    List<Subject> subjects = new ArrayList<>();
    for (JsonNode s : n.path("subject")) {
      JsonNode d = s.path("digest").path("sha256");
      subjects.add(new Subject(s.path("name").asText(""), d.isTextual() ? d.asText() : null));
    }
    return new InTotoStatement(n.path("_type").asText(""), n.path("predicateType").asText(""), subjects);
  }

  /** True when some subject carries this sha256 digest (cosign's in-toto claim check). */
  public boolean hasSubject(Digest digest) {
    return subjects.stream().anyMatch(s -> s.sha256() != null && ("sha256:" + s.sha256()).equals(digest.toString()));
  }
}
