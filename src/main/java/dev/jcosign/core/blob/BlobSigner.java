package dev.jcosign.core.blob;

import dev.jcosign.core.bundle.BundleJson;
import dev.jcosign.core.bundle.LegacyBlobBundle;
import dev.jcosign.core.bundle.SigstoreBundle.MessageSignature;
import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.error.TransparencyLogException;
import dev.jcosign.core.keys.DigestAlgorithm;
import dev.jcosign.core.keys.KeyFiles;
import dev.jcosign.core.keys.PublicKeys;
import dev.jcosign.core.spi.Progress;
import dev.jcosign.core.spi.Signer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The {@code sign-blob} use case with a key (spec §7). The blob is hashed while streamed and only the
 * digest is signed ({@link Signer#signDigest}), so size does not matter; Ed25519 keys sign the whole
 * blob with pure Ed25519 (spec §2.3), which needs it in memory. Outputs: legacy base64 signature
 * (stdout or {@code --output-signature}), legacy bundle JSON, or the Sigstore v0.3 bundle.
 */
public final class BlobSigner {
  private final Progress progress;
  private final BlobReader reader;

  public BlobSigner(Progress progress, InputStream stdin) {
    this.progress = progress;
    this.reader = new BlobReader(stdin);
  }

  /** Signs the blob; {@code signer} is only obtained (password asked, KMS contacted) once the request is acceptable. */
  public SignedBlob sign(SignBlobRequest req, Supplier<Signer> signers) {
    if (req.tlogUpload()) {
      // No silent downgrade: the transparency log arrives with a later issue (spec §6.3); nothing is written.
      throw new TransparencyLogException(
          "uploading to the transparency log is not supported yet; pass --tlog-upload=false to sign without it");
    }
    if (!req.base64() && req.outputSignature().isEmpty() && !req.newBundleFormat()) {
      throw new InvalidInputException("--b64=false needs --output-signature: raw signature bytes are not printed");
    }
    Signer signer = signers.get();
    progress.info("Using payload from: " + req.artifact().name());
    MessageSignature signed = signArtifact(req.artifact(), signer);
    byte[] sig = signed.signature();
    String b64 = Base64.getEncoder().encodeToString(sig);
    if (req.newBundleFormat()) {
      Path bundle = req.bundle().orElseThrow();
      write(bundle, BundleJson.writeKeyMessageSignature(signer.publicKey(), signed));
      progress.info("Wrote bundle to file " + bundle);
    } else {
      req.bundle().ifPresent(bundle -> {
        // spec §7: cert = base64 of the PEM public key for key signing
        String cert = Base64.getEncoder().encodeToString(PublicKeys.toPem(signer.publicKey()));
        write(bundle, new LegacyBlobBundle(b64, Optional.of(cert), Optional.empty()).toJson());
        progress.info("Wrote bundle to file " + bundle);
      });
    }
    if (req.outputSignature().isPresent()) {
      Path out = req.outputSignature().get();
      write(out, req.base64() ? b64.getBytes(StandardCharsets.US_ASCII) : sig);
      progress.info("Wrote signature to file " + out);
      return new SignedBlob(Optional.empty());
    }
    return new SignedBlob(req.newBundleFormat() ? Optional.empty() : Optional.of(b64 + "\n"));
  }

  /** The signature and the digest it covers (SHA-512 of the blob for Ed25519, as sigstore-go records it). */
  private MessageSignature signArtifact(Artifact artifact, Signer signer) {
    Optional<DigestAlgorithm> hash = signer.signingDigest();
    if (hash.isPresent()) {
      byte[] digest = reader.digest(artifact, hash.get());
      return new MessageSignature(hash.get(), digest, signer.signDigest(digest, hash.get()));
    }
    byte[] blob = reader.readAll(artifact);
    return new MessageSignature(DigestAlgorithm.SHA512, BlobReader.digest(blob, DigestAlgorithm.SHA512), signer.signBlob(blob));
  }

  private static void write(Path p, byte[] content) {
    // 0600 like cosign's os.WriteFile(..., 0600); one-line errors for directories and missing parents
    KeyFiles.write(p, content, KeyFiles.OWNER_ONLY);
  }
}
