package dev.jcosign.cli.options;

import dev.jcosign.cli.Env;
import dev.jcosign.core.signature.SignatureLayout;
import picocli.CommandLine.Option;

/**
 * cosign's {@code --experimental-oci11} on {@code verify} and {@code verify-attestation} (spec §3.7): signature
 * images written with {@code --registry-referrers-mode=oci-1-1} are looked for first, the last one listed wins.
 */
public final class ExperimentalOci11Options {
  @Option(names = "--experimental-oci11", arity = "0..1", fallbackValue = "true", defaultValue = "false",
      description = "verify: look for signature referrers written with --registry-referrers-mode=oci-1-1 first (the last one wins)")
  boolean experimentalOci11;

  /** The layout for {@code verify}: signature referrers first with {@code --experimental-oci11}. */
  public SignatureLayout forVerifying(Env env) {
    SignatureLayout base = SignatureStorage.layout(env);
    return experimentalOci11 ? base.withMode(SignatureLayout.ReferrersMode.OCI_1_1) : base;
  }
}
