package dev.jcosign.core.tlog;

import dev.jcosign.core.rekor.InclusionProofData;

import dev.jcosign.core.error.VerificationException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** RFC 6962 / RFC 9162 §2.1.3 Merkle inclusion proofs over SHA-256 (spec §6.3). */
public final class InclusionProof {
  private static final int HASH_LEN = 32;

  private InclusionProof() {}

  /** Leaf hash = SHA-256(0x00 ‖ entry); its hex is the UUID suffix of a Rekor v1 entry (spec §6.3). */
  public static byte[] leafHash(byte[] entry) {
    MessageDigest d = sha256();
    d.update((byte) 0x00);
    return d.digest(entry);
  }

  /** Interior node hash = SHA-256(0x01 ‖ left ‖ right). */
  public static byte[] nodeHash(byte[] left, byte[] right) {
    MessageDigest d = sha256();
    d.update((byte) 0x01);
    d.update(left);
    return d.digest(right);
  }

  /** Verifies that {@code canonicalBody} is leaf {@code proof.logIndex()} of the tree with {@code proof.rootHash()}. */
  public static void verify(byte[] canonicalBody, InclusionProofData proof) {
    byte[] computed = rootFromPath(proof.logIndex(), proof.treeSize(), leafHash(canonicalBody), proof.hashes());
    if (!MessageDigest.isEqual(computed, proof.rootHash())) {
      throw new VerificationException("inclusion proof: computed root " + hex(computed)
          + " does not match " + hex(proof.rootHash()));
    }
  }

  /** The root an audit path leads to (RFC 9162 §2.1.3.2); rejects malformed paths. */
  public static byte[] rootFromPath(long index, long treeSize, byte[] leafHash, List<byte[]> path) {
    if (index < 0 || index >= treeSize) {
      throw new VerificationException("inclusion proof: index " + index + " is not below tree size " + treeSize);
    }
    long fn = index;
    long sn = treeSize - 1;
    byte[] r = leafHash;
    int i = 0;
    for (byte[] p : path) {
      if (p.length != HASH_LEN) {
        throw new VerificationException("inclusion proof: hash " + i + " is " + p.length + " bytes, not " + HASH_LEN);
      }
      if (sn == 0) {
        throw new VerificationException("inclusion proof: " + path.size() + " hashes are too many for index "
            + index + " in tree size " + treeSize);
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = nodeHash(p, r);
        // climb past the levels where this node is a left child with no right sibling
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        r = nodeHash(r, p);
      }
      fn >>= 1;
      sn >>= 1;
      i++;
    }
    if (sn != 0) {
      throw new VerificationException("inclusion proof: " + path.size() + " hashes are too few for index "
          + index + " in tree size " + treeSize);
    }
    return r;
  }

  static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from the JDK", e);
    }
  }
}
