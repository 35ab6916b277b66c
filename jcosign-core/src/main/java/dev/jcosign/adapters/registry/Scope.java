package dev.jcosign.adapters.registry;

import dev.jcosign.core.oci.Repository;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The access a request needs, as token-auth scope strings such as {@code repository:test/hello:pull,push}
 * (distribution token auth spec). Tokens are cached per (registry, scope).
 */
record Scope(List<String> entries) {
  static final Scope NONE = new Scope(List.of());

  Scope {
    entries = List.copyOf(new LinkedHashSet<>(entries));
  }

  static Scope pull(Repository repo) {
    return of(repo, "pull");
  }

  static Scope push(Repository repo) {
    return of(repo, "pull,push");
  }

  /** distribution asks for the {@code delete} action on DELETE requests. */
  static Scope delete(Repository repo) {
    return of(repo, "delete");
  }

  private static Scope of(Repository repo, String actions) {
    return new Scope(List.of("repository:" + repo.path() + ":" + actions));
  }

  /** Union with another scope, keeping order; used for cross-repo mounts and 401 scope hints. */
  Scope plus(Scope other) {
    Set<String> s = new LinkedHashSet<>(entries);
    s.addAll(other.entries);
    return new Scope(List.copyOf(s));
  }

  Scope plus(String entry) {
    return entry == null || entry.isBlank() ? this : plus(new Scope(List.of(entry.trim().split("\\s+"))));
  }

  /** Cache key: order-independent. */
  String key() {
    return String.join(" ", new java.util.TreeSet<>(entries));
  }
}
