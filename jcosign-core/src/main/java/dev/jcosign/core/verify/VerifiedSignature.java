package dev.jcosign.core.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcosign.core.json.Json;
import dev.jcosign.core.payload.SimpleSigningPayload;
import dev.jcosign.core.signature.CosignAnnotations;
import dev.jcosign.core.signature.SignatureLayer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * One signature that passed every check, with its payload bytes as stored.
 *
 * @param tlogVerified its transparency log entry verified: from its {@code dev.sigstore.cosign/bundle}, or
 *     found online (spec §4.4 step 3)
 * @param tlogOnline that entry was found by searching the log (no bundle)
 */
public record VerifiedSignature(SignatureLayer layer, byte[] payloadBytes, SimpleSigningPayload payload, boolean tlogVerified,
    boolean tlogOnline) {
  public VerifiedSignature {
    payloadBytes = payloadBytes.clone();
  }

  @Override
  public byte[] payloadBytes() {
    return payloadBytes.clone();
  }

  /**
   * The {@code verify -o json} item (spec §4.5): the payload with {@code optional.Bundle} added when
   * the layer carries a readable bundle annotation (cosign adds it whether or not the log was checked).
   */
  public JsonNode outputItem() {
    SimpleSigningPayload p = bundleJson(layer).map(b -> payload.withOptional("Bundle", b)).orElse(payload);
    for (java.util.Map.Entry<String, String> c : certificateClaims(layer).entrySet()) {
      p = p.withOptional(c.getKey(), com.fasterxml.jackson.databind.node.TextNode.valueOf(c.getValue()));
    }
    ObjectNode item = (ObjectNode) Json.parse(p.toBytes(), "payload");
    // toBytes sorts nested keys too; the bundle is a Go struct in cosign, written in field order
    bundleJson(layer).ifPresent(b -> ((ObjectNode) item.path("optional")).set("Bundle", b));
    return item;
  }

  /**
   * What cosign adds to a keyless signature's output (its {@code PrintVerification}): {@code Subject} (the
   * first e-mail SAN, else the first URI), {@code Issuer} ({@code .1.1}) and the GitHub workflow claims
   * that are present, under cosign's names.
   */
  static java.util.Map<String, String> certificateClaims(SignatureLayer layer) {
    java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
    Optional<String> pem = layer.annotation(CosignAnnotations.CERTIFICATE).filter(c -> !c.isBlank());
    if (pem.isEmpty()) {
      return out;
    }
    try {
      var cert = dev.jcosign.core.keyless.FulcioCertificate.parse(pem.get().getBytes(StandardCharsets.UTF_8), "certificate");
      String subject = cert.firstEmailOrUri();
      out.put("Subject", subject);
      if (!cert.legacyIssuer().isEmpty()) {
        out.put("Issuer", cert.legacyIssuer());
      }
      String[][] github = {{"2", "githubWorkflowTrigger"}, {"3", "githubWorkflowSha"}, {"4", "githubWorkflowName"},
          {"5", "githubWorkflowRepository"}, {"6", "githubWorkflowRef"}};
      for (String[] g : github) {
        cert.raw(dev.jcosign.core.keyless.FulcioCertificate.ARC + g[0]).filter(v -> !v.isEmpty()).ifPresent(v -> out.put(g[1], v));
      }
    } catch (RuntimeException e) {
      // a layer that verified has a readable certificate; nothing to add otherwise
    }
    return out;
  }

  /**
   * The annotation re-marshalled as cosign's {@code RekorBundle} struct:
   * {@code {"SignedEntryTimestamp","Payload":{"body","integratedTime","logIndex","logID"}}}.
   */
  static Optional<JsonNode> bundleJson(SignatureLayer layer) {
    Optional<String> a = layer.annotation(CosignAnnotations.BUNDLE);
    if (a.isEmpty()) {
      return Optional.empty();
    }
    try {
      JsonNode n = Json.parse(a.get().getBytes(StandardCharsets.UTF_8), "bundle annotation");
      JsonNode p = n.path("Payload");
      ObjectNode out = Json.object();
      out.put("SignedEntryTimestamp", Base64.getEncoder().encodeToString(Base64.getDecoder().decode(n.path("SignedEntryTimestamp").asText(""))));
      ObjectNode payload = out.putObject("Payload");
      payload.set("body", p.path("body").isMissingNode() ? NullNode.getInstance() : p.path("body"));
      payload.put("integratedTime", p.path("integratedTime").asLong());
      payload.put("logIndex", p.path("logIndex").asLong());
      payload.put("logID", p.path("logID").asText(""));
      return Optional.of(out);
    } catch (RuntimeException e) {
      return Optional.empty(); // cosign leaves an unreadable bundle out of the output
    }
  }
}
