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

  /**
   * Rekor v2's {@code hashedRekordRequestV002} (keyless spec §1.1 step 5d): the digest, the signature and
   * the verifier as DER (a PKIX key or the Fulcio leaf) with its key details. DSSE goes to v2 the same
   * way, over SHA-256 of the PAE with {@code signatures[0]} (sigstore-go's {@code sign/transparency.go}).
   */
  public static ProposedEntry hashedRekordV2(byte[] digest, byte[] signature, ExpectedContent.Verifier verifier,
      java.security.PublicKey key) {
    ObjectNode root = Json.object();
    ObjectNode req = root.putObject("hashedRekordRequestV002");
    req.put("digest", B64.encodeToString(digest));
    ObjectNode sig = req.putObject("signature");
    sig.put("content", B64.encodeToString(signature));
    ObjectNode v = sig.putObject("verifier");
    v.putObject(verifier.certificate() ? "x509Certificate" : "publicKey").put("rawBytes", B64.encodeToString(verifier.der()));
    v.put("keyDetails", keyDetails(key));
    return new ProposedEntry("hashedrekord", "0.0.2", Json.write(root));
  }

  /** The protobuf-specs {@code PublicKeyDetails} name of a signing key. */
  static String keyDetails(java.security.PublicKey key) {
    if (key instanceof java.security.interfaces.ECPublicKey ec) {
      int bits = ec.getParams().getCurve().getField().getFieldSize();
      return bits == 384 ? "PKIX_ECDSA_P384_SHA_384" : bits == 521 ? "PKIX_ECDSA_P521_SHA_512" : "PKIX_ECDSA_P256_SHA_256";
    }
    if (key instanceof java.security.interfaces.RSAPublicKey rsa) {
      int bits = rsa.getModulus().bitLength();
      return "PKIX_RSA_PKCS1V15_" + (bits > 3072 ? 4096 : bits > 2048 ? 3072 : 2048) + "_SHA256";
    }
    return "PKIX_ED25519";
  }

  private static ObjectNode header(String kind) {
    ObjectNode root = Json.object();
    root.put("apiVersion", "0.0.1");
    root.put("kind", kind);
    return root;
  }
}
