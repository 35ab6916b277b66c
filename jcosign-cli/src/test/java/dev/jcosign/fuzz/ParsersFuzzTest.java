package dev.jcosign.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.jcosign.core.attest.DsseEnvelope;
import dev.jcosign.core.attest.InTotoStatement;
import dev.jcosign.core.bundle.BundleJson;
import dev.jcosign.core.error.CosignException;
import dev.jcosign.core.keyless.FulcioCertificate;
import dev.jcosign.core.keyless.IdentityToken;
import dev.jcosign.core.keys.CosignEncryptedPrivateKey;
import dev.jcosign.core.keys.ImportableKeys;
import dev.jcosign.core.keys.PemBlock;
import dev.jcosign.core.keys.PublicKeys;
import dev.jcosign.core.oci.Digest;
import dev.jcosign.core.oci.ImageManifest;
import dev.jcosign.core.oci.ImageReference;
import dev.jcosign.core.oci.MediaTypes;
import dev.jcosign.core.oci.RawManifest;
import dev.jcosign.core.payload.SimpleSigningPayload;
import dev.jcosign.core.signature.SignatureImage;
import dev.jcosign.core.signingconfig.SigningConfig;
import dev.jcosign.core.timestamp.TimestampAnnotation;
import dev.jcosign.core.tlog.Checkpoint;
import dev.jcosign.core.tlog.RekorEntries;
import dev.jcosign.core.tlog.TrustedRoot;
import java.nio.charset.StandardCharsets;

/**
 * Every parser that takes outside bytes (issue 11), fed whatever the fuzzer makes: only the project's
 * typed errors ({@link CosignException} and its subtypes, which the CLI turns into one line) may
 * escape; anything else (a NullPointerException, a ClassCastException, an out-of-memory error, a
 * hang) is a finding. In the normal suite each target runs its regression inputs from
 * {@code src/test/resources/dev/jcosign/fuzz/ParsersFuzzTestInputs/<target>/}; {@code scripts/fuzz} fuzzes them.
 */
class ParsersFuzzTest {
  static final String DURATION = "2m";

  /** Runs {@code parse}; a typed error is an accepted outcome. */
  static void typedOnly(Runnable parse) {
    try {
      parse.run();
    } catch (CosignException e) {
      if (e.getMessage() == null || e.getMessage().isBlank()) {
        throw new AssertionError("a typed error without a message", e);
      }
    }
  }

  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  @FuzzTest(maxDuration = DURATION)
  void encryptedCosignKey(byte[] in) {
    typedOnly(() -> CosignEncryptedPrivateKey.decrypt(in, "pw".toCharArray()));
  }

  @FuzzTest(maxDuration = DURATION)
  void pemAndDerKeys(FuzzedDataProvider d) {
    byte[] in = d.consumeRemainingAsBytes();
    typedOnly(() -> PemBlock.decode(in));
    typedOnly(() -> PublicKeys.fromPem(in));
    typedOnly(() -> PublicKeys.fromDer(in));
    typedOnly(() -> ImportableKeys.parse(in));
  }

  @FuzzTest(maxDuration = DURATION)
  void imageReferencesAndDigests(String s) {
    typedOnly(() -> ImageReference.parse(s));
    typedOnly(() -> Digest.parse(s));
  }

  @FuzzTest(maxDuration = DURATION)
  void manifestsAndIndexes(byte[] in) {
    RawManifest raw = RawManifest.of(in, MediaTypes.OCI_MANIFEST);
    typedOnly(() -> ImageManifest.parse(raw, "fuzz"));
    typedOnly(() -> SignatureImage.parse(raw, "fuzz"));
    typedOnly(() -> ImageManifest.indexChildren(RawManifest.of(in, MediaTypes.OCI_INDEX), "fuzz"));
  }

  @FuzzTest(maxDuration = DURATION)
  void simpleSigningPayloads(byte[] in) {
    typedOnly(() -> SimpleSigningPayload.parse(in));
  }

  @FuzzTest(maxDuration = DURATION)
  void dsseEnvelopesAndStatements(byte[] in) {
    typedOnly(() -> DsseEnvelope.parse(in));
    typedOnly(() -> InTotoStatement.parse(in));
  }

  @FuzzTest(maxDuration = DURATION)
  void sigstoreBundles(byte[] in) {
    typedOnly(() -> BundleJson.parse(in, "fuzz"));
  }

  @FuzzTest(maxDuration = DURATION)
  void rekorResponsesAndCheckpoints(byte[] in) {
    typedOnly(() -> RekorEntries.parse(in));
    typedOnly(() -> RekorEntries.parseList(in));
    typedOnly(() -> Checkpoint.parse(utf8(in)));
  }

  @FuzzTest(maxDuration = DURATION)
  void trustedRootsAndSigningConfigs(byte[] in) {
    typedOnly(() -> TrustedRoot.parse(in));
    typedOnly(() -> SigningConfig.parse(in, "fuzz"));
  }

  @FuzzTest(maxDuration = DURATION)
  void certificatesAndTokens(byte[] in) {
    typedOnly(() -> FulcioCertificate.parse(in, "fuzz"));
    typedOnly(() -> FulcioCertificate.parsePemChain(in, "fuzz"));
    typedOnly(() -> IdentityToken.parse(utf8(in), "fuzz"));
  }

  @FuzzTest(maxDuration = DURATION)
  void timestampAnnotations(byte[] in) {
    typedOnly(() -> TimestampAnnotation.read(utf8(in)));
  }
}
