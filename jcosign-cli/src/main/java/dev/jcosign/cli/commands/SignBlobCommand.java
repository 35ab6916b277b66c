package dev.jcosign.cli.commands;

import dev.jcosign.cli.Wiring;
import dev.jcosign.cli.options.KeyOptions;
import dev.jcosign.cli.options.OidcOptions;
import dev.jcosign.cli.options.SigningTrustOptions;
import dev.jcosign.cli.options.RekorOptions;
import dev.jcosign.core.blob.BlobSigner;
import dev.jcosign.core.blob.SignBlobRequest;
import dev.jcosign.core.blob.SignedBlob;
import dev.jcosign.core.blob.VerifyBlobRequest;
import dev.jcosign.core.signingconfig.SigningServices;
import dev.jcosign.core.spi.KeyRef;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sign-blob}: sign a file or standard input with a key (spec §1.3, §7). Legacy outputs by
 * default, as cosign v2: cosign v3's defaults, the Sigstore bundle and the TUF signing config (spec §8),
 * are asked for with {@code --new-bundle-format} and {@code --use-signing-config} / {@code --signing-config}.
 */
@Command(name = "sign-blob", description = "Signs a file (or stdin) with a key, or keyless with an OIDC identity; prints the base64 signature or writes a bundle", sortOptions = false)
public final class SignBlobCommand implements Runnable {
  private final Wiring wiring;

  @Mixin KeyOptions key;

  @Option(names = "--bundle", paramLabel = "FILE", description = "write everything required to verify the blob to FILE")
  Path bundle;

  @Option(names = "--new-bundle-format", arity = "0..1", fallbackValue = "true",
      description = "write a Sigstore bundle (v0.3) to --bundle instead of the legacy outputs (default: false with --key, "
          + "true keyless)")
  Boolean newBundleFormat;

  @Mixin OidcOptions oidc;

  @Option(names = {"--output-certificate", "--output-cert"}, paramLabel = "FILE",
      description = "keyless, legacy outputs: write the signing certificate to FILE (base64 of the PEM unless --b64=false)")
  Path outputCertificate;

  @Mixin SigningTrustOptions signingTrust;

  @Option(names = {"--output-signature", "--output"}, paramLabel = "FILE", description = "write the signature to FILE")
  Path outputSignature;

  @Option(names = "--b64", arity = "0..1", fallbackValue = "true", defaultValue = "true",
      description = "whether to base64 encode the output signature (default: ${DEFAULT-VALUE})")
  boolean b64;

  @Mixin RekorOptions rekor;

  @Option(names = "--rfc3161-timestamp", paramLabel = "FILE",
      description = "with --timestamp-server-url and the legacy outputs: write the RFC 3161 timestamp to FILE")
  Path rfc3161Timestamp;

  @Option(names = {"-y", "--yes"}, description = "answer yes to confirmation prompts (never to destructive ones)")
  boolean yes;

  @Parameters(arity = "1", paramLabel = "FILE", description = "the blob to sign, or - for standard input")
  String file;

  SignBlobCommand(Wiring wiring) {
    this.wiring = wiring;
  }

  @Override
  public void run() {
    // keyless spec §1.1: no --key means an ephemeral key and a Fulcio certificate; --issue-certificate certifies the key
    boolean keyless = !key.isSet() || oidc.issueCertificate();
    boolean bundleFormat = newBundleFormat != null ? newBundleFormat : keyless;
    SigningServices services = wiring.signingServices(rekor, bundleFormat);
    java.util.Set<SignBlobRequest.Option> options = java.util.EnumSet.noneOf(SignBlobRequest.Option.class);
    if (services.tlogUpload()) {
      options.add(SignBlobRequest.Option.TLOG_UPLOAD);
    }
    if (bundleFormat) {
      options.add(SignBlobRequest.Option.SIGSTORE_BUNDLE);
    }
    if (b64) {
      options.add(SignBlobRequest.Option.BASE64);
    }
    SignBlobRequest req = new SignBlobRequest(VerifyBlobRequest.artifact(file), options, Optional.ofNullable(bundle),
        Optional.ofNullable(outputSignature), Optional.ofNullable(rfc3161Timestamp));
    BlobSigner signer = new BlobSigner(wiring.progress(), wiring.console().stdin(), wiring.tlogUploader(services, yes, signingTrust.trustedRoot()),
        wiring.timestamper(services));
    SignedBlob result;
    if (keyless) {
      result = signer.signKeyless(req,
          () -> wiring.keylessIdentity(key.optionalKeyRef(), oidc, services, yes),
          () -> wiring.signingTrustedRoot(signingTrust.trustedRoot()), Optional.ofNullable(outputCertificate));
    } else {
      if (outputCertificate != null) {
        throw new dev.jcosign.core.error.InvalidInputException("--output-certificate is for keyless signing: a key has no certificate");
      }
      KeyRef keyRef = key.keyRef();
      result = signer.sign(req, () -> wiring.signers().signer(keyRef, wiring.passwords()));
    }
    result.stdout().ifPresent(wiring.console()::out);
  }
}
