package dev.jcosign.core.spi;

import dev.jcosign.core.oci.Descriptor;
import dev.jcosign.core.oci.Digest;
import dev.jcosign.core.oci.ImageReference;
import dev.jcosign.core.oci.RawManifest;
import java.util.List;
import java.util.Map;

/**
 * An OCI image layout directory seen as a {@link Registry} (one layout = one repository), plus the
 * index.json operations {@code save}, {@code load} and {@code verify --local-image} need (spec §1.3).
 */
public interface ImageLayout extends Registry {

  /** The directory, as given, for messages (cosign names it in the verify header). */
  String location();

  /**
   * Creates the layout, or empties the index.json of an existing one (blobs are kept), as cosign's
   * {@code save} does before writing.
   */
  void initialize();

  /**
   * The index.json entries in file order. Fails with a one-line {@code InvalidInputException} when
   * the directory does not exist or is not an OCI image layout.
   */
  List<Descriptor> readIndex();

  /** Stores a manifest and lists it in index.json with extra {@code annotations} (e.g. {@code kind}). */
  Digest putManifest(ImageReference ref, RawManifest manifest, Map<String, String> annotations);
}
