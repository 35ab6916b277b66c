package dev.jcosign.core.tlog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcosign.core.error.VerificationException;
import dev.jcosign.core.json.Json;
import dev.jcosign.core.keys.DigestAlgorithm;
import dev.jcosign.core.keys.PemBlock;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * Checks that a canonical Rekor entry body describes exactly what is being verified (spec §4.4 step 3,
 * §6.3): {@code hashedrekord} v0.0.1 / v0.0.2, {@code dsse} v0.0.1 and {@code intoto} v0.0.1 / v0.0.2. Each mismatch is a
 * {@link VerificationException} naming the check, prefixed "transparency log entry:".
 */
public final class EntryBodies {
  private static final String P = "transparency log entry: ";
  /** protobuf-specs HashAlgorithm names used by Rekor v2 bodies. */
  private static final Map<String, DigestAlgorithm> V2_HASHES = Map.of(
      "SHA2_256", DigestAlgorithm.SHA256, "SHA2_384", DigestAlgorithm.SHA384, "SHA2_512", DigestAlgorithm.SHA512);

  private EntryBodies() {}

  /** Verifies {@code canonicalBody} against {@code expected}. */
  public static void check(byte[] canonicalBody, ExpectedContent expected) {
    JsonNode body;
    try {
      body = Json.parse(canonicalBody, "transparency log entry body");
    } catch (RuntimeException e) {
      throw new VerificationException(P + "body is not JSON", e);
    }
    String kind = body.path("kind").asText("") + " " + body.path("apiVersion").asText("");
    JsonNode spec = body.path("spec");
    switch (kind) {
      case "hashedrekord 0.0.1" -> {
        if (!(expected instanceof ExpectedContent.MessageSignature m)) {
          throw new VerificationException(P + "kind hashedrekord 0.0.1 does not hold a DSSE envelope");
        }
        JsonNode hash = spec.path("data").path("hash");
        checkDigest(hash.path("algorithm").asText(""), m.algorithm(), hex(hash.path("value")), m.digest());
        checkSignature(spec.path("signature").path("content"), m.signature());
        checkVerifier(spec.path("signature").path("publicKey").path("content"), m.verifier());
      }
      case "hashedrekord 0.0.2" -> hashedRekordV2(spec.path("hashedRekordV002"), expected);
      case "dsse 0.0.1" -> dsseV1(spec, dsse(kind, expected));
      case "intoto 0.0.1" -> intotoV1(spec, dsse(kind, expected));
      case "intoto 0.0.2" -> intotoV2(spec.path("content"), dsse(kind, expected));
      default -> throw new VerificationException(P + "unsupported kind \"" + kind.trim() + "\"");
    }
  }

