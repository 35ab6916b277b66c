package dev.jcosign.core.blob;

import dev.jcosign.core.bundle.BundleJson;
import dev.jcosign.core.bundle.LegacyBlobBundle;
import dev.jcosign.core.bundle.SigstoreBundle.MessageSignature;
import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.keys.DigestAlgorithm;
import dev.jcosign.core.keys.KeyFiles;
import dev.jcosign.core.keys.PublicKeys;
import dev.jcosign.core.spi.Progress;
import dev.jcosign.core.spi.Signer;
import dev.jcosign.core.timestamp.TimestampAnnotation;
import dev.jcosign.core.timestamp.Timestamper;
import dev.jcosign.core.rekor.LoggedEntry;
import dev.jcosign.core.tlog.ProposedEntries;
import dev.jcosign.core.tlog.RekorEntries;
import dev.jcosign.core.tlog.TlogUploader;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;
import com.fasterxml.jackson.databind.JsonNode;
import dev.jcosign.core.keyless.FulcioCertificate;
import dev.jcosign.core.keyless.KeylessChecks;
import dev.jcosign.core.keyless.KeylessIdentity;
import dev.jcosign.core.keys.PemBlock;
import dev.jcosign.core.tlog.TrustedRoot;
import java.util.List;

/**
 * The {@code sign-blob} use case with a key (spec §7). The blob is hashed while streamed and only the
 * digest is signed ({@link Signer#signDigest}), so size does not matter; Ed25519 keys sign the whole
 * blob with pure Ed25519 (spec §2.3), which needs it in memory. Outputs: legacy base64 signature
 * (stdout or {@code --output-signature}), legacy bundle JSON, or the Sigstore v0.3 bundle.
 */
public final class BlobSigner {
  private final Progress progress;
  private final BlobReader reader;
  private final TlogUploader tlog;
  private final Timestamper timestamper;

  /** A signer with no transparency log: {@code tlogUpload} requests are refused. */
  public BlobSigner(Progress progress, InputStream stdin) {
    this(progress, stdin, TlogUploader.unavailable());
  }

  public BlobSigner(Progress progress, InputStream stdin, TlogUploader tlog) {
    this(progress, stdin, tlog, Timestamper.none());
  }

  /** With a TSA ({@code --timestamp-server-url} or the signing config's): the timestamp lands in the v0.3 bundle, or in the {@code --rfc3161-timestamp} file (spec §6.4). */
  public BlobSigner(Progress progress, InputStream stdin, TlogUploader tlog, Timestamper timestamper) {
    this.progress = progress;
    this.reader = new BlobReader(stdin);
    this.tlog = tlog;
    this.timestamper = timestamper;
  }

  /** Signs the blob; {@code signer} is only obtained (password asked, KMS contacted) once the request is acceptable. */
  public SignedBlob sign(SignBlobRequest req, Supplier<Signer> signers) {
    return sign(req, signers, null, null);
  }

  /**
   * Keyless {@code sign-blob} (keyless spec §1.1, §1.4): the ephemeral key and its Fulcio certificate
   * come from {@code identity}; the bundle carries the certificate, the log entry names it, and the
   * bundle is verified against {@code root} (chain at the logged or stamped time, no identity, no SCT)
   * before anything is written.
   */
  public SignedBlob signKeyless(SignBlobRequest req, Supplier<KeylessIdentity> identity, Supplier<TrustedRoot> root) {
    return signKeyless(req, identity, root, Optional.empty());
  }

  /**
   * As above; with the legacy outputs ({@code --new-bundle-format=false}, cosign v2's keyless blob
   * signing) the certificate goes into the legacy bundle's {@code cert} and, with {@code --output-certificate},
   * into its own file: base64 of the PEM unless {@code --b64=false} (spec §7).
   */
  public SignedBlob signKeyless(SignBlobRequest req, Supplier<KeylessIdentity> identity, Supplier<TrustedRoot> root,
      Optional<Path> outputCertificate) {
    if (outputCertificate.isPresent() && req.newBundleFormat()) {
      throw new InvalidInputException("--output-certificate is for the legacy outputs; the Sigstore bundle holds the certificate");
    }
    KeylessIdentity[] got = new KeylessIdentity[1];
    SignedBlob out = sign(req, () -> {
      got[0] = identity.get();
      return got[0].signer();
    }, got, root);
    outputCertificate.ifPresent(p -> {
      byte[] pem = new PemBlock("CERTIFICATE", got[0].certificate().der()).encode();
      write(p, req.base64() ? Base64.getEncoder().encode(pem) : pem);
      progress.info("Wrote certificate to file " + p);
    });
    return out;
  }

