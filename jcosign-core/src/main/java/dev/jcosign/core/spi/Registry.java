package dev.jcosign.core.spi;

import dev.jcosign.core.oci.Descriptor;
import dev.jcosign.core.oci.Digest;
import dev.jcosign.core.oci.ImageReference;
import dev.jcosign.core.oci.RawManifest;
import dev.jcosign.core.oci.Repository;
import java.util.List;
import java.util.Optional;

/**
 * Where images and their signatures live: a remote registry (distribution API) or an OCI image
 * layout directory. Every failure is a {@code RegistryException} with a one-line message;
 * implementations cap the size of everything they read.
 */
public interface Registry {

  /** Descriptor (media type, digest, size) of the manifest {@code ref} points at; empty on 404. */
  Optional<Descriptor> head(ImageReference ref);

  /** The manifest at {@code ref}, raw bytes and digest checked; empty on 404. */
  Optional<RawManifest> getManifest(ImageReference ref);

  /**
   * Stores {@code manifest} under {@code ref} (a tag or its own digest) and returns its digest.
   * Blobs it references must already exist.
   */
  Digest putManifest(ImageReference ref, RawManifest manifest);

  /** Deletes the manifest with that digest. */
  void deleteManifest(Repository repo, Digest digest);

  boolean blobExists(Repository repo, Digest digest);

  /** Reads a blob, failing when it is larger than {@code maxBytes} or does not hash to {@code digest}. */
  byte[] getBlob(Repository repo, Digest digest, long maxBytes);

  /**
   * A blob as its descriptor describes it (issue 11): refused before a byte is read when the claimed size
   * is negative or over {@code maxBytes}, read no further than the claim, and refused when the registry
   * sends fewer bytes, as cosign refuses a size mismatch. These are faults of the descriptor (the manifest
   * listing it), so they are {@code InvalidInputException}s: one bad layer does not fail the others.
   */
  default byte[] getBlob(Repository repo, Descriptor d, long maxBytes) {
    String what = "blob " + d.digest();
    if (d.size() < 0) {
      throw new dev.jcosign.core.error.InvalidInputException(what + ": its descriptor gives the invalid size " + d.size());
    }
    if (d.size() > maxBytes) {
      throw new dev.jcosign.core.error.InvalidInputException(what + ": size (" + d.size() + ") exceeded the limit (" + maxBytes + ")");
    }
    byte[] b;
    try {
      // a limit of 0 means "no per-call limit" to getBlob, so an empty blob is read with a 1-byte cap
      b = getBlob(repo, d.digest(), Math.max(d.size(), 1));
    } catch (dev.jcosign.core.error.RegistryException e) {
      if ("SIZE_LIMIT".equals(e.code())) {
        throw new dev.jcosign.core.error.InvalidInputException(what + ": larger than the " + d.size() + " bytes its descriptor gives", e);
      }
      throw e;
    }
    if (b.length != d.size()) {
      throw new dev.jcosign.core.error.InvalidInputException(what + ": its descriptor gives " + d.size() + " bytes, the blob has " + b.length);
    }
    return b;
  }

  /** Uploads a blob unless it already exists; {@code mountFrom} names a repository to try a cross-repo mount from. */
  void putBlob(Repository repo, Digest digest, byte[] content, Optional<Repository> mountFrom);

  /** All tags of the repository, following pagination. */
  List<String> listTags(Repository repo);

  /**
   * The OCI 1.1 referrers API ({@code GET /v2/<repo>/referrers/<digest>}, keyless spec §1.5-1.6): the index
   * body when the registry answers 200 with exactly the OCI index media type; empty when it does not
   * serve the API (404, 400, 406, or 200 with another type), in which case callers use the fallback tag.
   * Stores without the API keep this default.
   */
  default Optional<byte[]> referrers(Repository repo, Digest subject) {
    return Optional.empty();
  }
}
