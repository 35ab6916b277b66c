package dev.jcosign.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;

/**
 * An in-process AWS KMS: the JSON 1.1 protocol ({@code X-Amz-Target: TrentService.<Op>}) over HTTPS
 * on 127.0.0.1, with SigV4 authentication checked against known access keys and real keys generated
 * here. Like KMS it refuses a digest whose length does not match the signing algorithm, an
 * algorithm the key does not list, and signing with a key whose usage is not SIGN_VERIFY; errors are
 * AWS JSON errors ({@code __type}, {@code message}).
 */
public final class AwsKmsFake implements AutoCloseable {
  public static final String ACCESS_KEY = "AKIAFAKEFAKEFAKE0001";
  public static final String SECRET_KEY = "fake-secret-do-not-print-0123456789";
  /** A session token the fake treats as expired. */
  public static final String EXPIRED_TOKEN = "expired-session-token-secret";
  public static final String ACCOUNT = "111122223333";
  public static final String REGION = "us-east-1";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One key: {@code keys} is null for symmetric keys. */
  public record Key(String id, String arn, String spec, String usage, List<String> algorithms, KeyPair keys, String description) {}

  /** What the fake saw: the operation and, for Sign, the message type and algorithm. */
  public record Call(String op, String messageType, String algorithm, int messageLength) {}

  private final HttpsServer server;
  private final Map<String, Key> keys = new ConcurrentHashMap<>();
  private final Map<String, String> aliases = new ConcurrentHashMap<>();
  private final Set<String> denied = ConcurrentHashMap.newKeySet();
  public final List<Call> calls = new CopyOnWriteArrayList<>();

  public AwsKmsFake() {
    try {
      server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.setHttpsConfigurator(new HttpsConfigurator(serverContext()));
      server.createContext("/", this::handle);
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code HOST:PORT} for {@code awskms://HOST:PORT/...}. */
  public String endpoint() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  /** Adds a key with real key material; returns its key id. */
  public String addKey(String spec, String usage, List<String> algorithms) {
    String id = UUID.randomUUID().toString();
    keys.put(id, new Key(id, arn("key/" + id), spec, usage, List.copyOf(algorithms), generate(spec), ""));
    return id;
  }

  public void alias(String aliasName, String keyId) {
    aliases.put(aliasName, keyId);
  }

  /** Makes every operation on {@code keyId} fail with AccessDeniedException. */
  public void deny(String keyId) {
    denied.add(keyId);
  }

  public Key key(String keyId) {
    return keys.get(keyId);
  }

  public String aliasTarget(String aliasName) {
    return aliases.get(aliasName);
  }

  public static String arn(String resource) {
    return "arn:aws:kms:" + REGION + ":" + ACCOUNT + ":" + resource;
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] body = ex.getRequestBody().readAllBytes();
      String target = ex.getRequestHeaders().getFirst("X-Amz-Target");
      if (!"POST".equals(ex.getRequestMethod()) || target == null || !target.startsWith("TrentService.")
          || !"application/x-amz-json-1.1".equals(ex.getRequestHeaders().getFirst("Content-Type"))) {
        reply(ex, 404, error("UnknownOperationException", "not a KMS JSON 1.1 request"));
        return;
      }
      String authError = AwsSigV4.check("POST", ex.getRequestURI().getRawPath(), ex.getRequestHeaders(), body,
          Map.of(ACCESS_KEY, SECRET_KEY), "kms");
      if (authError == null && EXPIRED_TOKEN.equals(ex.getRequestHeaders().getFirst("X-Amz-Security-Token"))) {
        authError = "ExpiredTokenException";
      }
      if (authError != null) {
        reply(ex, authError.equals("UnrecognizedClientException") || authError.equals("ExpiredTokenException") ? 400 : 403,
            error(authError, "The security token included in the request is invalid or expired."));
        return;
      }
      JsonNode req = JSON.readTree(body);
      String op = target.substring("TrentService.".length());
      try {
        reply(ex, 200, dispatch(op, req));
      } catch (KmsError e) {
        reply(ex, 400, error(e.type, e.getMessage()));
      }
    }
  }

