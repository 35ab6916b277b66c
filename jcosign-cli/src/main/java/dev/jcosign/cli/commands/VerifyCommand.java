package dev.jcosign.cli.commands;

import dev.jcosign.cli.VerifyOutput;
import dev.jcosign.cli.Wiring;
import dev.jcosign.cli.options.AnnotationOptions;
import dev.jcosign.cli.options.CertVerifyOptions;
import dev.jcosign.cli.options.KeyOptions;
import dev.jcosign.cli.options.RegistryOptions;
import dev.jcosign.cli.options.ExperimentalOci11Options;
import dev.jcosign.cli.options.TlogVerifyOptions;
import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.oci.ImageReference;
import dev.jcosign.core.keys.DigestAlgorithm;
import dev.jcosign.core.signature.SignatureLayout;
import dev.jcosign.core.spi.ImageLayout;
import dev.jcosign.core.verify.ImageVerifier;
import dev.jcosign.core.verify.LocalImageVerifier;
import dev.jcosign.core.verify.VerifiedLocalImage;
import dev.jcosign.core.verify.VerifiedImage;
import dev.jcosign.core.verify.VerifyRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code verify}: check the legacy {@code .sig} signatures of images with a public key (spec §4.4,
 * §4.5), in a registry or, with {@code --local-image}, in layouts written by {@code save}.
 */
@Command(name = "verify", description = "Checks the signatures of images with a public key or a keyless identity and prints the verified payloads", sortOptions = false)
public final class VerifyCommand implements Runnable {
  private final Wiring wiring;

  @Mixin KeyOptions key;

  @Mixin AnnotationOptions annotations;
  @Mixin RegistryOptions registry;

  @Option(names = "--check-claims", arity = "0..1", fallbackValue = "true", defaultValue = "true",
      description = "check that the signed payload names this image and the -a values (default: ${DEFAULT-VALUE})")
  boolean checkClaims;

  @Mixin CertVerifyOptions certs;

  @Mixin TlogVerifyOptions tlog;

  @Mixin ExperimentalOci11Options oci11;

  @Option(names = {"-o", "--output"}, defaultValue = "json", paramLabel = "json|text", description = "output format (default: ${DEFAULT-VALUE})")
  String output;

  @Option(names = "--signature-digest-algorithm", defaultValue = "sha256", paramLabel = "ALG",
      description = "digest algorithm of the signature: sha224, sha256, sha384, sha512 (default: ${DEFAULT-VALUE})")
  String digestAlgorithm;

  @Option(names = "--max-workers", defaultValue = "10", description = "images verified in parallel (default: ${DEFAULT-VALUE})")
  int maxWorkers;

  @Option(names = "--local-image", arity = "0..1", fallbackValue = "true", defaultValue = "false",
      description = "the arguments are directories written by save (OCI image layouts), not image references")
  boolean localImage;

  @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "image reference(s), or directories with --local-image")
  List<String> images;

  VerifyCommand(Wiring wiring) {
    this.wiring = wiring;
  }

  @Override
  public void run() {
    if (maxWorkers < 1) {
      // a silent clamp would hide a typo such as --max-workers 0 (bad input gets a clear error)
      throw new InvalidInputException("--max-workers must be at least 1, got " + maxWorkers);
    }
    if (!output.equals("json") && !output.equals("text")) {
      throw new InvalidInputException("unsupported output format \"" + output + "\": use json or text");
    }
    List<ImageReference> refs = localImage ? List.of() : images.stream().map(ImageReference::parse).toList();
    Map<String, String> claims = annotations.toMap();
    // a saved layout holds its signatures itself: COSIGN_REPOSITORY plays no part (spec §4.2)
    SignatureLayout storage = localImage ? SignatureLayout.standard() : oci11.forVerifying(wiring.env());
    // with --key the signatures are key-based; without it, keyless with an identity policy (keyless spec §1.8)
    VerifyRequest req = new VerifyRequest(refs,
        key.isSet() ? Optional.of(wiring.signers().publicKey(key.keyRef())) : Optional.empty(),
        key.isSet() ? Optional.empty() : Optional.of(certs.policy()), claims, checkClaims,
        wiring.tlogPolicy(tlog), DigestAlgorithm.parse(digestAlgorithm), storage, maxWorkers, RegistryOptions.maxAttachmentSize(wiring.env()));
    if (tlog.ignoreTlog()) {
      wiring.progress().warn("Skipping tlog verification is an insecure practice that lacks transparency and auditability verification for the signature.");
    }
    VerifyOutput out = new VerifyOutput(wiring.console(), !key.isSet());
    if (localImage) {
      List<ImageLayout> layouts = images.stream().map(d -> wiring.layout(Path.of(d))).toList();
      for (VerifiedLocalImage r : new LocalImageVerifier().verify(layouts, req)) {
        if (!r.ok()) {
          throw r.failure();
        }
        out.header(r.location(), !claims.isEmpty(), checkClaims, r.tlogVerified(), r.tlogOnline());
        out.payloads(r.signatures(), output);
      }
      return;
    }
    List<VerifiedImage> results = new ImageVerifier(wiring.registry(registry)).verify(req);
    for (VerifiedImage r : results) {
      if (!r.ok()) {
        throw r.failure(); // cosign stops at the first image that fails, after printing earlier ones
      }
      out.header(r, !claims.isEmpty(), checkClaims);
      out.payloads(r, output);
    }
  }
}
