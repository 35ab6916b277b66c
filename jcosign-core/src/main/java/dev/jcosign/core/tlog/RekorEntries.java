package dev.jcosign.core.tlog;

import dev.jcosign.core.rekor.LoggedEntry;
import dev.jcosign.core.rekor.TlogEntry;
import dev.jcosign.core.rekor.InclusionProofData;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcosign.core.error.TransparencyLogException;
import dev.jcosign.core.json.Json;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads Rekor v1 log entry responses ({@code {"<uuid>":{body,integratedTime,logID,logIndex,verification}}},
 * spec §6.3) and writes the two carriers cosign stores them in: the compact legacy bundle
 * (image annotation {@code dev.sigstore.cosign/bundle}, blob {@code rekorBundle}, spec §3.2, §7) and a
 * v0.3 bundle {@code tlogEntries[]} element (spec §6.6).
 */
public final class RekorEntries {
  private static final Base64.Encoder B64 = Base64.getEncoder();

  private RekorEntries() {}

  /** The single entry of a create / get response; {@link TransparencyLogException} naming what is wrong. */
  public static LoggedEntry parse(byte[] response) {
    JsonNode root = parseJson(response);
    if (!root.isObject() || root.size() != 1) {
      throw bad("expected one entry, got " + (root.isObject() ? root.size() : 0));
    }
    Map.Entry<String, JsonNode> e = root.fields().next();
    return entry(e.getKey(), e.getValue());
  }

  /** Every entry of a {@code /api/v1/log/entries/retrieve}-style list of single-entry objects. */
  public static List<LoggedEntry> parseList(byte[] response) {
    JsonNode root = parseJson(response);
    List<LoggedEntry> out = new ArrayList<>();
    for (JsonNode item : root) {
      for (Iterator<Map.Entry<String, JsonNode>> it = item.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        out.add(entry(e.getKey(), e.getValue()));
      }
    }
    return out;
  }

  private static LoggedEntry entry(String uuid, JsonNode v) {
    byte[] body = b64(v.path("body"), "body");
    JsonNode parsedBody = Json.parse(body, "transparency log entry body");
    byte[] logId;
    try {
      logId = HexFormat.of().parseHex(text(v.path("logID"), "logID"));
    } catch (IllegalArgumentException ex) {
      throw bad("logID is not hex");
    }
    JsonNode ver = v.path("verification");
    JsonNode set = ver.path("signedEntryTimestamp");
    JsonNode ip = ver.path("inclusionProof");
    Optional<InclusionProofData> proof = Optional.empty();
    if (ip.isObject()) {
      // v1 responses carry hex hashes; the model (and v0.3 bundles) hold bytes
      List<byte[]> hashes = new ArrayList<>();
      for (JsonNode h : ip.path("hashes")) {
        hashes.add(hex(h, "inclusionProof.hashes"));
      }
      String cp = ip.path("checkpoint").asText("");
      proof = Optional.of(new InclusionProofData(number(ip.path("logIndex"), "inclusionProof.logIndex"),
          hex(ip.path("rootHash"), "inclusionProof.rootHash"), number(ip.path("treeSize"), "inclusionProof.treeSize"),
          hashes, cp.isEmpty() ? Optional.empty() : Optional.of(cp)));
    }
    TlogEntry entry = new TlogEntry(number(v.path("logIndex"), "logIndex"), logId,
        number(v.path("integratedTime"), "integratedTime"), body,
        set.isTextual() ? Optional.of(b64(set, "verification.signedEntryTimestamp")) : Optional.empty(), proof);
    return new LoggedEntry(uuid, parsedBody.path("kind").asText(""), parsedBody.path("apiVersion").asText(""), entry);
  }

  /**
   * The compact legacy bundle, keys in cosign's order (spec §3.2):
   * {@code {"SignedEntryTimestamp":b64,"Payload":{"body":b64,"integratedTime":n,"logIndex":n,"logID":hex}}}.
   */
  public static ObjectNode legacyBundle(TlogEntry e) {
    ObjectNode root = Json.object();
    root.put("SignedEntryTimestamp", B64.encodeToString(e.set().orElseThrow(() -> bad("no signed entry timestamp"))));
    ObjectNode p = root.putObject("Payload");
    p.put("body", B64.encodeToString(e.canonicalBody()));
    p.put("integratedTime", e.integratedTime());
    p.put("logIndex", e.logIndex());
    p.put("logID", e.logIdHex());
    return root;
  }

  /**
   * One v0.3 bundle {@code tlogEntries[]} element in protobuf field order, int64 values as strings,
   * bytes base64 (spec §6.6); the inclusion proof and checkpoint only when the log returned them.
   */
  public static ObjectNode bundleTlogEntry(LoggedEntry logged) {
    TlogEntry e = logged.entry();
    ObjectNode o = Json.object();
    o.put("logIndex", Long.toString(e.logIndex()));
    o.putObject("logId").put("keyId", B64.encodeToString(e.logId()));
    ObjectNode kv = o.putObject("kindVersion");
    kv.put("kind", logged.kind());
    kv.put("version", logged.apiVersion());
    if (e.integratedTime() > 0) {
      o.put("integratedTime", Long.toString(e.integratedTime())); // Rekor v2 gives none; protojson omits a zero
    }
    e.set().ifPresent(s -> o.putObject("inclusionPromise").put("signedEntryTimestamp", B64.encodeToString(s)));
    e.proof().ifPresent(p -> {
      ObjectNode ip = o.putObject("inclusionProof");
      ip.put("logIndex", Long.toString(p.logIndex()));
      ip.put("rootHash", B64.encodeToString(p.rootHash()));
      ip.put("treeSize", Long.toString(p.treeSize()));
      ArrayNode hashes = ip.putArray("hashes");
      p.hashes().forEach(h -> hashes.add(B64.encodeToString(h)));
      p.checkpoint().ifPresent(c -> ip.putObject("checkpoint").put("envelope", c));
    });
    o.put("canonicalizedBody", B64.encodeToString(e.canonicalBody()));
    return o;
  }

  private static JsonNode parseJson(byte[] response) {
    try {
      return Json.parse(response, "transparency log response");
    } catch (RuntimeException ex) {
      throw new TransparencyLogException("transparency log response is not JSON: " + ex.getMessage(), ex);
    }
  }

  private static String text(JsonNode n, String field) {
    if (!n.isTextual() || n.asText().isEmpty()) {
      throw bad("missing " + field);
    }
    return n.asText();
  }

  private static long number(JsonNode n, String field) {
    if (!n.canConvertToLong() || !n.isIntegralNumber()) {
      throw bad(field + " is not an integer");
    }
    return n.longValue();
  }

  private static byte[] b64(JsonNode n, String field) {
    try {
      return Base64.getDecoder().decode(text(n, field));
    } catch (IllegalArgumentException ex) {
      throw bad(field + " is not base64");
    }
  }

  private static byte[] hex(JsonNode n, String field) {
    try {
      return HexFormat.of().parseHex(text(n, field));
    } catch (IllegalArgumentException ex) {
      throw bad(field + " is not hex");
    }
  }

  private static TransparencyLogException bad(String what) {
    return new TransparencyLogException("unexpected transparency log response: " + what);
  }
}
