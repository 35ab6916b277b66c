package dev.jcosign.core.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcosign.core.bundle.SigstoreBundle.DsseEnvelope;
import dev.jcosign.core.bundle.SigstoreBundle.DsseSignature;
import dev.jcosign.core.bundle.SigstoreBundle.MessageSignature;
import dev.jcosign.core.bundle.SigstoreBundle.VerificationMaterial;
import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.json.Json;
import dev.jcosign.core.keys.DigestAlgorithm;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Sigstore bundles from protobuf JSON and writes the v0.3 key-based message-signature bundle
 * of {@code sign-blob --new-bundle-format} (spec §6.6). Field names and order follow the protobuf
 * definitions, as Go's protojson emits them; bytes are standard base64, int64 values strings.
 */
public final class BundleJson {
  private static final String PREFIX = "application/vnd.dev.sigstore.bundle";
  // both spellings: ".v0.3+json" (current) and "+json;version=0.3" (older writers, spec §6.6)
  private static final Pattern MEDIA_TYPE =
      Pattern.compile("application/vnd\\.dev\\.sigstore\\.bundle(?:\\.v(0\\.[1-3])\\+json|\\+json;version=(0\\.[1-3]))");
  private static final Map<String, DigestAlgorithm> HASHES = Map.of(
      "SHA2_256", DigestAlgorithm.SHA256, "SHA2_384", DigestAlgorithm.SHA384, "SHA2_512", DigestAlgorithm.SHA512);

  private BundleJson() {}

  /** True when {@code node} claims to be a Sigstore bundle (its {@code mediaType} says so). */
  public static boolean looksLikeBundle(JsonNode node) {
    return node.isObject() && node.path("mediaType").asText("").startsWith(PREFIX);
  }

  /** Parses {@code bytes}; {@code what} names the file in errors. */
  public static SigstoreBundle parse(byte[] bytes, String what) {
    return parse(Json.parse(bytes, what), what);
  }

  /** Reads an already parsed bundle document. */
  public static SigstoreBundle parse(JsonNode root, String what) {
    if (!root.isObject()) {
      throw new InvalidInputException(what + " is not a JSON object");
    }
    String mediaType = root.path("mediaType").asText("");
    Matcher m = MEDIA_TYPE.matcher(mediaType);
    if (!m.matches()) {
      throw new InvalidInputException(what + ": unsupported bundle media type \"" + mediaType + "\"");
    }
    String version = m.group(1) != null ? m.group(1) : m.group(2);
    VerificationMaterial material = material(root.path("verificationMaterial"), what);
    Optional<MessageSignature> ms = Optional.empty();
    Optional<DsseEnvelope> dsse = Optional.empty();
    JsonNode msNode = root.path("messageSignature");
    JsonNode dsseNode = root.path("dsseEnvelope");
    if (msNode.isObject() == dsseNode.isObject()) {
      throw new InvalidInputException(what + ": a bundle needs exactly one of messageSignature and dsseEnvelope");
    }
    if (msNode.isObject()) {
      JsonNode md = msNode.path("messageDigest");
      String alg = md.path("algorithm").asText("");
      DigestAlgorithm a = HASHES.get(alg);
      if (a == null) {
        throw new InvalidInputException(what + ": unsupported message digest algorithm \"" + alg + "\"");
      }
      ms = Optional.of(new MessageSignature(a, bytes(md, "digest", what), bytes(msNode, "signature", what)));
    } else {
      List<DsseSignature> sigs = new ArrayList<>();
      for (JsonNode s : dsseNode.path("signatures")) {
        sigs.add(new DsseSignature(s.path("keyid").asText(""), bytes(s, "sig", what)));
      }
      dsse = Optional.of(new DsseEnvelope(dsseNode.path("payloadType").asText(""), bytes(dsseNode, "payload", what), sigs));
    }
    return new SigstoreBundle(mediaType, version, material, ms, dsse);
  }

  private static VerificationMaterial material(JsonNode vm, String what) {
    if (!vm.isObject()) {
      throw new InvalidInputException(what + ": missing verificationMaterial");
    }
    Optional<String> hint = vm.path("publicKey").isObject()
        ? Optional.of(vm.path("publicKey").path("hint").asText("")) : Optional.empty();
    Optional<byte[]> cert = vm.path("certificate").isObject()
        ? Optional.of(bytes(vm.path("certificate"), "rawBytes", what)) : Optional.empty();
    List<byte[]> chain = new ArrayList<>();
    for (JsonNode c : vm.path("x509CertificateChain").path("certificates")) {
      chain.add(bytes(c, "rawBytes", what));
    }
    if (hint.isEmpty() && cert.isEmpty() && chain.isEmpty()) {
      throw new InvalidInputException(what + ": verificationMaterial has no publicKey, certificate or x509CertificateChain");
    }
    List<JsonNode> tlog = new ArrayList<>();
    vm.path("tlogEntries").forEach(tlog::add);
    List<byte[]> timestamps = new ArrayList<>();
    for (JsonNode t : vm.path("timestampVerificationData").path("rfc3161Timestamps")) {
      timestamps.add(bytes(t, "signedTimestamp", what));
    }
    return new VerificationMaterial(hint, cert, chain, tlog, timestamps);
  }

  /** protojson accepts standard and URL-safe base64, padded or not; so do we. */
  static byte[] bytes(JsonNode parent, String field, String what) {
    JsonNode n = parent.path(field);
    if (!n.isTextual()) {
      throw new InvalidInputException(what + ": missing " + field);
    }
    String s = n.asText().replace('-', '+').replace('_', '/');
    try {
      return Base64.getMimeDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(what + ": " + field + " is not valid base64");
    }
  }

