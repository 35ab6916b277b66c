package dev.jcosign.core.rekor;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An RFC 6962 / RFC 9162 inclusion proof as Rekor returns it (spec §6.3, §6.6).
 *
 * @param logIndex the leaf's index in the tree the proof is for (for Rekor v1 the index within the
 *     current shard, which differs from the entry's global log index)
 * @param rootHash the tree's root hash
 * @param treeSize the number of leaves
 * @param hashes the audit path, leaf-most first
 * @param checkpoint the signed note committing to {@code treeSize} and {@code rootHash}
 */
public record InclusionProofData(long logIndex, byte[] rootHash, long treeSize, List<byte[]> hashes, Optional<String> checkpoint) {

  public InclusionProofData {
    rootHash = rootHash.clone();
    hashes = hashes.stream().map(byte[]::clone).toList();
    Objects.requireNonNull(checkpoint, "checkpoint");
  }

  @Override
  public byte[] rootHash() {
    return rootHash.clone();
  }

  @Override
  public List<byte[]> hashes() {
    return hashes.stream().map(byte[]::clone).toList();
  }
}
