package dev.jcosign.core.timestamp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcosign.core.error.VerificationException;
import dev.jcosign.core.json.Json;
import java.util.Base64;

/**
 * The legacy image annotation {@code dev.sigstore.cosign/rfc3161timestamp} (spec §3.2):
 * {@code {"SignedRFC3161Timestamp":"<base64 DER TimeStampResp>"}}.
 */
public final class TimestampAnnotation {
  private static final String FIELD = "SignedRFC3161Timestamp";

  private TimestampAnnotation() {}

  /** The annotation value for a DER {@code TimeStampResp}. */
  public static String write(byte[] timeStampResp) {
    ObjectNode o = Json.object();
    o.put(FIELD, Base64.getEncoder().encodeToString(timeStampResp));
    return Json.writeString(o);
  }

  /** The DER {@code TimeStampResp} an annotation value carries. */
  public static byte[] read(String annotation) {
    try {
      JsonNode t = Json.parse(annotation.getBytes(java.nio.charset.StandardCharsets.UTF_8), "rfc3161timestamp annotation")
          .path(FIELD);
      if (!t.isTextual()) {
        throw new VerificationException("rfc3161timestamp annotation has no " + FIELD);
      }
      return Base64.getDecoder().decode(t.asText());
    } catch (IllegalArgumentException e) {
      throw new VerificationException("rfc3161timestamp annotation: " + FIELD + " is not valid base64");
    }
  }
}
