package dev.jcosign.core.signature;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.json.Json;
import dev.jcosign.core.oci.Descriptor;
import dev.jcosign.core.oci.Digest;
import dev.jcosign.core.oci.ImageManifest;
import dev.jcosign.core.oci.MediaTypes;
import dev.jcosign.core.oci.RawManifest;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code .sig} image: an image whose layers are signatures. Immutable; {@link #append} returns a
 * new image. Serialises config and manifest the way go-containerregistry does for cosign (spec §3.2).
 */
public record SignatureImage(boolean dockerMediaTypes, List<SignatureLayer> layers) {
  /** cosign refuses to grow a signature image past this many layers (spec §3.2). */
  public static final int MAX_LAYERS = 1000;
  private static final String ZERO_TIME = "0001-01-01T00:00:00Z";

  public SignatureImage {
    layers = List.copyOf(layers);
  }

  public static SignatureImage empty(boolean dockerMediaTypes) {
    return new SignatureImage(dockerMediaTypes, List.of());
  }

  /** Reads an existing {@code .sig} manifest; keeps its media-type flavour. */
  public static SignatureImage parse(RawManifest raw, String what) {
    ImageManifest m = ImageManifest.parse(raw, what);
    if (m.layers().size() > MAX_LAYERS) {
      // as cosign since v2.2.4: a hostile .sig with many layers must not make verify fetch them all
      throw new InvalidInputException(
          what + ": number of layers (" + m.layers().size() + ") exceeded the limit (" + MAX_LAYERS + ")");
    }
    List<SignatureLayer> ls = new ArrayList<>();
    for (Descriptor d : m.layers()) {
      ls.add(new SignatureLayer(d));
    }
    return new SignatureImage(MediaTypes.DOCKER_MANIFEST.equals(m.mediaType()), ls);
  }

  public SignatureImage append(SignatureLayer layer) {
    if (layers.size() >= MAX_LAYERS) {
      throw new InvalidInputException("number of layers (" + (layers.size() + 1) + ") exceeded the limit (" + MAX_LAYERS + ")");
    }
    List<SignatureLayer> ls = new ArrayList<>(layers);
    ls.add(layer);
    return new SignatureImage(dockerMediaTypes, ls);
  }

  /** The same image without the layers {@code drop} selects ({@code attest --replace}, spec §3.2). */
  public SignatureImage without(java.util.function.Predicate<SignatureLayer> drop) {
    return new SignatureImage(dockerMediaTypes, layers.stream().filter(drop.negate()).toList());
  }

  /**
   * Config blob: an empty image config plus one history entry and one diff-id per layer. Layers are
   * uncompressed, so each diff-id is the layer digest. Field order is Go's ConfigFile struct order.
   */
  public byte[] configBytes() {
    ObjectNode c = Json.object();
    c.put("architecture", "");
    c.put("created", ZERO_TIME);
    if (!layers.isEmpty()) { // Go: `history,omitempty`
      ArrayNode history = c.putArray("history");
      for (int i = 0; i < layers.size(); i++) {
        history.addObject().put("created", ZERO_TIME);
      }
    }
    c.put("os", "");
    ObjectNode rootfs = c.putObject("rootfs");
    rootfs.put("type", "layers");
    if (layers.isEmpty()) {
      rootfs.putNull("diff_ids"); // Go marshals a nil slice as null
    } else {
      ArrayNode ids = rootfs.putArray("diff_ids");
      layers.forEach(l -> ids.add(l.digest().toString()));
    }
    c.putObject("config");
    return Json.write(c);
  }

  public ImageManifest manifest() {
    byte[] cfg = configBytes();
    String manifestType = dockerMediaTypes ? MediaTypes.DOCKER_MANIFEST : MediaTypes.OCI_MANIFEST;
    String configType = dockerMediaTypes ? MediaTypes.DOCKER_CONFIG : MediaTypes.OCI_CONFIG;
    List<Descriptor> ds = layers.stream().map(SignatureLayer::descriptor).toList();
    return new ImageManifest(manifestType, new Descriptor(configType, Digest.sha256(cfg), cfg.length), ds);
  }
}
