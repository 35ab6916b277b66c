package dev.jcosign.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;

/**
 * An in-process Vault transit engine over HTTP on 127.0.0.1: {@code GET/POST /v1/<mount>/keys/<name>}
 * and {@code POST /v1/<mount>/sign/<name>[/<hash>]}, with {@code X-Vault-Token} checked (403
 * "permission denied" like Vault), real keys generated here, and Vault's checks on signing:
 * the key must support signing, a prehashed input must be as long as the named hash, Ed25519 takes
 * no prehash. Errors are Vault's {@code {"errors":[...]}}.
 */
public final class VaultTransitFake implements AutoCloseable {
  public static final String TOKEN = "hvs.fake-root-token-do-not-print";
  /** A token that authenticates but whose policy allows only reading keys. */
  public static final String READ_ONLY_TOKEN = "hvs.fake-read-only-token";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ROUTE = Pattern.compile("/v1/(.+)/(keys|sign)/([\\w.-]+)(?:/(sha2-(?:224|256|384|512)))?");

  /** A transit key: {@code keys} is null for symmetric types. */
  public record Key(String type, KeyPair keys) {}

  /** One request: method, path and the JSON body. */
  public record Call(String method, String path, JsonNode body) {}

  private final HttpServer server;
  private final String mount;
  private final Map<String, Key> keys = new ConcurrentHashMap<>();
  public final List<Call> calls = new CopyOnWriteArrayList<>();

