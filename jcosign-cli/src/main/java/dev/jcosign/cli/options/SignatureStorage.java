package dev.jcosign.cli.options;

import dev.jcosign.cli.Env;
import dev.jcosign.core.oci.Repository;
import dev.jcosign.core.signature.SignatureLayout;
import java.util.Optional;

/** Translates the storage-related environment (spec §1.3 "Other environment variables") into core types. */
public final class SignatureStorage {
  private SignatureStorage() {}

  /** {@code COSIGN_REPOSITORY} replaces the signature repository, registry included (spec §3.1). */
  public static SignatureLayout layout(Env env) {
    Optional<Repository> override = env.get(Env.COSIGN_REPOSITORY).filter(s -> !s.isBlank()).map(Repository::parse);
    return new SignatureLayout(override);
  }
}
