package dev.jcosign.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcosign.core.json.Json;
import dev.jcosign.core.keys.PublicKeys;
import dev.jcosign.core.tlog.CanonicalJson;
import dev.jcosign.core.tlog.SignedEntryTimestamp;
import dev.jcosign.core.rekor.TlogEntry;
import dev.jcosign.testkit.PushTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A self-made "Rekor" for tests: an ECDSA P-256 log key, canonical entry bodies, SETs over them
 * (RFC 8785 payload, spec §6.3), the legacy bundle annotation, and a trusted root naming the key.
 */
public final class TestRekorLog {
  private final KeyPair key;
  private final byte[] logId;

  public TestRekorLog() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(256);
      key = g.generateKeyPair();
      logId = MessageDigest.getInstance("SHA-256").digest(key.getPublic().getEncoded());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public String logIdHex() {
    return HexFormat.of().formatHex(logId);
  }

  /** The canonical hashedrekord v0.0.1 body Rekor stores for a key-signed payload. */
  public static byte[] hashedRekordBody(String sha256Hex, String base64Sig, byte[] publicKeyPem) {
    ObjectNode b = Json.object();
    b.put("apiVersion", "0.0.1");
    b.put("kind", "hashedrekord");
    ObjectNode spec = b.putObject("spec");
    spec.putObject("data").putObject("hash").put("algorithm", "sha256").put("value", sha256Hex);
    ObjectNode sig = spec.putObject("signature");
    sig.put("content", base64Sig);
    sig.putObject("publicKey").put("content", Base64.getEncoder().encodeToString(publicKeyPem));
    return CanonicalJson.bytes(b);
  }

  /** The canonical dsse v0.0.1 body for an envelope (spec §6.3). */
  public static byte[] dsseBody(byte[] envelope, byte[] payload, String base64Sig, byte[] publicKeyPem) {
    ObjectNode b = Json.object();
    b.put("apiVersion", "0.0.1");
    b.put("kind", "dsse");
    ObjectNode spec = b.putObject("spec");
    spec.putObject("envelopeHash").put("algorithm", "sha256").put("value", sha256Hex(envelope));
    spec.putObject("payloadHash").put("algorithm", "sha256").put("value", sha256Hex(payload));
    spec.putArray("signatures").addObject().put("signature", base64Sig)
        .put("verifier", Base64.getEncoder().encodeToString(publicKeyPem));
    return CanonicalJson.bytes(b);
  }

  /**
   * The canonical {@code intoto} v0.0.1 body Rekor stores (its Canonicalize): hashes of the envelope
   * text and of the decoded payload, and the key; the signature itself is not kept.
   */
  public static byte[] intotoV1Body(byte[] envelope, byte[] payload, byte[] publicKeyPem) {
    ObjectNode b = Json.object();
    b.put("apiVersion", "0.0.1");
    b.put("kind", "intoto");
    ObjectNode spec = b.putObject("spec");
    ObjectNode content = spec.putObject("content");
    content.putObject("hash").put("algorithm", "sha256").put("value", sha256Hex(envelope));
    content.putObject("payloadHash").put("algorithm", "sha256").put("value", sha256Hex(payload));
    spec.put("publicKey", Base64.getEncoder().encodeToString(publicKeyPem));
    return CanonicalJson.bytes(b);
  }

  /**
   * The canonical {@code intoto} v0.0.2 body: the envelope without its payload, each signature as
   * base64 of its base64 text with base64 of the PEM key, and the payload hash.
   */
  public static byte[] intotoV2Body(String payloadType, byte[] payload, String base64Sig, byte[] publicKeyPem) {
    ObjectNode b = Json.object();
    b.put("apiVersion", "0.0.2");
    b.put("kind", "intoto");
    ObjectNode content = b.putObject("spec").putObject("content");
    ObjectNode env = content.putObject("envelope");
    env.put("payloadType", payloadType);
    env.putArray("signatures").addObject()
        .put("sig", Base64.getEncoder().encodeToString(base64Sig.getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
        .put("publicKey", Base64.getEncoder().encodeToString(publicKeyPem));
    content.putObject("hash").put("algorithm", "sha256").put("value", sha256Hex(new byte[0]));
    content.putObject("payloadHash").put("algorithm", "sha256").put("value", sha256Hex(payload));
    return CanonicalJson.bytes(b);
  }

  /** The {@code dev.sigstore.cosign/bundle} annotation for {@code body}, with a SET by this log. */
  public String annotation(byte[] body, long logIndex, long integratedTime) {
    TlogEntry e = new TlogEntry(logIndex, logId, integratedTime, body, Optional.empty(), Optional.empty());
    byte[] set;
    try {
      Signature s = Signature.getInstance("SHA256withECDSA");
      s.initSign(key.getPrivate());
      s.update(SignedEntryTimestamp.signedPayload(e));
      set = s.sign();
    } catch (GeneralSecurityException ex) {
      throw new IllegalStateException(ex);
    }
    ObjectNode a = Json.object();
    a.put("SignedEntryTimestamp", Base64.getEncoder().encodeToString(set));
    ObjectNode p = a.putObject("Payload");
    p.put("body", Base64.getEncoder().encodeToString(body));
    p.put("integratedTime", integratedTime);
    p.put("logIndex", logIndex);
    p.put("logID", logIdHex());
    return Json.writeString(a);
  }

  /** A trusted_root.json whose only transparency log is this one. */
  public Path writeTrustedRoot(Path file) {
    ObjectNode r = Json.object();
    r.put("mediaType", "application/vnd.dev.sigstore.trustedroot+json;version=0.1");
    ObjectNode t = r.putArray("tlogs").addObject();
    t.put("baseUrl", "https://rekor.test");
    t.put("hashAlgorithm", "SHA2_256");
    ObjectNode pk = t.putObject("publicKey");
    pk.put("rawBytes", Base64.getEncoder().encodeToString(key.getPublic().getEncoded()));
    pk.put("keyDetails", "PKIX_ECDSA_P256_SHA_256");
    pk.putObject("validFor").put("start", "2020-01-01T00:00:00Z");
    t.putObject("logId").put("keyId", Base64.getEncoder().encodeToString(logId));
    r.putArray("certificateAuthorities");
    r.putArray("ctlogs");
    r.putArray("timestampAuthorities");
    return write(file, Json.write(r));
  }

  /** The log key as a PEM file ({@code SIGSTORE_REKOR_PUBLIC_KEY}). */
  public Path writePublicKey(Path file) {
    return write(file, PublicKeys.toPem(key.getPublic()));
  }

  /** PUTs manifest bytes at {@code repo:tag} (an outside client, as {@link RegistryPeek}). */
  public static void putManifest(PushTarget target, String repo, String tag, byte[] manifest, String mediaType) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target.baseUri() + "/v2/" + repo + "/manifests/" + tag))
        .header("Content-Type", mediaType).PUT(HttpRequest.BodyPublishers.ofByteArray(manifest));
    String auth = target.pushAuthorization(repo);
    if (auth != null) {
      b.header("Authorization", auth);
    }
    try {
      HttpResponse<String> r = target.httpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 201) {
        throw new IllegalStateException("PUT manifest: " + r.statusCode() + " " + r.body());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static String sha256Hex(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path write(Path file, byte[] bytes) {
    try {
      return Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
