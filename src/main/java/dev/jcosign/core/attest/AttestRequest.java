package dev.jcosign.core.attest;

import dev.jcosign.core.oci.ImageReference;
import dev.jcosign.core.signature.SignatureLayout;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * What {@code attest} was asked to do (spec §1.3 attest row, §3.4).
 *
 * @param image the subject (a tag is resolved to its digest)
 * @param type the {@code --type} value: a name of the §3.4 table or a URI
 * @param predicate the predicate file's bytes, as a read-only view: a 20 MB SBOM is not copied
 *     (issue 4), so whoever made the buffer must not change its bytes afterwards
 * @param replace {@code --replace}: drop attestations of the same predicate type first
 * @param tlogUpload upload to the transparency log first (spec §6.3); nothing is pushed or written if that fails
 * @param layout where attestations are stored ({@code COSIGN_REPOSITORY})
 * @param dockerMediaTypes write Docker instead of OCI media types
 * @param maxLayerBytes cap on an existing layer read for {@code --replace}
 * @param intotoEntry {@code --rekor-entry-type intoto}: log an {@code intoto} v0.0.1 entry instead of the
 *     default {@code dsse} v0.0.1 (cosign v2, spec §6.3)
 */
public record AttestRequest(
    ImageReference image,
    String type,
    ByteBuffer predicate,
    boolean replace,
    boolean tlogUpload,
    SignatureLayout layout,
    boolean dockerMediaTypes,
    long maxLayerBytes,
    boolean intotoEntry) {

  /** The entry kind named by {@code --rekor-entry-type}: {@code dsse} or {@code intoto}, as cosign v2 (spec §1.3). */
  public static boolean intotoEntry(String rekorEntryType) {
    return switch (rekorEntryType == null ? "dsse" : rekorEntryType) {
      case "dsse" -> false;
      case "intoto" -> true;
      default -> throw new dev.jcosign.core.error.InvalidInputException(
          "invalid --rekor-entry-type \"" + rekorEntryType + "\": expected dsse or intoto");
    };
  }

  public AttestRequest {
    predicate = predicate.asReadOnlyBuffer();
  }

  /** A fresh read-only view (its position is the caller's to move). */
  @Override
  public ByteBuffer predicate() {
    return predicate.asReadOnlyBuffer();
  }

  /** The predicate's bytes to read once, without a copy. */
  public InputStream predicateStream() {
    ByteBuffer b = predicate();
    return new InputStream() {
      @Override
      public int read() {
        return b.hasRemaining() ? b.get() & 0xff : -1;
      }

      @Override
      public int read(byte[] dst, int off, int len) {
        if (len == 0) {
          return 0;
        }
        if (!b.hasRemaining()) {
          return -1;
        }
        int n = Math.min(len, b.remaining());
        b.get(dst, off, n);
        return n;
      }
    };
  }

  public int predicateLength() {
    return predicate.remaining();
  }
}
