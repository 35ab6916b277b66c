package dev.jcosign.core.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An image manifest (OCI or Docker v2): config plus layers. {@link #toBytes()} writes fields in
 * go-containerregistry's order so what we push hashes as cosign's output does (spec §3.2).
 */
public record ImageManifest(String mediaType, Descriptor config, List<Descriptor> layers) {

  public ImageManifest {
    layers = List.copyOf(layers);
  }

  /** Parses a manifest; an index or anything without config/layers is rejected. */
  public static ImageManifest parse(RawManifest raw, String what) {
    JsonNode n = Json.parse(raw.bytes(), what);
    if (n.has("manifests") || MediaTypes.isIndex(raw.mediaType())) {
      throw new InvalidInputException(what + " is an index, not an image manifest");
    }
    JsonNode cfg = n.get("config");
    if (cfg == null || !cfg.isObject()) {
      throw new InvalidInputException(what + " has no config");
    }
    List<Descriptor> layers = new ArrayList<>();
    JsonNode ls = n.get("layers");
    if (ls != null && !ls.isNull() && !ls.isArray()) {
      // ignoring them would report a broken .sig as "no signatures found" (exit 10, spec §4.5)
      throw new InvalidInputException(what + " has malformed layers");
    }
    if (ls != null && ls.isArray()) {
      for (JsonNode l : ls) {
        layers.add(descriptor(l, what));
      }
    }
    String mt = n.path("mediaType").asText(raw.mediaType() == null ? MediaTypes.OCI_MANIFEST : raw.mediaType());
    return new ImageManifest(mt, descriptor(cfg, what), layers);
  }

  /** Parses one descriptor object. */
  public static Descriptor descriptor(JsonNode d, String what) {
    if (!d.isObject() || !d.path("digest").isTextual() || !d.path("size").canConvertToLong()) {
      throw new InvalidInputException(what + " has a malformed descriptor");
    }
    Map<String, String> annotations = new LinkedHashMap<>();
    JsonNode a = d.get("annotations");
    if (a != null && a.isObject()) {
      a.fields().forEachRemaining(e -> annotations.put(e.getKey(), e.getValue().asText()));
    }
    String at = d.path("artifactType").isTextual() ? d.get("artifactType").asText() : null;
    Digest digest;
    try {
      digest = Digest.parse(d.get("digest").asText());
    } catch (InvalidInputException e) {
      throw new InvalidInputException(what + " has a malformed descriptor: " + e.getMessage(), e);
    }
    return new Descriptor(d.path("mediaType").asText(""), digest, d.get("size").asLong(), annotations, at);
  }

  /** Descriptors of an index's children. */
  public static List<Descriptor> indexChildren(RawManifest raw, String what) {
    JsonNode n = Json.parse(raw.bytes(), what);
    JsonNode ms = n.get("manifests");
    if (ms == null || !ms.isArray()) {
      throw new InvalidInputException(what + " is not an index");
    }
    List<Descriptor> out = new ArrayList<>();
    for (JsonNode m : ms) {
      out.add(descriptor(m, what));
    }
    return out;
  }

  /** go-containerregistry serialisation: schemaVersion, mediaType, config, layers. */
  public byte[] toBytes() {
    ObjectNode root = Json.object();
    root.put("schemaVersion", 2);
    root.put("mediaType", mediaType);
    root.set("config", descriptorNode(config));
    ArrayNode ls = root.putArray("layers");
    for (Descriptor l : layers) {
      ls.add(descriptorNode(l));
    }
    return Json.write(root);
  }

  public RawManifest toRaw() {
    return RawManifest.of(toBytes(), mediaType);
  }

  /** A descriptor in ggcr field order: mediaType, size, digest, annotations, artifactType. */
  public static ObjectNode descriptorNode(Descriptor d) {
    ObjectNode o = Json.object();
    o.put("mediaType", d.mediaType());
    o.put("size", d.size());
    o.put("digest", d.digest().toString());
    if (!d.annotations().isEmpty()) {
      ObjectNode a = o.putObject("annotations");
      d.annotations().forEach(a::put); // already sorted, as Go marshals maps
    }
    if (d.artifactType() != null) {
      o.put("artifactType", d.artifactType());
    }
    return o;
  }
}
