package dev.jcosign.core.rekor;

import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * One transparency-log entry as a verifier sees it, whatever carried it: the legacy
 * {@code dev.sigstore.cosign/bundle} annotation or a bundle's {@code tlogEntries[]} (spec §6.3, §6.6).
 *
 * @param logIndex the entry's global index (the one the SET signs)
 * @param logId the log's key ID bytes (hex in legacy bundles, base64 in protobuf bundles)
 * @param integratedTime seconds since the epoch; 0 when the log gives none (Rekor v2)
 * @param canonicalBody the decoded canonical entry body (JSON bytes)
 * @param set the signed entry timestamp (inclusion promise), DER ECDSA signature
 * @param proof the inclusion proof with its checkpoint
 */
public record TlogEntry(
    long logIndex, byte[] logId, long integratedTime, byte[] canonicalBody, Optional<byte[]> set, Optional<InclusionProofData> proof) {

  public TlogEntry {
    logId = logId.clone();
    canonicalBody = canonicalBody.clone();
    set = Objects.requireNonNull(set, "set").map(byte[]::clone);
    Objects.requireNonNull(proof, "proof");
  }

  @Override
  public byte[] logId() {
    return logId.clone();
  }

  @Override
  public byte[] canonicalBody() {
    return canonicalBody.clone();
  }

  @Override
  public Optional<byte[]> set() {
    return set.map(byte[]::clone);
  }

  /** Lower-case hex log ID, as error messages and legacy bundles show it. */
  public String logIdHex() {
    return HexFormat.of().formatHex(logId);
  }
}
