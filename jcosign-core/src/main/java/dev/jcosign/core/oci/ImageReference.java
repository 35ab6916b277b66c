package dev.jcosign.core.oci;

import dev.jcosign.core.error.InvalidInputException;
import java.util.regex.Pattern;

/**
 * An image reference: repository plus a tag, a digest, or both. Parsed like go-containerregistry's
 * non-strict {@code name.ParseReference}: default registry {@code index.docker.io}, default tag
 * {@code latest} (spec §1.1).
 */
public record ImageReference(Repository repository, String tag, Digest digest) {
  public static final String DEFAULT_TAG = "latest";
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");

  public ImageReference {
    if (repository == null) {
      throw new InvalidInputException("reference has no repository");
    }
    if (tag == null && digest == null) {
      tag = DEFAULT_TAG;
    }
    if (tag != null && !TAG.matcher(tag).matches()) {
      throw new InvalidInputException("tag can only contain the characters `abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.`: " + tag);
    }
  }

  /** Parses a reference such as {@code ubuntu}, {@code ghcr.io/o/a:v1}, {@code localhost:5000/x@sha256:...}. */
  public static ImageReference parse(String s) {
    if (s == null || s.isBlank()) {
      throw new InvalidInputException("image reference must not be empty");
    }
    int firstAt = s.indexOf('@');
    int firstSlash = s.indexOf('/');
    if (firstAt >= 0 && (firstSlash < 0 || firstAt < firstSlash) && s.indexOf('/', firstAt) > 0) {
      // user:password@host/repo: the reference is not echoed, it holds a secret (issue 11)
      throw new InvalidInputException("could not parse reference: it starts with credentials (USER[:PASSWORD]@); "
          + "give them with --registry-username and --registry-password, or docker login, instead");
    }
    try {
      String rest = s;
      Digest digest = null;
      int at = rest.indexOf('@');
      if (at >= 0) {
        digest = Digest.parse(rest.substring(at + 1));
        rest = rest.substring(0, at);
      }
      String tag = null;
      int lastSlash = rest.lastIndexOf('/');
      int colon = rest.lastIndexOf(':');
      if (colon > lastSlash) {
        tag = rest.substring(colon + 1);
        rest = rest.substring(0, colon);
      }
      if (digest != null && tag == null) {
        return new ImageReference(Repository.parse(rest), null, digest);
      }
      return new ImageReference(Repository.parse(rest), tag, digest);
    } catch (InvalidInputException e) {
      throw new InvalidInputException("could not parse reference: " + s + ": " + e.getMessage(), e);
    }
  }

  /** True when the first path component names a registry rather than a Docker Hub namespace. */
  static boolean looksLikeRegistry(String first) {
    return first.contains(".") || first.contains(":") || "localhost".equals(first);
  }

  public static ImageReference of(Repository repo, Digest digest) {
    return new ImageReference(repo, null, digest);
  }

  public static ImageReference of(Repository repo, String tag) {
    return new ImageReference(repo, tag, null);
  }

  public boolean hasDigest() {
    return digest != null;
  }

  /** The tag or digest string used in a manifest URL: the digest when present. */
  public String identifier() {
    return digest != null ? digest.toString() : tag;
  }

  /** Same repository, pinned to {@code d} (tag dropped). */
  public ImageReference withDigest(Digest d) {
    return new ImageReference(repository, null, d);
  }

  /**
   * Fully-qualified name as go-containerregistry's {@code Name()} prints it: {@code repo@digest}
   * when a digest is present, else {@code repo:tag}.
   */
  public String name() {
    return digest != null ? repository.name() + "@" + digest : repository.name() + ":" + tag;
  }

  @Override
  public String toString() {
    return name();
  }

  /** The warning of signing by tag (spec §1.1): its first line is cosign's exact text, which scripts grep for. */
  public String tagWarning() {
    return "Image reference " + name() + " uses a tag, not a digest, to identify the image to sign.\n"
        + "    This can lead you to sign a different image than the intended one. Please use a\n"
        + "    digest (example.com/ubuntu@sha256:abc123...) rather than tag\n"
        + "    (example.com/ubuntu:latest) for the input to cosign. The ability to refer to\n"
        + "    images by tag will be removed in a future release.\n";
  }
}
