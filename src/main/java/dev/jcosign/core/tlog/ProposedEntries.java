package dev.jcosign.core.tlog;

import dev.jcosign.core.rekor.ProposedEntry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcosign.core.json.Json;
import dev.jcosign.core.keys.DigestAlgorithm;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Builds the Rekor v1 proposed entries cosign uploads (spec §6.3). Keys and certificates travel as
 * base64 of their PEM text; give the PEM exactly as Go's {@code pem.Encode} writes it (64-character
 * lines, trailing newline), which is what Rekor stores, so the canonical body matches byte for byte.
 */
public final class ProposedEntries {
  private static final Base64.Encoder B64 = Base64.getEncoder();

  private ProposedEntries() {}

  /** {@code hashedrekord} v0.0.1: a signature over an artifact digest (image payloads, blobs). */
  public static ProposedEntry hashedRekord(DigestAlgorithm algorithm, byte[] digest, byte[] signature, byte[] publicKeyPem) {
    ObjectNode root = header("hashedrekord");
    ObjectNode spec = root.putObject("spec");
    ObjectNode hash = spec.putObject("data").putObject("hash");
    hash.put("algorithm", algorithm.flagName());
    hash.put("value", HexFormat.of().formatHex(digest));
    ObjectNode sig = spec.putObject("signature");
    sig.put("content", B64.encodeToString(signature));
    sig.putObject("publicKey").put("content", B64.encodeToString(publicKeyPem));
    return new ProposedEntry("hashedrekord", "0.0.1", Json.write(root));
  }

  /**
   * {@code dsse} v0.0.1 (attestations, cosign v2.6 default): the envelope JSON as a string and the
   * verifier PEM; Rekor stores only hashes of the envelope and payload plus the signatures.
   */
  public static ProposedEntry dsse(byte[] envelopeJson, byte[] publicKeyPem) {
    ObjectNode root = header("dsse");
    ObjectNode content = root.putObject("spec").putObject("proposedContent");
    content.put("envelope", new String(envelopeJson, StandardCharsets.UTF_8));
    content.putArray("verifiers").add(B64.encodeToString(publicKeyPem));
    return new ProposedEntry("dsse", "0.0.1", Json.write(root));
  }

  /** {@code intoto} v0.0.1 (cosign v2 {@code --rekor-entry-type intoto}). */
  public static ProposedEntry intoto(byte[] envelopeJson, byte[] publicKeyPem) {
    ObjectNode root = header("intoto");
    ObjectNode spec = root.putObject("spec");
    spec.putObject("content").put("envelope", new String(envelopeJson, StandardCharsets.UTF_8));
    spec.put("publicKey", B64.encodeToString(publicKeyPem));
    return new ProposedEntry("intoto", "0.0.1", Json.write(root));
  }

  private static ObjectNode header(String kind) {
    ObjectNode root = Json.object();
    root.put("apiVersion", "0.0.1");
    root.put("kind", kind);
    return root;
  }
}
