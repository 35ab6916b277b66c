package dev.jcosign.cli.commands;

import dev.jcosign.cli.Env;
import dev.jcosign.cli.Wiring;
import dev.jcosign.cli.options.KeyOptions;
import dev.jcosign.cli.options.OidcOptions;
import java.nio.file.Path;
import java.util.Optional;
import dev.jcosign.cli.options.RekorOptions;
import dev.jcosign.cli.options.PredicateOptions;
import dev.jcosign.cli.options.RegistryOptions;
import dev.jcosign.cli.options.SignatureStorage;
import dev.jcosign.core.attest.AttestRequest;
import dev.jcosign.core.attest.ImageAttester;
import dev.jcosign.core.oci.ImageReference;
import dev.jcosign.core.signingconfig.SigningServices;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code attest}: sign an in-toto statement about an image and store it as a legacy {@code .att} layer (spec §3.4). */
@Command(name = "attest", description = "Signs an in-toto statement about an image and stores it beside the image (.att tag)", sortOptions = false)
public final class AttestCommand implements Runnable {
  private final Wiring wiring;

  @Mixin KeyOptions key;
  @Mixin PredicateOptions predicate;
  @Mixin RegistryOptions registry;

  @Option(names = "--replace", arity = "0..1", fallbackValue = "true", defaultValue = "false",
      description = "replace the existing attestations of the same predicate type")
  boolean replace;

  @Mixin RekorOptions rekor;

  @Option(names = "--rekor-entry-type", paramLabel = "dsse|intoto", defaultValue = "dsse",
      description = "kind of transparency log entry to create: dsse or intoto (default: ${DEFAULT-VALUE})")
  String rekorEntryType;

  @Option(names = {"-y", "--yes"}, description = "answer yes to confirmation prompts (never to destructive ones)")
  boolean yes;

  @Mixin OidcOptions oidc;

  @Option(names = "--trusted-root", paramLabel = "FILE",
      description = "trusted_root.json a keyless attestation is checked against before it is pushed (default: TUF cache or the embedded root)")
  Path trustedRoot;

  @Parameters(arity = "1", paramLabel = "IMAGE", description = "image reference, preferably by digest")
  String image;

  AttestCommand(Wiring wiring) {
    this.wiring = wiring;
  }

  @Override
  public void run() {
    SigningServices services = wiring.signingServices(rekor);
    byte[] bytes = predicate.read(wiring.console());
    AttestRequest req = new AttestRequest(ImageReference.parse(image), predicate.type(), java.nio.ByteBuffer.wrap(bytes), replace, services.tlogUpload(),
        SignatureStorage.layout(wiring.env()), wiring.env().isTrue(Env.COSIGN_DOCKER_MEDIA_TYPES),
        RegistryOptions.maxAttachmentSize(wiring.env()), AttestRequest.intotoEntry(rekorEntryType));
    ImageAttester attester = new ImageAttester(wiring.registry(registry), wiring.progress(), Clock.systemUTC(),
        wiring.tlogUploader(services, yes, Optional.ofNullable(trustedRoot)), wiring.timestamper(services));
    if (key.isSet() && !oidc.issueCertificate()) {
      attester.attest(req, wiring.signers().signer(key.keyRef(), wiring.passwords()));
    } else {
      // keyless spec §1.1: no --key (or --issue-certificate) means a Fulcio certificate for the token's identity
      attester.attestKeyless(req, wiring.keylessIdentity(key.optionalKeyRef(), oidc, services, yes),
          wiring.signingTrustedRoot(Optional.ofNullable(trustedRoot)));
    }
  }
}
