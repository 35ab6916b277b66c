package dev.jcosign.cli.commands;

import dev.jcosign.cli.Wiring;
import dev.jcosign.cli.options.KeyOptions;
import dev.jcosign.cli.options.OidcOptions;
import dev.jcosign.cli.options.SigningTrustOptions;
import dev.jcosign.cli.options.PredicateOptions;
import dev.jcosign.cli.options.RekorOptions;
import dev.jcosign.core.blob.Artifact;
import dev.jcosign.core.attest.AttestBlobRequest;
import dev.jcosign.core.attest.BlobAttester;
import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.io.SmallFiles;
import dev.jcosign.core.signingconfig.SigningServices;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code attest-blob}: an in-toto statement about a file, signed as DSSE with a key or keyless, written as
 * a Sigstore bundle (spec §1.3 attest-blob row, keyless spec §1.4).
 */
@Command(name = "attest-blob", description = "Signs an in-toto statement about a file and writes it as a Sigstore bundle",
    sortOptions = false)
public final class AttestBlobCommand implements Runnable {
  private final Wiring wiring;

  @Mixin KeyOptions key;

  @Option(names = "--predicate", paramLabel = "FILE", description = "the predicate file, or - for standard input")
  String predicate;

  @Option(names = "--type", defaultValue = "custom", paramLabel = "TYPE",
      description = "predicate type: slsaprovenance|slsaprovenance02|slsaprovenance1|link|spdx|spdxjson|cyclonedx|vuln|openvex|custom, or a URI (default: ${DEFAULT-VALUE})")
  String type;

  @Option(names = "--statement", paramLabel = "FILE", description = "a ready in-toto statement to sign instead of --predicate")
  Path statement;

  @Option(names = "--hash", paramLabel = "HEX", description = "the file's SHA-256 in hex, so the file itself need not be read")
  String hash;

  @Option(names = "--bundle", paramLabel = "FILE", required = true, description = "where the Sigstore bundle goes")
  Path bundle;

  @Option(names = "--new-bundle-format", arity = "0..1", fallbackValue = "true", defaultValue = "true", hidden = true,
      description = "accepted for cosign compatibility; attest-blob writes Sigstore bundles only")
  boolean newBundleFormat;

  @Mixin RekorOptions rekor;
  @Mixin OidcOptions oidc;

  @Mixin SigningTrustOptions signingTrust;

  @Option(names = {"-y", "--yes"}, description = "answer yes to confirmation prompts")
  boolean yes;

  @Parameters(arity = "1", paramLabel = "FILE", description = "the file the statement is about")
  String file;

  AttestBlobCommand(Wiring wiring) {
    this.wiring = wiring;
  }

  @Override
  public void run() {
    if (!newBundleFormat) {
      throw new InvalidInputException("attest-blob --new-bundle-format=false (cosign v2's --output-attestation) is not supported");
    }
    Artifact artifact = hash != null ? Artifact.parse("sha256:" + hash) : Artifact.parse(file);
    long max = dev.jcosign.cli.options.RegistryOptions.maxAttachmentSize(wiring.env());
    Optional<byte[]> st = Optional.ofNullable(statement).map(s -> SmallFiles.read(s, max, "--statement " + s));
    Optional<byte[]> pred = Optional.ofNullable(predicate).map(p -> new PredicateOptions().readPath(p, wiring.console(), max));
    SigningServices services = wiring.signingServices(rekor, true);
    AttestBlobRequest req = new AttestBlobRequest(artifact, Path.of(file).getFileName().toString(), st, pred, type, bundle,
        services.tlogUpload());
    BlobAttester attester = new BlobAttester(wiring.progress(), wiring.console().stdin(),
        wiring.tlogUploader(services, yes, signingTrust.trustedRoot()), wiring.timestamper(services), Clock.systemUTC());
    if (key.isSet() && !oidc.issueCertificate()) {
      attester.attest(req, () -> wiring.signers().signer(key.keyRef(), wiring.passwords()));
    } else {
      attester.attestKeyless(req, () -> wiring.keylessIdentity(key.optionalKeyRef(), oidc, services, yes),
          () -> wiring.signingTrustedRoot(signingTrust.trustedRoot()));
    }
  }
}
