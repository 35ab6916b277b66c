package dev.jcosign.core.attest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A DSSE envelope (spec §3.4). Written in the layout cosign's legacy {@code .att} layers and Rekor
 * entries use ({@code payloadType, payload, signatures[{keyid:"", sig}]}); read in any field order.
 */
public record DsseEnvelope(String payloadType, byte[] payload, List<Signature> signatures) {
  public static final String IN_TOTO = "application/vnd.in-toto+json";

  /** One signature; {@code keyid} is written even when empty, as cosign v2 does. */
  public record Signature(String keyid, byte[] sig) {}

  public DsseEnvelope {
    payload = payload.clone();
    signatures = List.copyOf(signatures);
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }

  /**
   * Pre-authentication encoding, what is signed: {@code "DSSEv1" SP len(type) SP type SP
   * len(payload) SP payload}, lengths as ASCII decimal byte counts.
   */
  public static byte[] pae(String payloadType, byte[] payload) {
    byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream b = new ByteArrayOutputStream(payload.length + type.length + 32);
    b.writeBytes(("DSSEv1 " + type.length + " ").getBytes(StandardCharsets.US_ASCII));
    b.writeBytes(type);
    b.writeBytes((" " + payload.length + " ").getBytes(StandardCharsets.US_ASCII));
    b.writeBytes(payload);
    return b.toByteArray();
  }

  public byte[] pae() {
    return pae(payloadType, payload);
  }

  /** The v2 byte layout (proven by the Rekor envelope hash of the vector). */
  public byte[] toJson() {
    ObjectNode o = Json.object();
    o.put("payloadType", payloadType);
    o.put("payload", Base64.getEncoder().encodeToString(payload));
    ArrayNode sigs = o.putArray("signatures");
    for (Signature s : signatures) {
      ObjectNode n = sigs.addObject();
      n.put("keyid", s.keyid() == null ? "" : s.keyid());
      n.put("sig", Base64.getEncoder().encodeToString(s.sig()));
    }
    return Json.write(o);
  }

  /** Parses an envelope from untrusted bytes (a layer blob). */
  public static DsseEnvelope parse(byte[] json) {
    JsonNode n = Json.parse(json, "dsse envelope");
    if (!n.isObject()) {
      throw new InvalidInputException("parsing dsse envelope: not a JSON object");
    }
    String type = n.path("payloadType").asText("");
    byte[] payload = decode(n.path("payload").asText(""), "payload");
    List<Signature> sigs = new ArrayList<>();
    for (JsonNode s : n.path("signatures")) {
      sigs.add(new Signature(s.path("keyid").asText(""), decode(s.path("sig").asText(""), "signature")));
    }
    return new DsseEnvelope(type, payload, sigs);
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
