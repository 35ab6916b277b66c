package dev.jcosign.adapters;

import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.spi.KeyRef;
import dev.jcosign.core.spi.PasswordSource;
import dev.jcosign.core.spi.Signer;
import dev.jcosign.core.spi.SignerProvider;
import java.security.PublicKey;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The registry of key backends, chosen by the scheme of a {@link KeyRef} (style R4): a
 * {@link SignerProvider} that dispatches to the one owning the scheme. A KMS backend is added by
 * registering its provider in {@link KeyBackends}.
 */
public final class SignerProviders implements SignerProvider {
  /** Schemes cosign accepts for {@code --key} that jcosign does not implement yet (spec §1.3, §5). */
  private static final Set<String> NOT_YET = Set.of(
      "k8s", "gitlab", "github", "http", "https");

  private final Map<String, SignerProvider> byScheme;
  private final Map<String, java.util.function.Supplier<SignerProvider>> lazy;
  private final Map<String, SignerProvider> loaded = new java.util.HashMap<>();

  public SignerProviders(List<SignerProvider> providers) {
    this(providers, Map.of());
  }

  /**
   * {@code providers} are ready to use; {@code lazy} maps further schemes to factories that run only
   * when that scheme is used, so a KMS SDK is never loaded by a command that does not need it
   * (issue 5: startup must not grow because the SDKs are on the classpath).
   */
  public SignerProviders(List<SignerProvider> providers, Map<String, java.util.function.Supplier<SignerProvider>> lazy) {
    Map<String, SignerProvider> m = new LinkedHashMap<>();
    for (SignerProvider p : providers) {
      for (String s : p.schemes()) {
        if (m.putIfAbsent(s, p) != null) {
          throw new IllegalStateException("two signer providers for scheme " + s);
        }
      }
    }
    for (String s : lazy.keySet()) {
      if (m.containsKey(s)) {
        throw new IllegalStateException("two signer providers for scheme " + s);
      }
    }
    this.byScheme = Collections.unmodifiableMap(m);
    this.lazy = Map.copyOf(lazy);
  }

  @Override
  public Set<String> schemes() {
    Set<String> all = new java.util.LinkedHashSet<>(byScheme.keySet());
    all.addAll(lazy.keySet());
    return all;
  }

  /** The provider owning {@code ref}'s scheme. */
  public SignerProvider providerFor(KeyRef ref) {
    SignerProvider p = byScheme.get(ref.scheme());
    if (p != null) {
      return p;
    }
    var factory = lazy.get(ref.scheme());
    if (factory != null) {
      synchronized (loaded) {
        return loaded.computeIfAbsent(ref.scheme(), s -> factory.get());
      }
    }
    if (NOT_YET.contains(ref.scheme())) {
      throw new InvalidInputException("key reference scheme \"" + ref.scheme() + "\" is not supported yet (" + ref + ")");
    }
    throw new InvalidInputException("no signer for key reference scheme \"" + ref.scheme() + "\"");
  }

  @Override
  public Signer signer(KeyRef ref, PasswordSource passwords) {
    return providerFor(ref).signer(ref, passwords);
  }

  @Override
  public PublicKey publicKey(KeyRef ref) {
    return providerFor(ref).publicKey(ref);
  }

  @Override
  public PublicKey createKey(KeyRef ref) {
    return providerFor(ref).createKey(ref);
  }
}
