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
 * @param options {@link Option}s: replace, log, Docker media types
 * @param layout where attestations are stored ({@code COSIGN_REPOSITORY})
 * @param maxLayerBytes cap on an existing layer read for {@code --replace}
 * @param entryType {@code --rekor-entry-type}: the kind of log entry (cosign v2, spec §6.3)
 */
public record AttestRequest(
    ImageReference image,
    String type,
    ByteBuffer predicate,
    java.util.Set<Option> options,
    SignatureLayout layout,
    long maxLayerBytes,
    EntryType entryType) {

  /** The switches of an attest run, named rather than a row of positional booleans (issue 10). */
  public enum Option {
    /** {@code --replace}: drop attestations of the same predicate type first. */
    REPLACE,
    /** upload to the transparency log first (spec §6.3); nothing is pushed or written if that fails. */
    TLOG_UPLOAD,
    /** write Docker instead of OCI media types. */
    DOCKER_MEDIA_TYPES
  }

  /** {@code --rekor-entry-type}: {@code dsse} v0.0.1 (the default) or {@code intoto} v0.0.1 (cosign v2, spec §6.3). */
  public enum EntryType { DSSE, INTOTO }

  public boolean replace() {
    return options.contains(Option.REPLACE);
  }

  public boolean tlogUpload() {
    return options.contains(Option.TLOG_UPLOAD);
  }

  public boolean dockerMediaTypes() {
    return options.contains(Option.DOCKER_MEDIA_TYPES);
  }

  public boolean intotoEntry() {
    return entryType == EntryType.INTOTO;
  }

  @Override
  public java.util.Set<Option> options() {
    return options.isEmpty() ? java.util.EnumSet.noneOf(Option.class) : java.util.EnumSet.copyOf(options);
  }

  /** The entry kind named by {@code --rekor-entry-type}: {@code dsse} or {@code intoto}, as cosign v2 (spec §1.3). */
  public static EntryType entryType(String rekorEntryType) {
    return switch (rekorEntryType == null ? "dsse" : rekorEntryType) {
      case "dsse" -> EntryType.DSSE;
      case "intoto" -> EntryType.INTOTO;
      default -> throw new dev.jcosign.core.error.InvalidInputException(
          "invalid --rekor-entry-type \"" + rekorEntryType + "\": expected dsse or intoto");
    };
  }

  public AttestRequest {
    options = options.isEmpty() ? java.util.EnumSet.noneOf(Option.class) : java.util.EnumSet.copyOf(options);
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
