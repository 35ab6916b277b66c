package dev.jcosign.cli.commands;

import dev.jcosign.cli.VerifyOutput;
import dev.jcosign.cli.Wiring;
import dev.jcosign.cli.options.CertVerifyOptions;
import dev.jcosign.cli.options.KeyOptions;
import dev.jcosign.cli.options.RegistryOptions;
import dev.jcosign.cli.options.ExperimentalOci11Options;
import dev.jcosign.cli.options.TlogVerifyOptions;
import dev.jcosign.core.attest.AttestationVerifier;
import dev.jcosign.core.attest.AttestationVerifyRequest;
import dev.jcosign.core.attest.PredicateTypes;
import dev.jcosign.core.attest.VerifiedAttestations;
import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.keys.DigestAlgorithm;
import dev.jcosign.core.oci.ImageReference;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code verify-attestation}: check the legacy {@code .att} attestations of images with a public key (spec §4.6). */
@Command(name = "verify-attestation", description = "Checks the attestations of images with a public key and prints the matching envelopes", sortOptions = false)
public final class VerifyAttestationCommand implements Runnable {
  private final Wiring wiring;

  @Mixin KeyOptions key;
  @Mixin RegistryOptions registry;

  @Option(names = "--type", defaultValue = "custom", paramLabel = "TYPE",
      description = "predicate type to look for: a name of the attest --type list or a URI (default: ${DEFAULT-VALUE})")
  String type;

  @Option(names = "--policy", paramLabel = "FILE", description = "CUE or Rego policy files (not supported yet)")
  List<String> policies = new ArrayList<>();

  @Option(names = "--check-claims", arity = "0..1", fallbackValue = "true", defaultValue = "true",
      description = "check that the signed payload names this image and the -a values (default: ${DEFAULT-VALUE})")
  boolean checkClaims;

  @Mixin CertVerifyOptions certs;

  @Mixin TlogVerifyOptions tlog;

  @Mixin ExperimentalOci11Options oci11;

  @Option(names = {"-o", "--output"}, defaultValue = "json", paramLabel = "FORMAT",
      description = "accepted for cosign compatibility: envelopes are always printed one per line")
  String output;

  @Option(names = "--signature-digest-algorithm", defaultValue = "sha256", paramLabel = "ALG",
      description = "digest algorithm of the signature: sha224, sha256, sha384, sha512 (default: ${DEFAULT-VALUE})")
  String digestAlgorithm;

  @Option(names = "--max-workers", defaultValue = "10", description = "images verified in parallel (default: ${DEFAULT-VALUE})")
  int maxWorkers;

  @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "image reference(s)")
  List<String> images;

  VerifyAttestationCommand(Wiring wiring) {
    this.wiring = wiring;
  }

  @Override
  public void run() {
    for (String p : policies) {
      if (!p.endsWith(".cue") && !p.endsWith(".rego")) {
        throw new InvalidInputException("invalid policy format, expected .cue or .rego");
      }
      // no maintained Java evaluator for Rego or CUE resolves from the Maven repository (issue 4)
      throw new InvalidInputException("policy " + p + ": CUE and Rego policies are not supported yet");
    }
    if (maxWorkers < 1) {
      throw new InvalidInputException("--max-workers must be at least 1, got " + maxWorkers);
    }
    PredicateTypes.uriFor(type); // a bad --type fails before any registry traffic
    List<ImageReference> refs = images.stream().map(ImageReference::parse).toList();
    // with --key the envelopes are key-signed; without it, keyless with an identity policy (keyless spec §1.8)
    AttestationVerifyRequest req = new AttestationVerifyRequest(
        key.isSet() ? java.util.Optional.of(wiring.signers().publicKey(key.keyRef())) : java.util.Optional.empty(),
        key.isSet() ? java.util.Optional.empty() : java.util.Optional.of(certs.policy()), type, checkClaims,
        wiring.tlogPolicy(tlog), DigestAlgorithm.parse(digestAlgorithm), oci11.forVerifying(wiring.env()),
        RegistryOptions.maxAttachmentSize(wiring.env()));
    if (tlog.ignoreTlog()) {
      wiring.progress().warn("Skipping tlog verification is an insecure practice that lacks transparency and auditability verification for the signature.");
    }
    AttestationVerifier verifier = new AttestationVerifier(wiring.registry(registry));
    VerifyOutput out = new VerifyOutput(wiring.console(), !key.isSet());
    // checked concurrently, printed in order; cosign stops at the first image that fails, and so do we
    verifier.verifyAll(refs, req, maxWorkers, v -> {
      out.header(v.requested().name(), false, checkClaims, v.tlogVerified(), v.tlogOnline());
      for (java.nio.ByteBuffer envelope : v.envelopes()) {
        wiring.console().outBytes(envelope); // written as stored, a chunk at a time (issue 4)
        wiring.console().out("\n");
      }
    });
  }
}