  private ObjectNode dispatch(String op, JsonNode req) {
    switch (op) {
      case "GetPublicKey": {
        calls.add(new Call(op, null, null, 0));
        Key k = resolve(req);
        if (k.keys() == null) {
          throw new KmsError("UnsupportedOperationException", k.arn() + " key usage is not supported for GetPublicKey");
        }
        ObjectNode r = JSON.createObjectNode().put("KeyId", k.arn()).put("KeySpec", k.spec()).put("CustomerMasterKeySpec", k.spec())
            .put("KeyUsage", k.usage()).put("PublicKey", Base64.getEncoder().encodeToString(k.keys().getPublic().getEncoded()));
        r.putArray(k.usage().equals("SIGN_VERIFY") ? "SigningAlgorithms" : "EncryptionAlgorithms").addAll(
            k.algorithms().stream().map(a -> JSON.getNodeFactory().textNode(a)).toList());
        return r;
      }
      case "DescribeKey": {
        calls.add(new Call(op, null, null, 0));
        Key k = resolve(req);
        ObjectNode r = JSON.createObjectNode();
        ObjectNode md = r.putObject("KeyMetadata").put("KeyId", k.id()).put("Arn", k.arn()).put("AWSAccountId", ACCOUNT)
            .put("KeySpec", k.spec()).put("KeyUsage", k.usage()).put("Enabled", true).put("KeyState", "Enabled")
            .put("Description", k.description());
        md.putArray("SigningAlgorithms").addAll(k.algorithms().stream().map(a -> JSON.getNodeFactory().textNode(a)).toList());
        return r;
      }
      case "Sign":
        return sign(req);
      case "CreateKey": {
        calls.add(new Call(op, null, null, 0));
        String spec = req.path("KeySpec").asText("SYMMETRIC_DEFAULT");
        String usage = req.path("KeyUsage").asText("ENCRYPT_DECRYPT");
        List<String> algs = spec.equals("ECC_NIST_P256") && usage.equals("SIGN_VERIFY") ? List.of("ECDSA_SHA_256") : List.of();
        if (algs.isEmpty()) {
          throw new KmsError("ValidationException", "the fake creates only ECC_NIST_P256 SIGN_VERIFY keys");
        }
        String id = UUID.randomUUID().toString();
        Key k = new Key(id, arn("key/" + id), spec, usage, algs, generate(spec), req.path("Description").asText(""));
        keys.put(id, k);
        ObjectNode r = JSON.createObjectNode();
        r.putObject("KeyMetadata").put("KeyId", id).put("Arn", k.arn()).put("KeySpec", spec).put("KeyUsage", usage)
            .put("Description", k.description());
        return r;
      }
      case "CreateAlias": {
        calls.add(new Call(op, null, null, 0));
        String name = req.path("AliasName").asText();
        if (!name.matches("alias/[a-zA-Z0-9/_-]+") || name.startsWith("alias/aws/")) {
          throw new KmsError("ValidationException", "invalid alias name " + name);
        }
        if (aliases.containsKey(name)) {
          throw new KmsError("AlreadyExistsException", "An alias with the name " + arn(name) + " already exists");
        }
        aliases.put(name, resolveId(req.path("TargetKeyId").asText()).id());
        return JSON.createObjectNode();
      }
      default:
        throw new KmsError("UnknownOperationException", "unknown operation " + op);
    }
  }

