package dev.jcosign.core.tlog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.json.Json;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A Sigstore {@code trusted_root.json} (spec §6.7): the keys of the transparency and CT logs and the
 * certificate chains of the CAs and timestamp authorities a verifier trusts.
 */
public record TrustedRoot(
    String mediaType,
    List<TransparencyLogInstance> tlogs,
    List<TransparencyLogInstance> ctlogs,
    List<TrustedAuthority> certificateAuthorities,
    List<TrustedAuthority> timestampAuthorities) {

  /** Media types read; v0.2 only adds fields we ignore. */
  public static final Set<String> MEDIA_TYPES = Set.of(
      "application/vnd.dev.sigstore.trustedroot+json;version=0.1",
      "application/vnd.dev.sigstore.trustedroot.v0.2+json");

  public TrustedRoot {
    tlogs = List.copyOf(tlogs);
    ctlogs = List.copyOf(ctlogs);
    certificateAuthorities = List.copyOf(certificateAuthorities);
    timestampAuthorities = List.copyOf(timestampAuthorities);
  }

  /** Parses the JSON document; {@link InvalidInputException} naming the bad field otherwise. */
  public static TrustedRoot parse(byte[] json) {
    JsonNode root = Json.parse(json, "trusted root");
    String mediaType = root.path("mediaType").asText("");
    if (!MEDIA_TYPES.contains(mediaType)) {
      throw new InvalidInputException("parsing trusted root: unsupported mediaType \"" + mediaType + "\"");
    }
    return new TrustedRoot(
        mediaType,
        logs(root.path("tlogs"), "tlogs"),
        logs(root.path("ctlogs"), "ctlogs"),
        authorities(root.path("certificateAuthorities"), "certificateAuthorities"),
        authorities(root.path("timestampAuthorities"), "timestampAuthorities"));
  }

  /** The transparency log whose {@code logId.keyId} equals {@code logId}. */
  public Optional<TransparencyLogInstance> tlog(byte[] logId) {
    return tlogs.stream().filter(t -> Arrays.equals(t.logId(), logId)).findFirst();
  }

  /**
   * The transparency log named by {@code logId} in either textual form: lower/upper-case hex (legacy
   * bundle {@code logID}) or base64 ({@code logId.keyId} of protobuf bundles), spec §10 #6.
   */
  public Optional<TransparencyLogInstance> tlog(String logId) {
    return decodeLogId(logId).flatMap(this::tlog);
  }

  static Optional<byte[]> decodeLogId(String s) {
    try {
      if (s.length() == 64 && s.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
        return Optional.of(HexFormat.of().parseHex(s));
      }
      return Optional.of(Base64.getDecoder().decode(s));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static List<TransparencyLogInstance> logs(JsonNode array, String field) {
    List<TransparencyLogInstance> out = new ArrayList<>();
    int i = 0;
    for (JsonNode t : array) {
      String where = field + "[" + i++ + "]";
      JsonNode key = t.path("publicKey");
      out.add(new TransparencyLogInstance(
          t.path("baseUrl").asText(""),
          t.path("hashAlgorithm").asText(""),
          base64(t.path("logId").path("keyId"), where + ".logId.keyId"),
          base64(key.path("rawBytes"), where + ".publicKey.rawBytes"),
          key.path("keyDetails").asText(""),
          validity(key.path("validFor"), where + ".publicKey.validFor")));
    }
    return out;
  }

  private static List<TrustedAuthority> authorities(JsonNode array, String field) {
    List<TrustedAuthority> out = new ArrayList<>();
    int i = 0;
    for (JsonNode a : array) {
      String where = field + "[" + i++ + "]";
      List<byte[]> chain = new ArrayList<>();
      int j = 0;
      for (JsonNode c : a.path("certChain").path("certificates")) {
        chain.add(base64(c.path("rawBytes"), where + ".certChain.certificates[" + j++ + "].rawBytes"));
      }
      if (chain.isEmpty()) {
        throw new InvalidInputException("parsing trusted root: " + where + " has no certificates");
      }
      out.add(new TrustedAuthority(
          a.path("subject").path("organization").asText(""),
          a.path("subject").path("commonName").asText(""),
          a.path("uri").asText(""),
          chain,
          validity(a.path("validFor"), where + ".validFor")));
    }
    return out;
  }

  private static byte[] base64(JsonNode n, String where) {
    if (!n.isTextual() || n.asText().isEmpty()) {
      throw new InvalidInputException("parsing trusted root: missing " + where);
    }
    try {
      return Base64.getDecoder().decode(n.asText());
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("parsing trusted root: " + where + " is not base64", e);
    }
  }

  private static ValidityPeriod validity(JsonNode n, String where) {
    return new ValidityPeriod(instant(n.path("start"), where + ".start"), instant(n.path("end"), where + ".end"));
  }

  private static Optional<Instant> instant(JsonNode n, String where) {
    if (n.isMissingNode() || n.isNull()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(n.asText()));
    } catch (DateTimeParseException e) {
      throw new InvalidInputException("parsing trusted root: " + where + " is not an RFC 3339 time: " + n.asText(), e);
    }
  }
}