  public VaultTransitFake(String mount) {
    this.mount = mount;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/", this::handle);
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String address() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public void addKey(String name, String type) {
    keys.put(name, new Key(type, generate(type)));
  }

  public Key key(String name) {
    return keys.get(name);
  }

  public PublicKey publicKey(String name) {
    return keys.get(name).keys().getPublic();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] raw = ex.getRequestBody().readAllBytes();
      JsonNode body = raw.length == 0 ? JSON.createObjectNode() : JSON.readTree(raw);
      String path = ex.getRequestURI().getPath();
      String method = ex.getRequestMethod();
      calls.add(new Call(method, path, body));
      String token = ex.getRequestHeaders().getFirst("X-Vault-Token");
      boolean readOnly = READ_ONLY_TOKEN.equals(token);
      if (!TOKEN.equals(token) && !readOnly) {
        reply(ex, 403, errors("permission denied"));
        return;
      }
      Matcher m = ROUTE.matcher(path);
      if (!m.matches() || !m.group(1).equals(mount) || (m.group(2).equals("keys") && m.group(4) != null)) {
        reply(ex, 404, errors("no handler for route \"" + path.substring(4) + "\". route entry not found."));
        return;
      }
      if (readOnly && !method.equals("GET")) {
        reply(ex, 403, errors("permission denied"));
        return;
      }
      String name = m.group(3);
      if (m.group(2).equals("keys") && method.equals("GET")) {
        Key k = keys.get(name);
        if (k == null) {
          reply(ex, 404, errors());
          return;
        }
        reply(ex, 200, keyInfo(name, k));
      } else if (m.group(2).equals("keys") && method.equals("POST")) {
        String type = body.path("type").asText("aes256-gcm96");
        if (!keys.containsKey(name)) {
          KeyPair kp;
          try {
            kp = generate(type);
          } catch (IllegalArgumentException e) {
            reply(ex, 400, errors("unknown key type " + type));
            return;
          }
          keys.put(name, new Key(type, kp));
        }
        reply(ex, 204, null);
      } else if (m.group(2).equals("sign") && method.equals("POST")) {
        sign(ex, name, m.group(4) == null ? "sha2-256" : m.group(4), body);
      } else {
        reply(ex, 405, errors("unsupported operation"));
      }
    }
  }

  private void sign(HttpExchange ex, String name, String hash, JsonNode body) throws IOException {
    Key k = keys.get(name);
    if (k == null) {
      reply(ex, 400, errors("signing key not found"));
      return;
    }
    if (k.keys() == null) {
      reply(ex, 400, errors("key type " + k.type() + " does not support signing"));
      return;
    }
    if (!body.hasNonNull("input")) {
      reply(ex, 400, errors("missing input to process"));
      return;
    }
    byte[] input = Base64.getDecoder().decode(body.get("input").asText());
    boolean prehashed = body.path("prehashed").asBoolean(false);
    int len = Integer.parseInt(hash.substring(5)) / 8;
    try {
      byte[] sig;
      if (k.type().equals("ed25519")) {
        if (prehashed) {
          reply(ex, 400, errors("ed25519 signing does not support prehashed input"));
          return;
        }
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(k.keys().getPrivate());
        s.update(input);
        sig = s.sign();
      } else {
        byte[] digest = prehashed ? input : java.security.MessageDigest.getInstance("SHA-" + hash.substring(5)).digest(input);
        if (digest.length != len) {
          reply(ex, 400, errors("input must be hashed with " + hash));
          return;
        }
        if (k.type().startsWith("ecdsa-")) {
          Signature s = Signature.getInstance("NONEwithECDSA");
          s.initSign(k.keys().getPrivate());
          s.update(digest);
          sig = s.sign();
        } else {
          if (!body.path("signature_algorithm").asText("pss").equals("pkcs1v15")) {
            reply(ex, 400, errors("the fake only signs RSA with pkcs1v15"));
            return;
          }
          var oid = len == 32 ? NISTObjectIdentifiers.id_sha256 : len == 48 ? NISTObjectIdentifiers.id_sha384 : NISTObjectIdentifiers.id_sha512;
          Signature s = Signature.getInstance("NONEwithRSA");
          s.initSign(k.keys().getPrivate());
          s.update(new DigestInfo(new AlgorithmIdentifier(oid, DERNull.INSTANCE), digest).getEncoded());
          sig = s.sign();
        }
      }
      ObjectNode r = JSON.createObjectNode();
      r.putObject("data").put("signature", "vault:v1:" + Base64.getEncoder().encodeToString(sig)).put("key_version", 1);
      reply(ex, 200, r);
    } catch (GeneralSecurityException e) {
      reply(ex, 500, errors(e.getMessage()));
    }
  }

  private static ObjectNode keyInfo(String name, Key k) {
    ObjectNode r = JSON.createObjectNode();
    ObjectNode d = r.putObject("data").put("name", name).put("type", k.type()).put("latest_version", 1)
        .put("min_decryption_version", 1).put("supports_signing", k.keys() != null).put("exportable", false);
    ObjectNode v1 = d.putObject("keys");
    if (k.keys() == null) {
      v1.put("1", 1_700_000_000L);
    } else {
      byte[] spki = k.keys().getPublic().getEncoded();
      // like Vault: PEM for ECDSA and RSA, bare base64 of the 32-byte key for Ed25519
      String pub = k.type().equals("ed25519")
          ? Base64.getEncoder().encodeToString(Arrays.copyOfRange(spki, spki.length - 32, spki.length))
          : TestCerts.pem("PUBLIC KEY", spki);
      v1.putObject("1").put("name", k.type().startsWith("ecdsa") ? "P-" + k.type().substring(7) : "").put("public_key", pub)
          .put("creation_time", "2025-01-01T00:00:00Z");
    }
    return r;
  }

  private static ObjectNode errors(String... messages) {
    ObjectNode r = JSON.createObjectNode();
    var a = r.putArray("errors");
    for (String m : messages) {
      a.add(m);
    }
    return r;
  }

  private static void reply(HttpExchange ex, int status, ObjectNode body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", "application/json");
    if (body == null) {
      ex.sendResponseHeaders(status, -1);
      return;
    }
    byte[] b = body.toString().getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(status, b.length);
    ex.getResponseBody().write(b);
  }

  private static KeyPair generate(String type) {
    try {
      if (type.startsWith("ecdsa-p")) {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp" + type.substring(7) + "r1"));
        return g.generateKeyPair();
      }
      if (type.startsWith("rsa-")) {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(Integer.parseInt(type.substring(4)));
        return g.generateKeyPair();
      }
      if (type.equals("ed25519")) {
        return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      }
      if (type.startsWith("aes") || type.startsWith("chacha") || type.equals("hmac")) {
        return null;
      }
      throw new IllegalArgumentException(type);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
