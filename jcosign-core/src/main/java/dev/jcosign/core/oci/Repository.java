package dev.jcosign.core.oci;

import dev.jcosign.core.error.InvalidInputException;
import java.util.regex.Pattern;

/**
 * A repository: registry host (with optional port) plus path, e.g. {@code index.docker.io/library/ubuntu}.
 * Construction applies go-containerregistry's Docker Hub normalisation (spec §1.1).
 */
public record Repository(String registry, String path) {
  public static final String DOCKER_HUB = "index.docker.io";
  // distribution reference grammar for path components (lower case only)
  private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*");

  public Repository {
    if (registry == null || registry.isEmpty()) {
      throw new InvalidInputException("repository has no registry");
    }
    if ("docker.io".equals(registry)) {
      registry = DOCKER_HUB;
    }
    if (path == null || path.isEmpty()) {
      throw new InvalidInputException("repository name must not be empty");
    }
    if (DOCKER_HUB.equals(registry) && path.indexOf('/') < 0) {
      path = "library/" + path;
    }
    for (String c : path.split("/", -1)) {
      if (!COMPONENT.matcher(c).matches()) {
        throw new InvalidInputException(
            "repository can only contain the characters `abcdefghijklmnopqrstuvwxyz0123456789_-./`: " + path);
      }
    }
    if (path.length() > 255) {
      throw new InvalidInputException("repository name too long: " + path);
    }
  }

  /** Parses {@code [registry/]path} with the same defaulting as image references. */
  public static Repository parse(String s) {
    if (s == null || s.isEmpty()) {
      throw new InvalidInputException("repository must not be empty");
    }
    if (s.contains("@") || s.substring(s.lastIndexOf('/') + 1).contains(":")) {
      throw new InvalidInputException("a repository may not contain a tag or digest: " + s);
    }
    int slash = s.indexOf('/');
    if (slash > 0 && ImageReference.looksLikeRegistry(s.substring(0, slash))) {
      return new Repository(s.substring(0, slash), s.substring(slash + 1));
    }
    return new Repository(DOCKER_HUB, s);
  }

  /** Full name, {@code registry/path}. */
  public String name() {
    return registry + "/" + path;
  }

  @Override
  public String toString() {
    return name();
  }
}
