package dev.jcosign.cli.options;

import dev.jcosign.cli.Env;
import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.signature.SignatureLayout;
import picocli.CommandLine.Option;

/** Where {@code sign} writes a legacy signature image: cosign's {@code --registry-referrers-mode} (spec §3.7). */
public final class ReferrersOptions {
  @Option(names = "--registry-referrers-mode", paramLabel = "legacy|oci-1-1", defaultValue = "legacy",
      description = "legacy: the signature image under the sha256-<hex>.sig tag; oci-1-1: pushed as an OCI 1.1 referrer "
          + "of the image (needs COSIGN_EXPERIMENTAL=1)")
  String mode = "legacy";

  /** The layout for {@code sign}: {@code oci-1-1} only with {@code COSIGN_EXPERIMENTAL=1}, as cosign's flag checks. */
  public SignatureLayout forSigning(Env env) {
    SignatureLayout base = SignatureStorage.layout(env);
    switch (mode) {
      case "legacy":
        return base;
      case "oci-1-1":
        if (!env.isTrue(Env.COSIGN_EXPERIMENTAL)) {
          throw new InvalidInputException("in order to use mode \"oci-1-1\", you must set COSIGN_EXPERIMENTAL=\"1\"");
        }
        return base.withMode(SignatureLayout.ReferrersMode.OCI_1_1);
      default:
        throw new InvalidInputException("invalid value for --registry-referrers-mode: " + mode + " (legacy or oci-1-1)");
    }
  }
}
