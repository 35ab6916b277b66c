package dev.jcosign.core.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.json.Json;
import java.util.Base64;
import java.util.Optional;

/**
 * cosign's local blob bundle, {@code sign-blob --bundle} without the new format (spec §7):
 * {@code {"base64Signature":…,"cert":…,"rekorBundle":{…}}}, {@code cert} and {@code rekorBundle}
 * left out when empty. {@code cert} is base64 of a PEM: the certificate, or for key signing the PEM
 * public key (blob bundles; image {@code sign --bundle} used DER, readers tolerate both).
 *
 * @param base64Signature the signature, base64 as written
 * @param cert the {@code cert} string, when present and not empty
 * @param rekorBundle the {@code rekorBundle} object ({@code SignedEntryTimestamp}, {@code Payload}), untouched
 */
public record LegacyBlobBundle(String base64Signature, Optional<String> cert, Optional<JsonNode> rekorBundle) {

  public LegacyBlobBundle {
    rekorBundle = rekorBundle.<JsonNode>map(JsonNode::deepCopy);
  }

  @Override
  public Optional<JsonNode> rekorBundle() {
    return rekorBundle.<JsonNode>map(JsonNode::deepCopy);
  }

  /** The decoded signature; {@code what} names the file in errors. */
  public byte[] signature(String what) {
    try {
      return Base64.getDecoder().decode(base64Signature.strip());
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(what + ": base64Signature is not valid base64");
    }
  }

  /** Reads a parsed document; it must hold a non-empty {@code base64Signature}. */
  public static LegacyBlobBundle parse(JsonNode root, String what) {
    JsonNode sig = root.path("base64Signature");
    if (!root.isObject() || !sig.isTextual() || sig.asText().isEmpty()) {
      throw new InvalidInputException(what + " is neither a Sigstore bundle nor a cosign bundle (no mediaType or base64Signature)");
    }
    JsonNode cert = root.path("cert");
    JsonNode rekor = root.path("rekorBundle");
    return new LegacyBlobBundle(sig.asText(),
        cert.isTextual() && !cert.asText().isEmpty() ? Optional.of(cert.asText()) : Optional.empty(),
        rekor.isObject() ? Optional.of(rekor) : Optional.empty());
  }

  /** Compact JSON as Go's {@code json.Marshal} writes it, no trailing newline. */
  public byte[] toJson() {
    ObjectNode o = Json.object();
    o.put("base64Signature", base64Signature);
    cert.ifPresent(c -> o.put("cert", c));
    rekorBundle.ifPresent(r -> o.set("rekorBundle", r));
    return Json.write(o);
  }
}
