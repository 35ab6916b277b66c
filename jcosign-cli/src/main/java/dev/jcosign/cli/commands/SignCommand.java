package dev.jcosign.cli.commands;

import dev.jcosign.cli.Env;
import dev.jcosign.cli.Wiring;
import dev.jcosign.cli.options.AnnotationOptions;
import dev.jcosign.cli.options.KeyOptions;
import dev.jcosign.cli.options.OidcOptions;
import dev.jcosign.cli.options.SigningTrustOptions;
import dev.jcosign.cli.options.RekorOptions;
import dev.jcosign.cli.options.RegistryOptions;
import dev.jcosign.cli.options.ReferrersOptions;
import dev.jcosign.cli.options.SignatureStorage;
import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.oci.ImageReference;
import dev.jcosign.core.sign.BundleImageSigner;
import dev.jcosign.core.sign.ImageSigner;
import dev.jcosign.core.sign.SignRequest;
import dev.jcosign.core.signingconfig.SigningServices;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sign}: sign images with a key or keyless, storing legacy {@code .sig} signatures (spec §1.3, §3.2, keyless spec §1.4). */
@Command(name = "sign", description = "Signs images and stores each signature beside its image (.sig tag)", sortOptions = false)
public final class SignCommand implements Runnable {
  private final Wiring wiring;

  @Mixin KeyOptions key;

  @Mixin AnnotationOptions annotations;
  @Mixin RegistryOptions registry;

  @Option(names = {"-r", "--recursive"}, description = "for an index, also sign every image it lists")
  boolean recursive;

  @Option(names = "--upload", arity = "0..1", fallbackValue = "true", defaultValue = "true",
      description = "store the signature in the registry (default: ${DEFAULT-VALUE})")
  boolean upload;

  @Mixin RekorOptions rekor;

  @Mixin ReferrersOptions referrers;

  @Option(names = "--output-signature", paramLabel = "FILE", description = "write the base64 signature to FILE")
  Path outputSignature;

  @Option(names = "--output-payload", paramLabel = "FILE", description = "write the signed payload to FILE")
  Path outputPayload;

  @Option(names = {"-y", "--yes"}, description = "answer yes to confirmation prompts (never to destructive ones)")
  boolean yes;

  @Option(names = "--new-bundle-format", arity = "0..1", fallbackValue = "true", defaultValue = "false",
      description = "cosign v3's layout: a Sigstore bundle attached as an OCI referrer instead of a .sig layer "
          + "(default: ${DEFAULT-VALUE}, the legacy layout Kyverno, policy-controller and containers/image read)")
  boolean newBundleFormat;

  @Option(names = "--bundle", paramLabel = "FILE", description = "with --new-bundle-format: also write the bundle to FILE")
  Path bundle;

  @Mixin OidcOptions oidc;

  @Mixin SigningTrustOptions signingTrust;

  @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "image reference(s), preferably by digest")
  List<String> images;

  SignCommand(Wiring wiring) {
    this.wiring = wiring;
  }

  @Override
  public void run() {
    List<ImageReference> refs = images.stream().map(ImageReference::parse).toList();
    SigningServices services = wiring.signingServices(rekor, newBundleFormat);
    if (newBundleFormat) {
      signBundles(refs, services);
      return;
    }
    if (bundle != null) {
      throw new InvalidInputException("--bundle is for --new-bundle-format: the legacy layout keeps its proofs in the .sig layer");
    }
    java.util.Set<SignRequest.Option> options = java.util.EnumSet.noneOf(SignRequest.Option.class);
    if (recursive) {
      options.add(SignRequest.Option.RECURSIVE);
    }
    if (upload) {
      options.add(SignRequest.Option.UPLOAD);
    }
    if (services.tlogUpload()) {
      options.add(SignRequest.Option.TLOG_UPLOAD);
    }
    if (wiring.env().isTrue(Env.COSIGN_DOCKER_MEDIA_TYPES)) {
      options.add(SignRequest.Option.DOCKER_MEDIA_TYPES);
    }
    SignRequest req = new SignRequest(refs, annotations.toMap(), options, Optional.ofNullable(outputSignature),
        Optional.ofNullable(outputPayload), referrers.forSigning(wiring.env()));
    ImageSigner signer = new ImageSigner(wiring.registry(registry), wiring.progress(),
        wiring.tlogUploader(services, yes, signingTrust.trustedRoot()), wiring.timestamper(services));
    if (key.isSet() && !oidc.issueCertificate()) {
      signer.sign(req, wiring.signers().signer(key.keyRef(), wiring.passwords()));
    } else {
      // keyless spec §1.1: no --key (or --issue-certificate) means a Fulcio certificate for the token's identity
      signer.signKeyless(req, wiring.keylessIdentity(key.optionalKeyRef(), oidc, services, yes),
          wiring.signingTrustedRoot(signingTrust.trustedRoot()));
    }
  }

  /** cosign v3's layout (cosign-spec §3.5-3.6): one DSSE bundle per image, attached as a referrer. */
  private void signBundles(List<ImageReference> refs, SigningServices services) {
    if (recursive || outputSignature != null || outputPayload != null) {
      throw new InvalidInputException("--recursive, --output-signature and --output-payload are for the legacy layout, "
          + "not --new-bundle-format");
    }
    java.util.Map<String, String> claims = annotations.toMap();
    BundleImageSigner.Job job = new BundleImageSigner.Job(refs, (repo, digest) -> BundleImageSigner.signStatement(digest, claims),
        BundleImageSigner.SIGN_V1, upload, services.tlogUpload(), Optional.ofNullable(bundle), SignatureStorage.layout(wiring.env()));
    BundleImageSigner signer = new BundleImageSigner(wiring.registry(registry), wiring.progress(),
        wiring.tlogUploader(services, yes, signingTrust.trustedRoot()), wiring.timestamper(services), java.time.Clock.systemUTC());
    if (key.isSet() && !oidc.issueCertificate()) {
      signer.run(job, wiring.signers().signer(key.keyRef(), wiring.passwords()));
    } else {
      signer.runKeyless(job, wiring.keylessIdentity(key.optionalKeyRef(), oidc, services, yes),
          wiring.signingTrustedRoot(signingTrust.trustedRoot()));
    }
  }
}
