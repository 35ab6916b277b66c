package dev.jcosign.core.tlog;

import dev.jcosign.core.rekor.TlogEntry;
import dev.jcosign.core.rekor.InclusionProofData;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.json.Json;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** Reads the two carriers of a log entry into {@link TlogEntry} (spec §3.2 / §4.4 step 3, §6.6). */
public final class TlogEntries {
  private TlogEntries() {}

  /**
   * The legacy {@code dev.sigstore.cosign/bundle} annotation:
   * {@code {"SignedEntryTimestamp":b64,"Payload":{"body":b64,"integratedTime":n,"logIndex":n,"logID":hex}}}.
   */
  public static TlogEntry fromLegacyBundle(byte[] json) {
    String what = "cosign bundle annotation";
    JsonNode root = Json.parse(json, what);
    JsonNode p = root.path("Payload");
    String logId = text(p.path("logID"), what, "Payload.logID");
    byte[] id;
    try {
      id = HexFormat.of().parseHex(logId);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("parsing " + what + ": Payload.logID is not hex", e);
    }
    JsonNode set = root.path("SignedEntryTimestamp");
    return new TlogEntry(
        int64(p.path("logIndex"), what, "Payload.logIndex"),
        id,
        int64(p.path("integratedTime"), what, "Payload.integratedTime"),
        base64(p.path("body"), what, "Payload.body"),
        set.isMissingNode() || set.isNull() ? Optional.empty() : Optional.of(base64(set, what, "SignedEntryTimestamp")),
        Optional.empty());
  }

  /** One {@code verificationMaterial.tlogEntries[]} element of a Sigstore bundle (int64s as strings). */
  public static TlogEntry fromBundleTlogEntry(byte[] json) {
    return fromBundleTlogEntry(Json.parse(json, "bundle tlog entry"));
  }

  /** As {@link #fromBundleTlogEntry(byte[])}, from an already parsed element. */
  public static TlogEntry fromBundleTlogEntry(JsonNode e) {
    String what = "bundle tlog entry";
    JsonNode promise = e.path("inclusionPromise").path("signedEntryTimestamp");
    JsonNode ip = e.path("inclusionProof");
    Optional<InclusionProofData> proof = Optional.empty();
    if (ip.isObject()) {
      List<byte[]> hashes = new ArrayList<>();
      int i = 0;
      for (JsonNode h : ip.path("hashes")) {
        hashes.add(base64(h, what, "inclusionProof.hashes[" + i++ + "]"));
      }
      JsonNode cp = ip.path("checkpoint").path("envelope");
      proof = Optional.of(new InclusionProofData(
          int64(ip.path("logIndex"), what, "inclusionProof.logIndex"),
          base64(ip.path("rootHash"), what, "inclusionProof.rootHash"),
          int64(ip.path("treeSize"), what, "inclusionProof.treeSize"),
          hashes,
          cp.isTextual() && !cp.asText().isEmpty() ? Optional.of(cp.asText()) : Optional.empty()));
    }
    JsonNode time = e.path("integratedTime");
    return new TlogEntry(
        int64(e.path("logIndex"), what, "logIndex"),
        base64(e.path("logId").path("keyId"), what, "logId.keyId"),
        time.isMissingNode() || time.isNull() ? 0 : int64(time, what, "integratedTime"),
        base64(e.path("canonicalizedBody"), what, "canonicalizedBody"),
        promise.isTextual() ? Optional.of(base64(promise, what, "inclusionPromise.signedEntryTimestamp")) : Optional.empty(),
        proof);
  }

  /** protobuf JSON writes int64 as a string; a number is accepted too. Absent means 0 (proto3). */
  private static long int64(JsonNode n, String what, String field) {
    if (n.isMissingNode() || n.isNull()) {
      return 0;
    }
    if (n.isIntegralNumber() && n.canConvertToLong()) {
      return n.longValue();
    }
    try {
      if (n.isTextual()) {
        return Long.parseLong(n.asText());
      }
    } catch (NumberFormatException e) {
      // fall through to the error below
    }
    throw new InvalidInputException("parsing " + what + ": " + field + " is not an integer");
  }

  private static String text(JsonNode n, String what, String field) {
    if (!n.isTextual() || n.asText().isEmpty()) {
      throw new InvalidInputException("parsing " + what + ": missing " + field);
    }
    return n.asText();
  }

  private static byte[] base64(JsonNode n, String what, String field) {
    try {
      return Base64.getDecoder().decode(text(n, what, field));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("parsing " + what + ": " + field + " is not base64", e);
    }
  }
}
