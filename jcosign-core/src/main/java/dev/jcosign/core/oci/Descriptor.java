package dev.jcosign.core.oci;

import java.util.Map;
import java.util.TreeMap;

/**
 * An OCI content descriptor. Annotations are kept sorted because Go marshals maps with sorted keys,
 * which is what byte-compatible output needs. {@code artifactType} may be null.
 */
public record Descriptor(
    String mediaType, Digest digest, long size, Map<String, String> annotations, String artifactType) {

  public Descriptor {
    annotations = annotations == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(annotations));
  }

  public Descriptor(String mediaType, Digest digest, long size) {
    this(mediaType, digest, size, Map.of(), null);
  }

  public Descriptor withAnnotations(Map<String, String> a) {
    return new Descriptor(mediaType, digest, size, a, artifactType);
  }
}
