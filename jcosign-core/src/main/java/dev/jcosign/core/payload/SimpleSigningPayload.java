package dev.jcosign.core.payload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcosign.core.error.VerificationException;
import dev.jcosign.core.json.Json;
import dev.jcosign.core.oci.Digest;
import java.util.Map;
import java.util.TreeMap;

/**
 * The "simple signing" payload a legacy image signature signs (spec §3.3). {@code optional} is null
 * when no annotations were given, which serialises as {@code "optional":null}.
 */
public record SimpleSigningPayload(String dockerReference, String manifestDigest, String type, JsonNode optional) {
  public static final String TYPE = "cosign container image signature";

  /** The payload {@code sign} creates: annotations sorted, values strings, or null when none. */
  public static SimpleSigningPayload forImage(String dockerReference, Digest digest, Map<String, String> annotations) {
    ObjectNode opt = null;
    if (annotations != null && !annotations.isEmpty()) {
      opt = Json.object();
      for (var e : new TreeMap<>(annotations).entrySet()) {
        opt.put(e.getKey(), e.getValue());
      }
    }
    return new SimpleSigningPayload(dockerReference, digest.toString(), TYPE, opt);
  }

  /**
   * Exact bytes, Go {@code encoding/json} style: compact, struct order, Go escaping, no trailing
   * newline. Optional keys are sorted (Go marshals maps that way).
   */
  public byte[] toBytes() {
    ObjectNode root = Json.object();
    ObjectNode critical = root.putObject("critical");
    critical.putObject("identity").put("docker-reference", dockerReference);
    critical.putObject("image").put("docker-manifest-digest", manifestDigest);
    critical.put("type", type);
    if (optional == null || optional.isNull()) {
      root.putNull("optional");
    } else {
      root.set("optional", sorted(optional));
    }
    return Json.write(root);
  }

  private static JsonNode sorted(JsonNode n) {
    if (!n.isObject()) {
      return n;
    }
    ObjectNode o = Json.object();
    TreeMap<String, JsonNode> m = new TreeMap<>();
    n.fields().forEachRemaining(e -> m.put(e.getKey(), sorted(e.getValue())));
    m.forEach(o::set);
    return o;
  }

  /**
   * Reads a payload as cosign's verifier does: unknown fields are ignored, missing ones are empty.
   * Fails only when the bytes are not a JSON object.
   */
  public static SimpleSigningPayload parse(byte[] bytes) {
    JsonNode n;
    try {
      n = Json.parse(bytes, "signature payload");
    } catch (RuntimeException e) {
      throw new VerificationException("parsing signature payload: " + e.getMessage(), e);
    }
    if (!n.isObject()) {
      throw new VerificationException("parsing signature payload: not a JSON object");
    }
    JsonNode c = n.path("critical");
    JsonNode opt = n.get("optional");
    return new SimpleSigningPayload(
        c.path("identity").path("docker-reference").asText(""),
        c.path("image").path("docker-manifest-digest").asText(""),
        c.path("type").asText(""),
        opt == null || opt.isNull() ? null : opt);
  }

  /** A copy with extra optional entries (e.g. "Bundle" in verify output, spec §4.5). */
  public SimpleSigningPayload withOptional(String key, JsonNode value) {
    ObjectNode o = optional != null && optional.isObject() ? ((ObjectNode) optional).deepCopy() : Json.object();
    o.set(key, value);
    return new SimpleSigningPayload(dockerReference, manifestDigest, type, o);
  }
}
