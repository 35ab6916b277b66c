package dev.jcosign.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.jcosign.core.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TUF repository (TUF spec 1.0, consistent snapshots) built and signed in the test and served by a
 * JDK {@link HttpServer} on 127.0.0.1, laid out as a real mirror: {@code N.root.json},
 * {@code timestamp.json}, {@code V.snapshot.json}, {@code V.targets.json} and
 * {@code targets/<sha256|sha512>.<name>}. One ECDSA P-256 key ({@code ecdsa}/{@code ecdsa-sha2-nistp256},
 * PEM key value) per role, threshold 1; signatures are over the TUF (OLPC) canonical JSON of
 * {@code signed}: sorted keys, no whitespace, only {@code \\} and {@code "} escaped in strings, so the
 * newlines of PEM keys stay raw as in securesystemslib and go-tuf (RFC 8785 would escape them).
 *
 * <p>Knobs for the failure cases: {@link #rotateRoot(boolean)}, {@link #timestampExpires(Instant)},
 * {@link #corruptSnapshotSignature()}, {@link #tamperTarget(String)}.
 */
public final class TestTufRepository implements AutoCloseable {
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final HttpServer server;
  private final List<byte[]> roots = new ArrayList<>();
  private final Map<String, byte[]> targets = new LinkedHashMap<>();
  private KeyPair rootKey;
  private final KeyPair timestampKey = ec();
  private final KeyPair snapshotKey = ec();
  private final KeyPair targetsKey = ec();
  private int version;
  private Instant timestampExpires = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
  private boolean corruptSnapshot;

  /** A repository whose first root expires in a year. */
  public TestTufRepository() {
    this(Instant.now().plus(Duration.ofDays(365)));
  }

  /** A repository whose first root ({@code 1.root.json}) expires at {@code firstRootExpires}. */
  public TestTufRepository(Instant firstRootExpires) {
    rootKey = ec();
    addRoot(firstRootExpires, List.of(rootKey));
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    server.createContext("/", ex -> {
      String path = ex.getRequestURI().getPath().substring(1);
      requests.add(ex.getRequestMethod() + " /" + path);
      byte[] body = files.get(path);
      ex.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
      if (body != null) {
        try (OutputStream o = ex.getResponseBody()) {
          o.write(body);
        }
      }
      ex.close();
    });
    server.start();
  }

  /** The mirror URL, e.g. {@code http://127.0.0.1:40000}. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The signed {@code N.root.json} bytes, e.g. to give as {@code --root}. */
  public byte[] root(int n) {
    return roots.get(n - 1).clone();
  }

  /** Writes {@code N.root.json} to {@code file}. */
  public Path writeRoot(int n, Path file) throws IOException {
    return Files.write(file, root(n));
  }

  /** Copies the served files under {@code dir}, a mirror for {@code file:} URLs (cosign's air-gapped remote). */
  public Path writeTo(Path dir) throws IOException {
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      Path p = dir.resolve(f.getKey());
      Files.createDirectories(p.getParent());
      Files.write(p, f.getValue());
    }
    return dir;
  }

  /** Requests seen so far ({@code GET /path}). */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  /** Sets (or replaces) a target and publishes new timestamp/snapshot/targets versions. */
  public TestTufRepository target(String name, byte[] content) {
    targets.put(name, content.clone());
    publish();
    return this;
  }

  /** The next timestamp.json expires at {@code t} (republished now). */
  public TestTufRepository timestampExpires(Instant t) {
    timestampExpires = t.truncatedTo(ChronoUnit.SECONDS);
    publish();
    return this;
  }

  /** The next snapshot carries a signature by the right key id over other bytes (republished now). */
  public TestTufRepository corruptSnapshotSignature() {
    corruptSnapshot = true;
    publish();
    return this;
  }

  /** Serves different bytes (same length) for target {@code name} than targets.json describes. */
  public TestTufRepository tamperTarget(String name) {
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      if (f.getKey().startsWith("targets/") && f.getKey().endsWith("." + name)) {
        byte[] b = f.getValue().clone();
        b[b.length / 2] ^= 0x01;
        files.put(f.getKey(), b);
      }
    }
    return this;
  }

  /**
   * Publishes root version N+1 with a new root key and new timestamp/snapshot/targets keys left as
   * they are, signed by the new key and, when {@code signedByOldKey}, by the previous root key too
   * (TUF spec 5.3.4 requires both thresholds).
   */
  public TestTufRepository rotateRoot(boolean signedByOldKey) {
    KeyPair old = rootKey;
    rootKey = ec();
    addRoot(Instant.now().plus(Duration.ofDays(365)), signedByOldKey ? List.of(old, rootKey) : List.of(rootKey));
    return this;
  }

  private void addRoot(Instant expires, List<KeyPair> signers) {
    ObjectNode signed = Json.object();
    signed.put("_type", "root").put("spec_version", "1.0").put("version", roots.size() + 1)
        .put("expires", expires.truncatedTo(ChronoUnit.SECONDS).toString()).put("consistent_snapshot", true);
    ObjectNode keys = signed.putObject("keys");
    ObjectNode roles = signed.putObject("roles");
    Map<String, KeyPair> byRole = new LinkedHashMap<>();
    byRole.put("root", rootKey);
    byRole.put("timestamp", timestampKey);
    byRole.put("snapshot", snapshotKey);
    byRole.put("targets", targetsKey);
    for (Map.Entry<String, KeyPair> r : byRole.entrySet()) {
      ObjectNode key = keyJson(r.getValue());
      String id = keyId(r.getValue());
      keys.set(id, key);
      ObjectNode role = roles.putObject(r.getKey());
      role.putArray("keyids").add(id);
      role.put("threshold", 1);
    }
    byte[] doc = sign(signed, signers, false);
    roots.add(doc);
    files.put(roots.size() + ".root.json", doc);
  }

  private void publish() {
    version++;
    String expires = Instant.now().plus(Duration.ofDays(365)).truncatedTo(ChronoUnit.SECONDS).toString();
    ObjectNode targetsSigned = Json.object();
    targetsSigned.put("_type", "targets").put("spec_version", "1.0").put("version", version).put("expires", expires);
    ObjectNode list = targetsSigned.putObject("targets");
    for (Map.Entry<String, byte[]> t : targets.entrySet()) {
      ObjectNode hashes = Json.object().put("sha256", hex("SHA-256", t.getValue())).put("sha512", hex("SHA-512", t.getValue()));
      list.putObject(t.getKey()).put("length", t.getValue().length).set("hashes", hashes);
      files.put("targets/" + hashes.get("sha256").asText() + "." + t.getKey(), t.getValue());
      files.put("targets/" + hashes.get("sha512").asText() + "." + t.getKey(), t.getValue());
    }
    byte[] targetsDoc = sign(targetsSigned, List.of(targetsKey), false);
    files.put(version + ".targets.json", targetsDoc);

    ObjectNode snapshotSigned = Json.object();
    snapshotSigned.put("_type", "snapshot").put("spec_version", "1.0").put("version", version).put("expires", expires);
    snapshotSigned.putObject("meta").set("targets.json", meta(targetsDoc));
    byte[] snapshotDoc = sign(snapshotSigned, List.of(snapshotKey), corruptSnapshot);
    files.put(version + ".snapshot.json", snapshotDoc);

    ObjectNode timestampSigned = Json.object();
    timestampSigned.put("_type", "timestamp").put("spec_version", "1.0").put("version", version)
        .put("expires", timestampExpires.toString());
    timestampSigned.putObject("meta").set("snapshot.json", meta(snapshotDoc));
    files.put("timestamp.json", sign(timestampSigned, List.of(timestampKey), false));
  }

  private ObjectNode meta(byte[] doc) {
    ObjectNode m = Json.object().put("version", version).put("length", doc.length);
    m.putObject("hashes").put("sha256", hex("SHA-256", doc));
    return m;
  }

  private static byte[] sign(ObjectNode signed, List<KeyPair> keys, boolean corrupt) {
    byte[] canonical = canonical(signed);
    ObjectNode doc = Json.object();
    ArrayNode sigs = doc.putArray("signatures");
    for (KeyPair k : keys) {
      try {
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(k.getPrivate());
        s.update(canonical);
        if (corrupt) {
          s.update((byte) '!'); // a valid signature, but over other bytes
        }
        sigs.addObject().put("keyid", keyId(k)).put("sig", HexFormat.of().formatHex(s.sign()));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    doc.set("signed", signed);
    return Json.write(doc);
  }

  private static ObjectNode keyJson(KeyPair k) {
    String pem = "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(k.getPublic().getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
    ObjectNode key = Json.object().put("keytype", "ecdsa").put("scheme", "ecdsa-sha2-nistp256");
    key.putArray("keyid_hash_algorithms").add("sha256").add("sha512");
    key.putObject("keyval").put("public", pem);
    return key;
  }

  /** TUF key ID: SHA-256 of the canonical JSON of the key object. */
  private static String keyId(KeyPair k) {
    return hex("SHA-256", canonical(keyJson(k)));
  }

  /** TUF canonical JSON (securesystemslib's cjson): enough for objects, arrays, strings, integers, booleans. */
  static byte[] canonical(com.fasterxml.jackson.databind.JsonNode n) {
    StringBuilder b = new StringBuilder();
    canonical(n, b);
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void canonical(com.fasterxml.jackson.databind.JsonNode n, StringBuilder b) {
    if (n.isObject()) {
      List<String> names = new ArrayList<>();
      n.fieldNames().forEachRemaining(names::add);
      names.sort(null);
      b.append('{');
      for (int i = 0; i < names.size(); i++) {
        b.append(i == 0 ? "" : ",");
        string(names.get(i), b);
        b.append(':');
        canonical(n.get(names.get(i)), b);
      }
      b.append('}');
    } else if (n.isArray()) {
      b.append('[');
      for (int i = 0; i < n.size(); i++) {
        b.append(i == 0 ? "" : ",");
        canonical(n.get(i), b);
      }
      b.append(']');
    } else if (n.isTextual()) {
      string(n.asText(), b);
    } else if (n.isIntegralNumber() || n.isBoolean()) {
      b.append(n.asText());
    } else {
      throw new IllegalArgumentException("not canonicalisable: " + n);
    }
  }

  private static void string(String s, StringBuilder b) {
    b.append('"').append(s.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
  }

  static String hex(String alg, byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(alg).digest(b));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair ec() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