  /** cosign's {@code publicKey.hint}: base64 of SHA-256 of the PKIX DER of the key (spec §6.6). */
  public static String hint(PublicKey key) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The protobuf name of a hash ({@code SHA2_256}...). */
  public static String hashName(DigestAlgorithm a) {
    return HASHES.entrySet().stream().filter(e -> e.getValue() == a).map(Map.Entry::getKey).findFirst()
        .orElseThrow(() -> new InvalidInputException("bundles cannot carry " + a + " digests"));
  }

  /**
   * The v0.3 bundle {@code sign-blob --new-bundle-format --key} writes without a transparency log:
   * {@code {"mediaType","verificationMaterial":{"publicKey":{"hint"}},"messageSignature":{...}}},
   * compact, fields in protobuf order, no empty lists (protojson omits them).
   */
  public static byte[] writeKeyMessageSignature(PublicKey key, MessageSignature signature) {
    return writeKeyMessageSignature(key, signature, List.of());
  }

  /**
   * As {@link #writeKeyMessageSignature(PublicKey, MessageSignature)} with {@code tlogEntries} (each a
   * protobuf-JSON {@code TransparencyLogEntry}) after the key, in protobuf field order (spec §6.6).
   */
  public static byte[] writeKeyMessageSignature(PublicKey key, MessageSignature signature, List<? extends JsonNode> tlogEntries) {
    return writeKeyMessageSignature(key, signature, tlogEntries, List.of());
  }

  /**
   * As above with RFC 3161 timestamps (DER {@code TimeStampResp} each) in
   * {@code timestampVerificationData.rfc3161Timestamps[].signedTimestamp} (spec §7, §6.4).
   */
  public static byte[] writeKeyMessageSignature(PublicKey key, MessageSignature signature,
      List<? extends JsonNode> tlogEntries, List<byte[]> rfc3161Timestamps) {
    return writeMessageSignature(vm -> vm.putObject("publicKey").put("hint", hint(key)), signature, tlogEntries, rfc3161Timestamps);
  }

  /**
   * The keyless v0.3 bundle (keyless spec §1.4): {@code verificationMaterial.certificate.rawBytes} is the
   * Fulcio leaf alone (DER), then the log entries and timestamps as for a key.
   */
  public static byte[] writeCertificateMessageSignature(byte[] leafDer, MessageSignature signature,
      List<? extends JsonNode> tlogEntries, List<byte[]> rfc3161Timestamps) {
    return writeMessageSignature(vm -> vm.putObject("certificate").put("rawBytes", Base64.getEncoder().encodeToString(leafDer)),
        signature, tlogEntries, rfc3161Timestamps);
  }

  /**
   * A v0.3 DSSE bundle ({@code attest-blob}, keyless spec §1.4): the key hint or the leaf certificate,
   * the log entries and timestamps, then {@code dsseEnvelope} with protobuf's field order
   * ({@code payload, payloadType, signatures[{sig}]}; an empty keyid is omitted as protojson does).
   *
   * @param leafDer the Fulcio leaf, or null for a key-signed bundle (then {@code key} names it)
   */
  public static byte[] writeDsse(PublicKey key, byte[] leafDer, String payloadType, byte[] payload, byte[] signature,
      List<? extends JsonNode> tlogEntries, List<byte[]> rfc3161Timestamps) {
    ObjectNode root = Json.object();
    root.put("mediaType", SigstoreBundle.MEDIA_TYPE_V03);
    ObjectNode vm = root.putObject("verificationMaterial");
    if (leafDer != null) {
      vm.putObject("certificate").put("rawBytes", Base64.getEncoder().encodeToString(leafDer));
    } else {
      vm.putObject("publicKey").put("hint", hint(key));
    }
    material(vm, tlogEntries, rfc3161Timestamps);
    ObjectNode env = root.putObject("dsseEnvelope");
    env.put("payload", Base64.getEncoder().encodeToString(payload));
    env.put("payloadType", payloadType);
    env.putArray("signatures").addObject().put("sig", Base64.getEncoder().encodeToString(signature));
    return Json.write(root);
  }

  private static void material(ObjectNode vm, List<? extends JsonNode> tlogEntries, List<byte[]> rfc3161Timestamps) {
    if (!tlogEntries.isEmpty()) {
      vm.putArray("tlogEntries").addAll(tlogEntries.stream().<JsonNode>map(JsonNode::deepCopy).toList());
    }
    if (!rfc3161Timestamps.isEmpty()) {
      var list = vm.putObject("timestampVerificationData").putArray("rfc3161Timestamps");
      rfc3161Timestamps.forEach(t -> list.addObject().put("signedTimestamp", Base64.getEncoder().encodeToString(t)));
    }
  }

  private static byte[] writeMessageSignature(java.util.function.Consumer<ObjectNode> keyMaterial, MessageSignature signature,
      List<? extends JsonNode> tlogEntries, List<byte[]> rfc3161Timestamps) {
    ObjectNode root = Json.object();
    root.put("mediaType", SigstoreBundle.MEDIA_TYPE_V03);
    ObjectNode vm = root.putObject("verificationMaterial");
    keyMaterial.accept(vm);
    material(vm, tlogEntries, rfc3161Timestamps);
    ObjectNode ms = root.putObject("messageSignature");
    ObjectNode md = ms.putObject("messageDigest");
    md.put("algorithm", hashName(signature.algorithm()));
    md.put("digest", Base64.getEncoder().encodeToString(signature.digest()));
    ms.put("signature", Base64.getEncoder().encodeToString(signature.signature()));
    return Json.write(root);
  }
}
