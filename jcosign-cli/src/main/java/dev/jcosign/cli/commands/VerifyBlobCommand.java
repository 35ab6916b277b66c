package dev.jcosign.cli.commands;

import dev.jcosign.cli.Wiring;
import dev.jcosign.cli.options.CertVerifyOptions;
import dev.jcosign.cli.options.KeyOptions;
import dev.jcosign.cli.options.TlogVerifyOptions;
import dev.jcosign.core.blob.Artifact;
import dev.jcosign.core.blob.BlobMaterial;
import dev.jcosign.core.blob.BlobVerifier;
import dev.jcosign.core.blob.VerifyBlobRequest;
import dev.jcosign.core.keyless.CertificatePolicy;
import dev.jcosign.core.keys.DigestAlgorithm;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code verify-blob}: check a blob's detached signature, legacy bundle or Sigstore bundle against a
 * public key (spec §4.7). Prints {@code Verified OK} on stderr and nothing on stdout.
 */
@Command(name = "verify-blob", description = "Checks a file's signature or bundle with a public key, or a keyless bundle against an identity", sortOptions = false)
public final class VerifyBlobCommand implements Runnable {
  private final Wiring wiring;

  @Mixin KeyOptions key;

  @Option(names = "--signature", paramLabel = "SIG", description = "signature file or literal, base64 or raw")
  String signature;

  @Option(names = "--bundle", paramLabel = "FILE", description = "cosign bundle or Sigstore bundle (detected by content)")
  Path bundle;

  @Mixin CertVerifyOptions certs;

  @Mixin TlogVerifyOptions tlog;

  @Option(names = "--rfc3161-timestamp", paramLabel = "FILE",
      description = "RFC 3161 timestamp written by sign-blob --rfc3161-timestamp, checked against the trusted root's TSAs")
  Path rfc3161Timestamp;

  @Option(names = "--signature-digest-algorithm", defaultValue = "sha256", paramLabel = "ALG",
      description = "digest algorithm of detached and legacy signatures: sha224, sha256, sha384, sha512 (default: ${DEFAULT-VALUE})")
  String digestAlgorithm;

  @Option(names = "--new-bundle-format", arity = "0..1", fallbackValue = "true", defaultValue = "false", hidden = true,
      description = "accepted for cosign compatibility; the bundle format is detected from the file")
  boolean newBundleFormat;

  @Parameters(arity = "1", paramLabel = "FILE", description = "the blob, - for standard input, or sha256:<hex> with a Sigstore bundle")
  String file;

  VerifyBlobCommand(Wiring wiring) {
    this.wiring = wiring;
  }

  @Override
  public void run() {
    if (key.isSet() && certs.hasCertificate()) {
      throw new dev.jcosign.core.error.InvalidInputException("give either --key or --certificate, not both");
    }
    Artifact artifact = VerifyBlobRequest.artifact(file);
    DigestAlgorithm legacyDigest = DigestAlgorithm.parse(digestAlgorithm);
    BlobMaterial material = VerifyBlobRequest.material(Optional.ofNullable(bundle), Optional.ofNullable(signature));
    // with --key the signature is key-based; without it, keyless with an identity policy (keyless spec §1.7)
    Optional<CertificatePolicy> keyless = key.isSet() ? Optional.empty() : Optional.of(certs.policy());
    VerifyBlobRequest req = new VerifyBlobRequest(artifact,
        key.isSet() ? Optional.of(wiring.signers().publicKey(key.keyRef())) : Optional.empty(), keyless, material,
        wiring.tlogPolicy(tlog), legacyDigest,
        Optional.ofNullable(rfc3161Timestamp).map(VerifyBlobRequest::timestampFile).stream().toList());
    if (tlog.ignoreTlog()) {
      wiring.progress().warn("Skipping tlog verification is an insecure practice that lacks transparency and auditability verification for the signature.");
    }
    new BlobVerifier(wiring.console().stdin()).verify(req);
    wiring.progress().info("Verified OK");
  }
}
