package dev.jcosign.cli.commands;

import dev.jcosign.cli.Env;
import dev.jcosign.cli.Wiring;
import dev.jcosign.cli.options.KeyOptions;
import dev.jcosign.cli.options.OidcOptions;
import dev.jcosign.cli.options.SigningTrustOptions;
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

  @Option(names = "--new-bundle-format", arity = "0..1", fallbackValue = "true", defaultValue = "false",
      description = "cosign v3's layout: a Sigstore bundle attached as an OCI referrer instead of a .att layer (default: ${DEFAULT-VALUE})")
  boolean newBundleFormat;

  @Option(names = "--bundle", paramLabel = "FILE", description = "with --new-bundle-format: also write the bundle to FILE")
  Path bundle;

  @Mixin SigningTrustOptions signingTrust;

  @Parameters(arity = "1", paramLabel = "IMAGE", description = "image reference, preferably by digest")
  String image;

  AttestCommand(Wiring wiring) {
    this.wiring = wiring;
  }

  @Override
  public void run() {
    SigningServices services = wiring.signingServices(rekor, newBundleFormat);
    byte[] bytes = predicate.read(wiring.console(), dev.jcosign.cli.options.RegistryOptions.maxAttachmentSize(wiring.env()));
    if (newBundleFormat) {
      attestBundle(bytes, services);
      return;
    }
    java.util.Set<AttestRequest.Option> options = java.util.EnumSet.noneOf(AttestRequest.Option.class);
    if (replace) {
      options.add(AttestRequest.Option.REPLACE);
    }
    if (services.tlogUpload()) {
      options.add(AttestRequest.Option.TLOG_UPLOAD);
    }
    if (wiring.env().isTrue(Env.COSIGN_DOCKER_MEDIA_TYPES)) {
      options.add(AttestRequest.Option.DOCKER_MEDIA_TYPES);
    }
    AttestRequest req = new AttestRequest(ImageReference.parse(image), predicate.type(), java.nio.ByteBuffer.wrap(bytes), options,
        SignatureStorage.layout(wiring.env()), RegistryOptions.maxAttachmentSize(wiring.env()), AttestRequest.entryType(rekorEntryType));
    ImageAttester attester = new ImageAttester(wiring.registry(registry), wiring.progress(), Clock.systemUTC(),
        wiring.tlogUploader(services, yes, signingTrust.trustedRoot()), wiring.timestamper(services));
    if (key.isSet() && !oidc.issueCertificate()) {
      attester.attest(req, wiring.signers().signer(key.keyRef(), wiring.passwords()));
    } else {
      // keyless spec §1.1: no --key (or --issue-certificate) means a Fulcio certificate for the token's identity
      attester.attestKeyless(req, wiring.keylessIdentity(key.optionalKeyRef(), oidc, services, yes),
          wiring.signingTrustedRoot(signingTrust.trustedRoot()));
    }
  }

  /** cosign v3's layout (cosign-spec §3.5): the statement signed as a DSSE bundle and attached as a referrer. */
  private void attestBundle(byte[] predicateBytes, SigningServices services) {
    if (replace) {
      throw new dev.jcosign.core.error.InvalidInputException("--replace is for the legacy .att layout, not --new-bundle-format");
    }
    String predicateType = dev.jcosign.core.attest.PredicateTypes.uriFor(predicate.type());
    com.fasterxml.jackson.databind.JsonNode pred = dev.jcosign.core.json.Json.parse(
        new dev.jcosign.core.attest.Predicates(Clock.systemUTC()).build(predicate.type(), predicateBytes), "predicate");
    dev.jcosign.core.sign.BundleImageSigner.Job job = new dev.jcosign.core.sign.BundleImageSigner.Job(
        java.util.List.of(ImageReference.parse(image)),
        (repo, digest) -> dev.jcosign.core.attest.InTotoStatement.write(repo, digest, predicateType, pred), predicateType, true,
        services.tlogUpload(), Optional.ofNullable(bundle), SignatureStorage.layout(wiring.env()));
    dev.jcosign.core.sign.BundleImageSigner signer = new dev.jcosign.core.sign.BundleImageSigner(wiring.registry(registry),
        wiring.progress(), wiring.tlogUploader(services, yes, signingTrust.trustedRoot()), wiring.timestamper(services),
        Clock.systemUTC());
    if (key.isSet() && !oidc.issueCertificate()) {
      signer.run(job, wiring.signers().signer(key.keyRef(), wiring.passwords()));
    } else {
      signer.runKeyless(job, wiring.keylessIdentity(key.optionalKeyRef(), oidc, services, yes),
          wiring.signingTrustedRoot(signingTrust.trustedRoot()));
    }
  }
}
