package dev.jcosign.core.oci;

import dev.jcosign.core.error.RegistryException;

/**
 * A manifest or index exactly as the registry sent it. The bytes are kept because digests are over
 * bytes, and re-serialising would change them.
 */
public record RawManifest(byte[] bytes, String mediaType, Digest digest) {
  public RawManifest {
    bytes = bytes.clone();
  }

  /** Builds one from bytes we produced, computing the digest. */
  public static RawManifest of(byte[] bytes, String mediaType) {
    return new RawManifest(bytes, mediaType, Digest.sha256(bytes));
  }

  /** Checks that the bytes hash to the digest the server claimed or we asked for. */
  public static RawManifest verified(byte[] bytes, String mediaType, Digest expected, String what) {
    Digest actual = Digest.sha256(bytes);
    if (expected != null && expected.algorithm().equals("sha256") && !expected.equals(actual)) {
      throw new RegistryException(
          "manifest digest mismatch for " + what + ": expected " + expected + ", got " + actual, 0, "DIGEST_INVALID");
    }
    return new RawManifest(bytes, mediaType, actual);
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  public Descriptor descriptor() {
    return new Descriptor(mediaType, digest, bytes.length);
  }
}