  private SignedBlob sign(SignBlobRequest req, Supplier<Signer> signers, KeylessIdentity[] keyless, Supplier<TrustedRoot> root) {
    if (!req.base64() && req.outputSignature().isEmpty() && !req.newBundleFormat()) {
      throw new InvalidInputException("--b64=false needs --output-signature: raw signature bytes are not printed");
    }
    if (timestamper.enabled() && !req.newBundleFormat() && req.rfc3161Timestamp().isEmpty()) {
      // the legacy outputs have no room for it: cosign v2 writes it to its own file (spec §6.4)
      throw new InvalidInputException("a timestamp authority (--timestamp-server-url, or tsaUrls of the signing config) with the "
          + "legacy outputs needs --rfc3161-timestamp FILE (or --new-bundle-format --bundle FILE)");
    }
    if (req.rfc3161Timestamp().isPresent() && !timestamper.enabled()) {
      throw new InvalidInputException("--rfc3161-timestamp needs a timestamp authority to get the timestamp from: "
          + "--timestamp-server-url, or tsaUrls in the signing config");
    }
    Signer signer = signers.get();
    Optional<FulcioCertificate> cert = keyless == null ? Optional.empty() : Optional.of(keyless[0].certificate());
    // the log names the key, or for keyless the certificate, as PEM (keyless spec §1.1 step 5d)
    byte[] verifierPem = cert.map(c -> new PemBlock("CERTIFICATE", c.der()).encode()).orElseGet(() -> PublicKeys.toPem(signer.publicKey()));
    progress.info("Using payload from: " + req.artifact().name());
    MessageSignature signed = signArtifact(req.artifact(), signer, req.tlogUpload());
    byte[] sig = signed.signature();
    String b64 = Base64.getEncoder().encodeToString(sig);
    // spec §6.4, §6.3: timestamped and logged BEFORE any output is written, so a failure leaves nothing behind
    Optional<byte[]> timestamp = timestamper.timestamp(sig);
    Optional<LoggedEntry> logged = req.tlogUpload()
        ? Optional.of(tlog.upload(tlog.v2()
            ? ProposedEntries.hashedRekordV2(signed.digest(), sig, cert.map(c -> dev.jcosign.core.tlog.ExpectedContent.Verifier
                .certificate(c.der())).orElseGet(() -> dev.jcosign.core.tlog.ExpectedContent.Verifier.publicKey(
                    signer.publicKey().getEncoded())), signer.publicKey())
            : ProposedEntries.hashedRekord(signed.algorithm(), signed.digest(), sig, verifierPem)))
        : Optional.empty();
    if (cert.isPresent()) {
      KeylessChecks.selfCheck(cert.get(), root.get(), logged.map(e -> e.entry().integratedTime()), timestamp, sig);
    }
    if (req.newBundleFormat()) {
      Path bundle = req.bundle().orElseThrow();
      List<JsonNode> entries = logged.map(RekorEntries::bundleTlogEntry).stream().<JsonNode>map(e -> e).toList();
      write(bundle, cert.isPresent()
          ? BundleJson.writeCertificateMessageSignature(cert.get().der(), signed, entries, timestamp.stream().toList())
          : BundleJson.writeKeyMessageSignature(signer.publicKey(), signed, entries, timestamp.stream().toList()));
      progress.info("Wrote bundle to file " + bundle);
    } else {
      req.bundle().ifPresent(bundle -> {
        // spec §7: cert = base64 of the PEM certificate keyless, of the PEM public key for key signing
        String pemB64 = Base64.getEncoder().encodeToString(verifierPem);
        write(bundle, new LegacyBlobBundle(b64, Optional.of(pemB64),
            logged.<com.fasterxml.jackson.databind.JsonNode>map(e -> RekorEntries.legacyBundle(e.entry()))).toJson());
        progress.info("Wrote bundle to file " + bundle);
      });
    }
    if (req.rfc3161Timestamp().isPresent()) {
      Path out = req.rfc3161Timestamp().get();
      write(out, TimestampAnnotation.write(timestamp.orElseThrow()).getBytes(StandardCharsets.UTF_8));
      progress.info("RFC3161 timestamp written to file " + out);
    }
    if (req.outputSignature().isPresent()) {
      Path out = req.outputSignature().get();
      write(out, req.base64() ? b64.getBytes(StandardCharsets.US_ASCII) : sig);
      progress.info("Wrote signature to file " + out);
      return new SignedBlob(Optional.empty());
    }
    return new SignedBlob(req.newBundleFormat() ? Optional.empty() : Optional.of(b64 + "\n"));
  }

  /**
   * The signature and the digest it covers (SHA-512 of the blob for Ed25519, as sigstore-go records
   * it). Ed25519 blobs bound for the log are signed with Ed25519ph ({@link Signer#sign}), whose
   * SHA-512 prehash is what the hashedrekord entry records (spec §2.3, §6.3).
   */
  private MessageSignature signArtifact(Artifact artifact, Signer signer, boolean logged) {
    Optional<DigestAlgorithm> hash = signer.signingDigest();
    if (hash.isPresent()) {
      byte[] digest = reader.digest(artifact, hash.get());
      return new MessageSignature(hash.get(), digest, signer.signDigest(digest, hash.get()));
    }
    byte[] blob = reader.readAll(artifact);
    return new MessageSignature(DigestAlgorithm.SHA512, BlobReader.digest(blob, DigestAlgorithm.SHA512),
        logged ? signer.sign(blob) : signer.signBlob(blob));
  }

  private static void write(Path p, byte[] content) {
    // 0600 like cosign's os.WriteFile(..., 0600); one-line errors for directories and missing parents
    KeyFiles.write(p, content, KeyFiles.OWNER_ONLY);
  }
}