  /** DSSE pre-authentication encoding: {@code DSSEv1 <len> <type> <len> <payload>}. */
  public static byte[] pae(String payloadType, byte[] payload) {
    byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(("DSSEv1 " + type.length + " ").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(type);
    out.writeBytes((" " + payload.length + " ").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(payload);
    return out.toByteArray();
  }

  private static void hashedRekordV2(JsonNode spec, ExpectedContent expected) {
    DigestAlgorithm alg;
    byte[] digest;
    byte[] signature;
    if (expected instanceof ExpectedContent.MessageSignature m) {
      alg = m.algorithm();
      digest = m.digest();
      signature = m.signature();
    } else {
      // Rekor v2 logs DSSE as a hashedrekord over SHA-256(PAE) (spec §6.3)
      ExpectedContent.Dsse d = (ExpectedContent.Dsse) expected;
      alg = DigestAlgorithm.SHA256;
      digest = digest(alg, pae(d.payloadType(), d.payload()));
      signature = d.signatures().get(0);
    }
    String algName = spec.path("data").path("algorithm").asText("");
    DigestAlgorithm bodyAlg = V2_HASHES.get(algName);
    checkDigest(bodyAlg == null ? algName : bodyAlg.flagName(), alg, b64(spec.path("data").path("digest")), digest);
    checkSignature(spec.path("signature").path("content"), signature);
    JsonNode v = spec.path("signature").path("verifier");
    JsonNode raw = v.has("x509Certificate") ? v.path("x509Certificate").path("rawBytes") : v.path("publicKey").path("rawBytes");
    checkVerifier(raw, expected.verifier());
  }

  private static void dsseV1(JsonNode spec, ExpectedContent.Dsse d) {
    checkEnvelopeHashes(spec.path("payloadHash"), spec.path("envelopeHash"), d);
    for (byte[] sig : d.signatures()) {
      JsonNode match = null;
      for (JsonNode s : spec.path("signatures")) {
        if (MessageDigest.isEqual(b64(s.path("signature")), sig)) {
          match = s;
        }
      }
      if (match == null) {
        throw new VerificationException(P + "signature does not match");
      }
      checkVerifier(match.path("verifier"), d.verifier());
    }
  }

  private static ExpectedContent.Dsse dsse(String kind, ExpectedContent expected) {
    if (!(expected instanceof ExpectedContent.Dsse d)) {
      throw new VerificationException(P + "kind " + kind + " does not hold a message signature");
    }
    return d;
  }

  /**
   * {@code intoto} v0.0.1 (cosign v2 {@code attest --rekor-entry-type intoto}): Rekor keeps only the
   * hashes of the envelope text and of the decoded payload, and the key; no signature. The envelope
   * hash is checked when the exact text submitted is at hand (legacy {@code .att} layers).
   */
  private static void intotoV1(JsonNode spec, ExpectedContent.Dsse d) {
    checkEnvelopeHashes(spec.path("content").path("payloadHash"), spec.path("content").path("hash"), d);
    checkVerifier(spec.path("publicKey"), d.verifier());
  }

  /** SHA-256 of the decoded payload; SHA-256 of the envelope text when the exact text is at hand. */
  private static void checkEnvelopeHashes(JsonNode payloadHash, JsonNode envelopeHash, ExpectedContent.Dsse d) {
    checkDigest(payloadHash.path("algorithm").asText(""), DigestAlgorithm.SHA256, hex(payloadHash.path("value")),
        digest(DigestAlgorithm.SHA256, d.payload()), "payload hash");
    if (d.envelopeJson().isPresent()) {
      checkDigest(envelopeHash.path("algorithm").asText(""), DigestAlgorithm.SHA256, hex(envelopeHash.path("value")),
          digest(DigestAlgorithm.SHA256, d.envelopeJson().get()), "envelope hash");
    }
  }

  /**
   * {@code intoto} v0.0.2 (sigstore-js, cosign v2.0): the envelope without its payload, each signature
   * base64 of the base64 text, with its verifier; the payload hash. The envelope hash is over Rekor's
   * re-marshalled envelope, not the submitted text, so it is not recomputed.
   */
  private static void intotoV2(JsonNode content, ExpectedContent.Dsse d) {
    JsonNode ph = content.path("payloadHash");
    checkDigest(ph.path("algorithm").asText(""), DigestAlgorithm.SHA256, hex(ph.path("value")),
        digest(DigestAlgorithm.SHA256, d.payload()), "payload hash");
    String type = content.path("envelope").path("payloadType").asText("");
    if (!type.equals(d.payloadType())) {
      throw new VerificationException(P + "payload type \"" + type + "\" does not match " + d.payloadType());
    }
    for (byte[] sig : d.signatures()) {
      JsonNode match = null;
      for (JsonNode s : content.path("envelope").path("signatures")) {
        byte[] inner = b64(s.path("sig"));
        try {
          if (MessageDigest.isEqual(Base64.getDecoder().decode(inner), sig)) {
            match = s;
          }
        } catch (IllegalArgumentException e) {
          throw new VerificationException(P + "body field is not base64", e);
        }
      }
      if (match == null) {
        throw new VerificationException(P + "signature does not match");
      }
      checkVerifier(match.path("publicKey"), d.verifier());
    }
  }

  private static void checkDigest(String bodyAlg, DigestAlgorithm alg, byte[] bodyDigest, byte[] digest) {
    checkDigest(bodyAlg, alg, bodyDigest, digest, "artifact digest");
  }

  private static void checkDigest(String bodyAlg, DigestAlgorithm alg, byte[] bodyDigest, byte[] digest, String what) {
    if (!alg.flagName().equals(bodyAlg.toLowerCase(Locale.ROOT))) {
      throw new VerificationException(P + what + " algorithm \"" + bodyAlg + "\" does not match " + alg.flagName());
    }
    if (!MessageDigest.isEqual(bodyDigest, digest)) {
      throw new VerificationException(P + what + " does not match");
    }
  }

  private static void checkSignature(JsonNode content, byte[] signature) {
    if (!MessageDigest.isEqual(b64(content), signature)) {
      throw new VerificationException(P + "signature does not match");
    }
  }

  /** Body key/cert (base64 of PEM text, or of DER) must be DER-equal to the verifier (spec §10 #2). */
  private static void checkVerifier(JsonNode content, ExpectedContent.Verifier expected) {
    byte[] raw = b64(content);
    byte[] der = raw;
    boolean bodyIsKey = false;
    if (new String(raw, StandardCharsets.ISO_8859_1).contains("-----BEGIN ")) {
      try {
        PemBlock block = PemBlock.decode(raw);
        der = block.bytes();
        bodyIsKey = !"CERTIFICATE".equals(block.label());
      } catch (RuntimeException e) {
        throw new VerificationException(P + "public key or certificate is not valid PEM", e);
      }
    }
    byte[] want = expected.der();
    if (bodyIsKey && expected.certificate()) {
      // the body logged a bare key while the signature carries a certificate: compare the cert's key
      want = spkiOf(want);
    }
    if (!MessageDigest.isEqual(der, want)) {
      throw new VerificationException(P + "public key or certificate does not match");
    }
  }

  private static byte[] spkiOf(byte[] certDer) {
    try {
      return org.bouncycastle.asn1.x509.Certificate.getInstance(certDer).getSubjectPublicKeyInfo().getEncoded();
    } catch (java.io.IOException | RuntimeException e) {
      throw new VerificationException(P + "verifying certificate is not valid DER", e);
    }
  }

  private static byte[] b64(JsonNode n) {
    try {
      return Base64.getDecoder().decode(n.asText(""));
    } catch (IllegalArgumentException e) {
      throw new VerificationException(P + "body field is not base64", e);
    }
  }

  private static byte[] hex(JsonNode n) {
    try {
      return HexFormat.of().parseHex(n.asText(""));
    } catch (IllegalArgumentException e) {
      throw new VerificationException(P + "body digest is not hex", e);
    }
  }

  static byte[] digest(DigestAlgorithm alg, byte[] data) {
    try {
      return MessageDigest.getInstance(alg.jdkName()).digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
