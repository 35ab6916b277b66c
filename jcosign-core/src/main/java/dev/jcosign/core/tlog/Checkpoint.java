package dev.jcosign.core.tlog;

import dev.jcosign.core.rekor.InclusionProofData;

import dev.jcosign.core.error.VerificationException;
import dev.jcosign.core.keys.DigestAlgorithm;
import dev.jcosign.core.keys.Signatures;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * A transparency-log checkpoint in signed-note form (spec §6.3): {@code <origin>\n<size>\n<b64 root>\n}
 * [other lines], a blank line, then {@code — <name> <b64(4-byte key hint ‖ signature)>} lines. The
 * signature covers the text before the blank line, including its final newline.
 *
 * @param origin the first line, e.g. {@code rekor.sigstore.dev - 1193050959916656506}
 * @param size the tree size
 * @param rootHash the root hash
 * @param otherContent lines after the root hash, before the blank line
 * @param signedText the exact signed text
 * @param signatures every signature line (the log's and any witnesses')
 */
public record Checkpoint(
    String origin, long size, byte[] rootHash, List<String> otherContent, String signedText, List<NoteSignature> signatures) {

  private static final String SIG_PREFIX = "\u2014 ";

  /** One {@code — name base64} line: key hint and signature split apart. */
  public record NoteSignature(String name, byte[] keyHint, byte[] signature) {
    public NoteSignature {
      keyHint = keyHint.clone();
      signature = signature.clone();
    }

    @Override
    public byte[] keyHint() {
      return keyHint.clone();
    }

    @Override
    public byte[] signature() {
      return signature.clone();
    }
  }

  public Checkpoint {
    rootHash = rootHash.clone();
    otherContent = List.copyOf(otherContent);
    signatures = List.copyOf(signatures);
  }

  @Override
  public byte[] rootHash() {
    return rootHash.clone();
  }

  /** Parses a signed note; {@link VerificationException} "checkpoint: malformed …" otherwise. */
  public static Checkpoint parse(String envelope) {
    int blank = envelope.indexOf("\n\n");
    if (blank < 0) {
      throw malformed("no blank line before the signatures");
    }
    String text = envelope.substring(0, blank + 1);
    String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
    if (lines.length < 3) {
      throw malformed("fewer than 3 lines");
    }
    long size;
    try {
      if (!lines[1].matches("0|[1-9][0-9]{0,18}")) {
        throw new NumberFormatException();
      }
      size = Long.parseLong(lines[1]);
    } catch (NumberFormatException e) {
      throw malformed("tree size \"" + lines[1] + "\" is not a number");
    }
    byte[] root = base64(lines[2], "root hash");
    List<NoteSignature> sigs = new ArrayList<>();
    for (String line : envelope.substring(blank + 2).split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      int space = line.lastIndexOf(' ');
      if (!line.startsWith(SIG_PREFIX) || space <= SIG_PREFIX.length()) {
        throw malformed("bad signature line \"" + line + "\"");
      }
      byte[] raw = base64(line.substring(space + 1), "signature");
      if (raw.length < 5) {
        throw malformed("signature too short");
      }
      sigs.add(new NoteSignature(line.substring(SIG_PREFIX.length(), space),
          Arrays.copyOf(raw, 4), Arrays.copyOfRange(raw, 4, raw.length)));
    }
    if (sigs.isEmpty()) {
      throw malformed("no signatures");
    }
    return new Checkpoint(lines[0], size, root, Arrays.asList(lines).subList(3, lines.length), text, sigs);
  }

  /**
   * Verifies that {@code log} signed this checkpoint. A signature line is the log's when its key hint
   * is the first 4 bytes of the log ID (Rekor v1: SHA-256 of the PKIX key; Rekor v2: the signed-note
   * key ID) or of SHA-256(PKIX); witness signatures are ignored.
   */
  public void verify(TransparencyLogInstance log) {
    String id = log.logIdHex();
    byte[] text = signedText.getBytes(StandardCharsets.UTF_8);
    byte[] pkixHint = Arrays.copyOf(sha256(log.publicKeyBytes()), 4);
    byte[] idHint = Arrays.copyOf(log.logId(), 4);
    boolean hinted = false;
    for (NoteSignature s : signatures) {
      byte[] hint = s.keyHint();
      if (!Arrays.equals(hint, idHint) && !Arrays.equals(hint, pkixHint)) {
        continue;
      }
      hinted = true;
      try {
        if (Signatures.verify(log.publicKey(), text, s.signature(), DigestAlgorithm.SHA256)) {
          return;
        }
      } catch (RuntimeException e) {
        throw new VerificationException("checkpoint: cannot use key of log " + id + ": " + e.getMessage(), e);
      }
    }
    throw new VerificationException(hinted
        ? "checkpoint: signature invalid for log " + id
        : "checkpoint: no signature by log " + id);
  }

  /** Checks that this checkpoint commits to the same tree as {@code proof} (spec §6.3). */
  public void requireSameTree(InclusionProofData proof) {
    if (size != proof.treeSize()) {
      throw new VerificationException("checkpoint: tree size " + size + " does not match inclusion proof tree size "
          + proof.treeSize());
    }
    if (!MessageDigest.isEqual(rootHash, proof.rootHash())) {
      throw new VerificationException("checkpoint: root hash " + hex(rootHash)
          + " does not match inclusion proof root hash " + hex(proof.rootHash()));
    }
  }

  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  private static byte[] sha256(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(b);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] base64(String s, String what) {
    try {
      return Base64.getDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      throw malformed(what + " is not base64");
    }
  }

  private static VerificationException malformed(String why) {
    return new VerificationException("checkpoint: malformed signed note: " + why);
  }
}
