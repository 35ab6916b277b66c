package dev.jcosign.cli.commands;

import dev.jcosign.cli.Wiring;
import dev.jcosign.cli.options.CertVerifyOptions;
import dev.jcosign.cli.options.KeyOptions;
import dev.jcosign.cli.options.TlogVerifyOptions;
import dev.jcosign.core.attest.PredicateTypes;
import dev.jcosign.core.blob.BlobMaterial;
import dev.jcosign.core.blob.BlobVerifier;
import dev.jcosign.core.blob.VerifyBlobRequest;
import dev.jcosign.core.keys.DigestAlgorithm;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code verify-blob-attestation}: a Sigstore bundle holding a DSSE in-toto statement about a file, checked
 * with a key or by identity, its subject the file's digest and, with {@code --type}, its predicate type
 * (spec §1.3, keyless spec §1.9). {@code Verified OK} on stderr.
 */
@Command(name = "verify-blob-attestation", description = "Checks a Sigstore bundle holding an attestation about a file",
    sortOptions = false)
public final class VerifyBlobAttestationCommand implements Runnable {
  private final Wiring wiring;

  @Mixin KeyOptions key;

  @Option(names = "--bundle", paramLabel = "FILE", required = true, description = "the Sigstore bundle to verify")
  Path bundle;

  @Option(names = "--type", paramLabel = "TYPE", description = "the predicate type the statement must have (a name or URI)")
  String type;

  @Mixin CertVerifyOptions certs;
  @Mixin TlogVerifyOptions tlog;

  @Parameters(arity = "1", paramLabel = "FILE", description = "the file, or sha256:<hex>, the statement must be about")
  String file;

  VerifyBlobAttestationCommand(Wiring wiring) {
    this.wiring = wiring;
  }

  @Override
  public void run() {
    Optional<String> predicateType = Optional.ofNullable(type).filter(t -> !t.isEmpty()).map(PredicateTypes::uriFor);
    VerifyBlobRequest req = new VerifyBlobRequest(VerifyBlobRequest.artifact(file),
        key.isSet() ? Optional.of(wiring.signers().publicKey(key.keyRef())) : Optional.empty(),
        key.isSet() ? Optional.empty() : Optional.of(certs.policy()),
        VerifyBlobRequest.material(Optional.of(bundle), Optional.empty()), wiring.tlogPolicy(tlog), DigestAlgorithm.SHA256,
        List.of(), Optional.of(predicateType));
    if (!(req.material() instanceof BlobMaterial.Bundle)) {
      throw new dev.jcosign.core.error.InvalidInputException("--bundle " + bundle + " is not a Sigstore bundle");
    }
    if (tlog.ignoreTlog()) {
      wiring.progress().warn("Skipping tlog verification is an insecure practice that lacks transparency and auditability verification for the signature.");
    }
    new BlobVerifier(wiring.console().stdin()).verify(req);
    wiring.progress().info("Verified OK");
  }
}
