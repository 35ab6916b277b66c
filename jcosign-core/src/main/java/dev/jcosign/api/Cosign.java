package dev.jcosign.api;

import dev.jcosign.core.attest.AttestRequest;
import dev.jcosign.core.attest.AttestationVerifier;
import dev.jcosign.core.attest.AttestationVerifyRequest;
import dev.jcosign.core.attest.PredicateTypes;
import dev.jcosign.core.attest.VerifiedAttestations;
import dev.jcosign.core.blob.BlobSigner;
import dev.jcosign.core.blob.BlobVerifier;
import dev.jcosign.core.blob.SignBlobRequest;
import dev.jcosign.core.blob.SignedBlob;
import dev.jcosign.core.blob.VerifyBlobRequest;
import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.io.SmallFiles;
import dev.jcosign.core.keys.DigestAlgorithm;
import dev.jcosign.core.oci.ImageReference;
import dev.jcosign.core.sign.ImageSigner;
import dev.jcosign.core.sign.SignRequest;
import dev.jcosign.core.signature.SignatureLayout;
import dev.jcosign.core.timestamp.Timestamper;
import dev.jcosign.core.verify.VerifiedImage;
import dev.jcosign.core.verify.VerifiedSignature;
import dev.jcosign.core.verify.VerifyRequest;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * jcosign from Java: sign, attest and verify images and blobs as {@code jcosign sign}, {@code attest},
 * {@code verify}, {@code verify-attestation}, {@code sign-blob} and {@code verify-blob} do, with the same
 * engine, storage layout ({@code .sig}/{@code .att} tags) and checks. Thread-safe; close it to stop its
 * HTTP clients.
 *
 * <pre>{@code
 * try (Cosign cosign = Cosign.builder()
 *     .key(Path.of("cosign.key"), System.getenv("COSIGN_PASSWORD").toCharArray())
 *     .build()) {
 *   SignedImage signed = cosign.signImage("registry.example/app@sha256:...");
 * }
 * try (Cosign cosign = Cosign.builder().key("cosign.pub").build()) {
 *   cosign.verifyImage("registry.example/app@sha256:...");   // throws unless a signature verifies
 * }
 * }</pre>
 *
 * <p>Failures are {@link dev.jcosign.core.error.CosignException}s with the command line's one-line
 * messages; {@link dev.jcosign.core.error.ExitStatus#of} gives the exit code the CLI would have used
 * (10-13 for the legacy verify families, else 1).
 *
 * @since 0.1.0
 */
public final class Cosign implements AutoCloseable {
  /** Cosign's and Sigstore's public-good services, the defaults of the command line (spec §1.3). */
  public static final String PUBLIC_REKOR = "https://rekor.sigstore.dev";
  public static final String PUBLIC_FULCIO = "https://fulcio.sigstore.dev";

  private final Settings settings;
  private final Engine engine;

  Cosign(Settings settings) {
    this.settings = settings;
    this.engine = new Engine(settings);
  }

  /** A builder with the command line's defaults: Rekor upload on, HTTPS registries, docker config credentials. */
  public static CosignBuilder builder() {
    return new CosignBuilder();
  }

  /** Signs an image (by digest, or a tag resolved once) and pushes its {@code .sig} signature, as {@code jcosign sign}. */
  public SignedImage signImage(String image) {
    return signImage(image, Map.of());
  }

  /** As {@link #signImage(String)} with {@code -a key=value} annotations in the signed payload. */
  public SignedImage signImage(String image, Map<String, String> annotations) {
    EnumSet<SignRequest.Option> options = EnumSet.of(SignRequest.Option.UPLOAD);
    if (settings.tlogUpload()) {
      options.add(SignRequest.Option.TLOG_UPLOAD);
    }
    SignRequest req = new SignRequest(List.of(ImageReference.parse(image)), annotations, options, Optional.empty(),
        Optional.empty(), SignatureLayout.standard());
    ImageSigner signer = new ImageSigner(engine.registry(), engine.progress(), engine.tlogUploader(), Timestamper.none());
    List<ImageReference> signed = engine.keyless()
        ? signer.signKeyless(req, engine.keylessIdentity(), engine.trust().trustedRoot())
        : signer.sign(req, engine.signer());
    return signedImage(signed.get(0));
  }

  /** Verifies the image's signatures as {@code jcosign verify}: throws unless at least one verifies. */
  public ImageVerification verifyImage(String image) {
    return verifyImage(image, Map.of());
  }

  /** As {@link #verifyImage(String)}, also requiring the {@code -a} annotations in the payload. */
  public ImageVerification verifyImage(String image, Map<String, String> annotations) {
    VerifyRequest req = new VerifyRequest(List.of(ImageReference.parse(image)), engine.publicKey(), engine.certificatePolicy(),
        annotations, true, engine.tlogPolicy(), DigestAlgorithm.SHA256, SignatureLayout.standard(), 1, settings.maxAttachmentBytes());
    VerifiedImage r = new dev.jcosign.core.verify.ImageVerifier(engine.registry()).verify(req).get(0);
    if (!r.ok()) {
      throw r.failure();
    }
    List<String> payloads = new ArrayList<>();
    for (VerifiedSignature sig : r.signatures()) {
      payloads.add(new String(sig.payloadBytes(), StandardCharsets.UTF_8));
    }
    return new ImageVerification(r.pinned().name(), payloads, r.tlogVerified());
  }

  /**
   * Attests an image with a predicate file, as {@code jcosign attest --predicate FILE --type TYPE}
   * ({@code slsaprovenance}, {@code cyclonedx}, {@code spdxjson}, ... or a predicate type URI).
   */
  public SignedImage attestImage(String image, Path predicate, String type) {
    PredicateTypes.uriFor(type); // a bad type fails before any registry traffic, as in the CLI
    byte[] bytes = SmallFiles.read(predicate, settings.maxAttachmentBytes(), "predicate " + predicate);
    java.util.Set<AttestRequest.Option> options = EnumSet.noneOf(AttestRequest.Option.class);
    if (settings.tlogUpload()) {
      options.add(AttestRequest.Option.TLOG_UPLOAD);
    }
    AttestRequest req = new AttestRequest(ImageReference.parse(image), type, ByteBuffer.wrap(bytes), options,
        SignatureLayout.standard(), settings.maxAttachmentBytes(), AttestRequest.EntryType.DSSE);
    dev.jcosign.core.attest.ImageAttester attester = new dev.jcosign.core.attest.ImageAttester(engine.registry(), engine.progress(),
        Clock.systemUTC(), engine.tlogUploader(), Timestamper.none());
    ImageReference pinned = engine.keyless()
        ? attester.attestKeyless(req, engine.keylessIdentity(), engine.trust().trustedRoot())
        : attester.attest(req, engine.signer());
    return signedImage(pinned);
  }

  /** Verifies the image's attestations of {@code type} as {@code jcosign verify-attestation --type TYPE}. */
  public ImageVerification verifyAttestation(String image, String type) {
    AttestationVerifyRequest req = new AttestationVerifyRequest(engine.publicKey(), engine.certificatePolicy(), type, true,
        engine.tlogPolicy(), DigestAlgorithm.SHA256, SignatureLayout.standard(), settings.maxAttachmentBytes());
    VerifiedAttestations v = new AttestationVerifier(engine.registry()).verify(ImageReference.parse(image), req);
    List<String> envelopes = new ArrayList<>();
    for (ByteBuffer e : v.envelopes()) {
      envelopes.add(StandardCharsets.UTF_8.decode(e.duplicate()).toString());
    }
    return new ImageVerification(v.pinned().name(), envelopes, v.tlogVerified());
  }

  /**
   * Signs a file as {@code jcosign sign-blob}; with {@code bundle} also writes a Sigstore bundle there
   * ({@code --bundle}, cosign v3's format).
   */
  public BlobSignature signBlob(Path file, Optional<Path> bundle) {
    java.util.Set<SignBlobRequest.Option> options = EnumSet.noneOf(SignBlobRequest.Option.class);
    if (settings.tlogUpload()) {
      options.add(SignBlobRequest.Option.TLOG_UPLOAD);
    }
    if (bundle.isPresent()) {
      options.add(SignBlobRequest.Option.SIGSTORE_BUNDLE);
    }
    SignBlobRequest req = new SignBlobRequest(VerifyBlobRequest.artifact(file.toString()), options, bundle, Optional.empty(),
        Optional.empty());
    BlobSigner signer = new BlobSigner(engine.progress(), InputStream.nullInputStream(), engine.tlogUploader(), Timestamper.none());
    SignedBlob signed = engine.keyless()
        ? signer.signKeyless(req, engine::keylessIdentity, () -> engine.trust().trustedRoot())
        : signer.sign(req, engine::signer);
    return new BlobSignature(signed.stdout().map(String::strip).orElse(""), bundle);
  }

  /** Verifies a file against a Sigstore bundle as {@code jcosign verify-blob --bundle FILE}; throws unless it verifies. */
  public void verifyBlob(Path file, Path bundle) {
    verifyBlob(file, VerifyBlobRequest.material(Optional.of(bundle), Optional.empty()));
  }

  /** Verifies a file against a base64 signature (or a file holding one), as {@code jcosign verify-blob --signature}. */
  public void verifyBlob(Path file, String signature) {
    verifyBlob(file, VerifyBlobRequest.material(Optional.empty(), Optional.of(signature)));
  }

  private void verifyBlob(Path file, dev.jcosign.core.blob.BlobMaterial material) {
    VerifyBlobRequest req = new VerifyBlobRequest(VerifyBlobRequest.artifact(file.toString()), engine.publicKey(),
        engine.certificatePolicy(), material, engine.tlogPolicy(), DigestAlgorithm.SHA256, List.of());
    new BlobVerifier(InputStream.nullInputStream()).verify(req);
  }

  private static SignedImage signedImage(ImageReference pinned) {
    if (pinned.digest() == null) {
      throw new InvalidInputException("internal: " + pinned.name() + " was not pinned to a digest");
    }
    return new SignedImage(pinned.repository().name() + "@" + pinned.digest(), pinned.digest().toString());
  }

  @Override
  public void close() {
    engine.close();
  }

  /** What a {@link CosignBuilder} collected; read by {@link Engine}. */
  record Settings(Optional<dev.jcosign.core.spi.KeyRef> key, Optional<char[]> password, Optional<String> identityToken,
      String fulcioUrl, String rekorUrl, boolean tlogUpload, boolean ignoreTlog, boolean offline, Optional<Path> trustedRoot,
      Optional<String> certificateIdentity, Optional<String> certificateIdentityRegexp, Optional<String> certificateOidcIssuer,
      Optional<String> certificateOidcIssuerRegexp, Optional<String> registryUsername, Optional<char[]> registryPassword,
      Optional<Path> dockerConfig, boolean allowHttpRegistry, boolean allowInsecureRegistry, java.time.Duration timeout,
      Map<String, String> environment, dev.jcosign.core.spi.Progress progress, long maxAttachmentBytes) {
    String userAgent() {
      String v = Cosign.class.getPackage().getImplementationVersion();
      return "jcosign/" + (v == null ? "devel" : v);
    }
  }
}
