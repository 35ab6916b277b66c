package dev.jcosign.core.attest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcosign.core.bundle.BundleJson;
import dev.jcosign.core.keyless.KeylessChecks;
import dev.jcosign.core.keyless.KeylessIdentity;
import dev.jcosign.core.keys.DigestAlgorithm;
import dev.jcosign.core.keys.PemBlock;
import dev.jcosign.core.keys.PublicKeys;
import dev.jcosign.core.rekor.LoggedEntry;
import dev.jcosign.core.rekor.ProposedEntry;
import dev.jcosign.core.spi.Signer;
import dev.jcosign.core.timestamp.Timestamper;
import dev.jcosign.core.tlog.EntryBodies;
import dev.jcosign.core.tlog.ExpectedContent;
import dev.jcosign.core.tlog.ProposedEntries;
import dev.jcosign.core.tlog.RekorEntries;
import dev.jcosign.core.tlog.TlogUploader;
import dev.jcosign.core.tlog.TrustedRoot;
import java.util.List;
import java.util.Optional;

/**
 * The one way a DSSE Sigstore bundle v0.3 is made ({@code attest-blob}, {@code sign}/{@code attest
 * --new-bundle-format}; keyless spec §1.1 step 5, §1.4): the statement signed over its PAE, timestamped, logged
 * ({@code dsse} v0.0.1, or Rekor v2's {@code hashedrekord} over SHA-256 of the PAE), checked against the
 * trusted root when keyless, then written. Nothing leaves this class before every step has passed.
 */
public final class DsseBundles {
  private final TlogUploader tlog;
  private final Timestamper timestamper;

  public DsseBundles(TlogUploader tlog, Timestamper timestamper) {
    this.tlog = tlog;
    this.timestamper = timestamper;
  }

  /**
   * The bundle's bytes.
   *
   * @param keyless the Fulcio identity, or null for a key (then the bundle names the key's hint)
   * @param root the trusted root a keyless bundle is checked against (unused with a key)
   */
  public byte[] make(byte[] statement, Signer signer, KeylessIdentity keyless, TrustedRoot root, boolean tlogUpload) {
    byte[] signature = DsseEnvelope.sign(signer, DsseEnvelope.IN_TOTO, statement, 0, statement.length);
    Optional<byte[]> timestamp = timestamper.timestamp(signature);
    Optional<LoggedEntry> logged = tlogUpload ? Optional.of(tlog.upload(entry(statement, signature, signer, keyless)))
        : Optional.empty();
    if (keyless != null) {
      KeylessChecks.selfCheck(keyless.certificate(), root, logged.map(e -> e.entry().integratedTime()), timestamp, signature);
    }
    List<JsonNode> entries = logged.map(RekorEntries::bundleTlogEntry).stream().<JsonNode>map(e -> e).toList();
    return BundleJson.writeDsse(signer.publicKey(), keyless == null ? null : keyless.certificate().der(),
        DsseEnvelope.IN_TOTO, statement, signature, entries, timestamp.stream().toList());
  }

  private ProposedEntry entry(byte[] statement, byte[] signature, Signer signer, KeylessIdentity keyless) {
    if (tlog.v2()) {
      ExpectedContent.Verifier verifier = keyless == null ? ExpectedContent.Verifier.publicKey(signer.publicKey().getEncoded())
          : ExpectedContent.Verifier.certificate(keyless.certificate().der());
      return ProposedEntries.hashedRekordV2(DigestAlgorithm.SHA256.digest(EntryBodies.pae(DsseEnvelope.IN_TOTO, statement)),
          signature, verifier, signer.publicKey());
    }
    byte[] envelope = DsseEnvelope.toJson(DsseEnvelope.IN_TOTO, statement, 0, statement.length,
        List.of(new DsseEnvelope.Signature("", signature)));
    byte[] verifierPem = keyless == null ? PublicKeys.toPem(signer.publicKey())
        : new PemBlock("CERTIFICATE", keyless.certificate().der()).encode();
    return ProposedEntries.dsse(envelope, verifierPem);
  }
}
