package dev.jcosign.core.layout;

import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.oci.Descriptor;
import dev.jcosign.core.oci.Digest;
import dev.jcosign.core.oci.ImageReference;
import dev.jcosign.core.oci.Repository;
import dev.jcosign.core.spi.ImageLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a layout written by {@code save} holds, found the way cosign finds it (spec §1.3 save): the
 * first index.json entry whose {@code kind} annotation is {@code …/imageIndex}, else {@code …/image},
 * is the saved image; the first {@code …/sigs} and {@code …/atts} entries are its signature and
 * attestation images. cosign lists the children of an index only as blobs, never in index.json.
 *
 * @param subject the saved image or index
 * @param signatures its {@code .sig} image, if it was signed
 * @param attestations its {@code .att} image, if it had attestations
 * @param attached jcosign's extra entries: signature images of an index's children and the referrers index, which carry no
 *      {@code kind} (so cosign ignores them) and are tagged {@code sha256-<hex>[.sig|.att]} by ref.name
 */
public record SavedImage(Descriptor subject, Optional<Descriptor> signatures, Optional<Descriptor> attestations, List<Descriptor> attached) {
  public static final String KIND = "kind";
  public static final String KIND_IMAGE = "dev.cosignproject.cosign/image";
  public static final String KIND_IMAGE_INDEX = "dev.cosignproject.cosign/imageIndex";
  public static final String KIND_SIGS = "dev.cosignproject.cosign/sigs";
  public static final String KIND_ATTS = "dev.cosignproject.cosign/atts";
  public static final String REF_NAME = "org.opencontainers.image.ref.name";

  /** A layout is one repository; the adapter ignores this name, references just need one. */
  public static final Repository REPOSITORY = new Repository("localhost", "oci-layout");

  // .sig/.att of an index's children, and the referrers fallback index (no suffix) of cosign v3's bundles
  private static final Pattern ATTACHED_TAG = Pattern.compile("sha256-[0-9a-f]{64}(\\.(sig|att))?");

  public SavedImage {
    attached = List.copyOf(attached);
  }

  /** Reads index.json; fails when it names no image or index (e.g. a layout not written by save). */
  public static SavedImage read(ImageLayout layout) {
    List<Descriptor> entries = layout.readIndex();
    Descriptor subject = first(entries, KIND_IMAGE_INDEX).or(() -> first(entries, KIND_IMAGE)).orElseThrow(() ->
        new InvalidInputException("no image or image index in " + layout.location()
            + ": no index.json entry has annotation kind=" + KIND_IMAGE + " or " + KIND_IMAGE_INDEX + " (was it written by save?)"));
    List<Descriptor> attached = new ArrayList<>();
    for (Descriptor d : entries) {
      if (!d.annotations().containsKey(KIND) && ATTACHED_TAG.matcher(d.annotations().getOrDefault(REF_NAME, "")).matches()) {
        attached.add(d);
      }
    }
    return new SavedImage(subject, first(entries, KIND_SIGS), first(entries, KIND_ATTS), attached);
  }

  /** The tag ({@code sha256-<hex>.sig|.att}) of an {@link #attached} entry. */
  public static String tagOf(Descriptor attachedEntry) {
    return attachedEntry.annotations().get(REF_NAME);
  }

  /** A reference to a manifest of the layout, by digest. */
  public static ImageReference ref(Digest digest) {
    return ImageReference.of(REPOSITORY, digest);
  }

  static Map<String, String> kind(String kind) {
    return Map.of(KIND, kind);
  }

  private static Optional<Descriptor> first(List<Descriptor> entries, String kind) {
    return entries.stream().filter(d -> kind.equals(d.annotations().get(KIND))).findFirst();
  }
}