  private ObjectNode sign(JsonNode req) {
    Key k = resolve(req);
    String type = req.path("MessageType").asText("RAW");
    String alg = req.path("SigningAlgorithm").asText("");
    byte[] msg = Base64.getDecoder().decode(req.path("Message").asText(""));
    calls.add(new Call("Sign", type, alg, msg.length));
    if (!k.usage().equals("SIGN_VERIFY")) {
      throw new KmsError("InvalidKeyUsageException", "KeyUsage " + k.usage() + " is not compatible with Sign");
    }
    if (!k.algorithms().contains(alg)) {
      throw new KmsError("InvalidKeyUsageException", "Algorithm " + alg + " is incompatible with key spec " + k.spec());
    }
    String hash = "SHA-" + alg.substring(alg.lastIndexOf('_') + 1);
    int len = Integer.parseInt(alg.substring(alg.lastIndexOf('_') + 1)) / 8;
    try {
      byte[] digest;
      if (type.equals("DIGEST")) {
        if (msg.length != len) {
          throw new KmsError("ValidationException", "Digest is invalid length for algorithm " + alg);
        }
        digest = msg;
      } else if (type.equals("RAW")) {
        digest = java.security.MessageDigest.getInstance(hash).digest(msg);
      } else {
        throw new KmsError("ValidationException", "invalid MessageType " + type);
      }
      byte[] sig;
      if (alg.startsWith("ECDSA_")) {
        Signature s = Signature.getInstance("NONEwithECDSA");
        s.initSign(k.keys().getPrivate());
        s.update(digest);
        sig = s.sign();
      } else if (alg.startsWith("RSASSA_PKCS1_V1_5_")) {
        var oid = len == 32 ? NISTObjectIdentifiers.id_sha256 : len == 48 ? NISTObjectIdentifiers.id_sha384 : NISTObjectIdentifiers.id_sha512;
        Signature s = Signature.getInstance("NONEwithRSA");
        s.initSign(k.keys().getPrivate());
        s.update(new DigestInfo(new AlgorithmIdentifier(oid, DERNull.INSTANCE), digest).getEncoded());
        sig = s.sign();
      } else {
        throw new KmsError("UnsupportedOperationException", "the fake does not sign with " + alg);
      }
      return JSON.createObjectNode().put("KeyId", k.arn()).put("SigningAlgorithm", alg)
          .put("Signature", Base64.getEncoder().encodeToString(sig));
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private Key resolve(JsonNode req) {
    if (!req.hasNonNull("KeyId")) {
      throw new KmsError("ValidationException", "KeyId is required");
    }
    return resolveId(req.get("KeyId").asText());
  }

  private Key resolveId(String keyId) {
    String id = keyId;
    String prefix = arn("");
    if (id.startsWith(prefix)) {
      id = id.substring(prefix.length());
    }
    if (id.startsWith("alias/")) {
      String target = aliases.get(id);
      if (target == null) {
        throw new KmsError("NotFoundException", "Alias " + arn(id) + " is not found.");
      }
      id = target;
    } else if (id.startsWith("key/")) {
      id = id.substring(4);
    }
    Key k = keys.get(id);
    if (k == null) {
      throw new KmsError("NotFoundException", "Key '" + arn("key/" + id) + "' does not exist");
    }
    if (denied.contains(k.id())) {
      throw new KmsError("AccessDeniedException", "User: arn:aws:iam::" + ACCOUNT + ":user/test is not authorized to perform this operation on " + k.arn());
    }
    return k;
  }

  private static byte[] error(String type, String message) {
    return JSON.createObjectNode().put("__type", type).put("message", message).toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void reply(HttpExchange ex, int status, Object body) throws IOException {
    byte[] b = body instanceof byte[] bytes ? bytes : body.toString().getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
    ex.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
    ex.sendResponseHeaders(status, b.length);
    ex.getResponseBody().write(b);
  }

  private static KeyPair generate(String spec) {
    try {
      if (spec.startsWith("ECC_NIST_P")) {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp" + spec.substring("ECC_NIST_P".length()) + "r1"));
        return g.generateKeyPair();
      }
      if (spec.startsWith("RSA_")) {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(Integer.parseInt(spec.substring(4)));
        return g.generateKeyPair();
      }
      if (spec.equals("ECC_SECG_P256K1")) {
        // same shape as a real secp256k1 key's metadata; the material itself is never used
        return generate("ECC_NIST_P256");
      }
      return null;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public PublicKey publicKey(String keyId) {
    return keys.get(keyId).keys().getPublic();
  }

  private static SSLContext serverContext() {
    try {
      TestCerts.Issued ca = TestCerts.ca("fake kms ca");
      TestCerts.Issued srv = TestCerts.server(ca);
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry("server", srv.keys().getPrivate(), new char[0], new X509Certificate[] {srv.cert(), ca.cert()});
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, new char[0]);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), null, null);
      return ctx;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private static final class KmsError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String type;

    KmsError(String type, String message) {
      super(message);
      this.type = type;
    }
  }
}
