package dev.jcosign.testkit;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import dev.jcosign.core.oci.Digest;
import dev.jcosign.testkit.FaultRegistry.Fault;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The in-memory content and the distribution-API routes behind {@link FaultRegistry}: manifests,
 * blobs (shared storage, per-repository visibility), monolithic uploads with mounts, tag lists with
 * {@code Link} paging. Error bodies use the distribution format.
 */
final class FakeDistribution {
  static final Pattern MANIFEST = Pattern.compile("^/v2/(.+)/manifests/([^/]+)$");
  static final Pattern UPLOAD = Pattern.compile("^/v2/(.+)/blobs/uploads/([^/]*)$");
  static final Pattern BLOB = Pattern.compile("^/v2/(.+)/blobs/([a-z0-9]+:[a-f0-9]+)$");
  static final Pattern TAGS = Pattern.compile("^/v2/(.+)/tags/list$");
  static final Pattern REFERRERS = Pattern.compile("^/v2/(.+)/referrers/([a-z0-9]+:[a-f0-9]+)$");

  /** How the fake answers the OCI 1.1 referrers API (distribution 2.8, the real peer, has none: 404). */
  enum Referrers { ABSENT, SUPPORTED, BAD_REQUEST, NOT_ACCEPTABLE, WRONG_CONTENT_TYPE }

  private volatile Referrers referrers = Referrers.ABSENT;
  private static final SecureRandom RANDOM = new SecureRandom();

  private record Stored(byte[] bytes, String mediaType) {}

  private final Map<String, Stored> manifests = new ConcurrentHashMap<>(); // "repo@digest"
  private final Map<String, String> tags = new ConcurrentHashMap<>(); // "repo:tag" -> digest
  private final Map<String, byte[]> blobs = new ConcurrentHashMap<>(); // digest -> bytes (shared by all repos)
  private final Map<String, Set<String>> blobRepos = new ConcurrentHashMap<>(); // digest -> repos holding it
  private final Supplier<URI> baseUri;

  FakeDistribution(Supplier<URI> baseUri) {
    this.baseUri = baseUri;
  }

  Digest putManifest(String repo, String tag, byte[] bytes, String mediaType) {
    Digest d = Digest.sha256(bytes);
    manifests.put(repo + "@" + d, new Stored(bytes.clone(), mediaType));
    if (tag != null) {
      tags.put(repo + ":" + tag, d.toString());
    }
    return d;
  }

  Digest putBlob(String repo, byte[] bytes) {
    Digest d = Digest.sha256(bytes);
    blobs.put(d.toString(), bytes.clone());
    blobRepos.computeIfAbsent(d.toString(), k -> ConcurrentHashMap.newKeySet()).add(repo);
    return d;
  }

  Optional<byte[]> manifest(String repo, Digest digest) {
    return Optional.ofNullable(manifests.get(repo + "@" + digest)).map(s -> s.bytes().clone());
  }

  Optional<byte[]> tagged(String repo, String tag) {
    return Optional.ofNullable(tags.get(repo + ":" + tag)).flatMap(d -> manifest(repo, Digest.parse(d)));
  }

  boolean hasBlob(String repo, Digest digest) {
    return blobRepos.getOrDefault(digest.toString(), Set.of()).contains(repo);
  }

  byte[] blob(String digest) {
    return blobs.get(digest);
  }

  void referrers(Referrers mode) {
    referrers = mode;
  }

  private URI baseUri() {
    return baseUri.get();
  }

  void route(HttpExchange ex, String method, String path, String query, byte[] body, Fault fault) throws IOException {
    Matcher m;
    if ((m = MANIFEST.matcher(path)).matches()) {
      manifestRequest(ex, method, m.group(1), m.group(2), body, fault);
    } else if ((m = UPLOAD.matcher(path)).matches()) {
      upload(ex, method, m.group(1), m.group(2), query, body);
    } else if ((m = BLOB.matcher(path)).matches()) {
      byte[] b = hasBlob(m.group(1), Digest.parse(m.group(2))) ? blobs.get(m.group(2)) : null;
      if (b == null) {
        error(ex, 404, "BLOB_UNKNOWN", "blob unknown to registry", method);
      } else {
        ex.getResponseHeaders().set("Docker-Content-Digest", m.group(2));
        respond(ex, b, "application/octet-stream", method, fault);
      }
    } else if ((m = TAGS.matcher(path)).matches()) {
      tagList(ex, m.group(1), query);
    } else if ((m = REFERRERS.matcher(path)).matches() && referrers != Referrers.ABSENT) {
      referrersList(ex, method, m.group(1), m.group(2), query);
    } else {
      error(ex, 404, "NOT_FOUND", "no route for " + path, method);
    }
  }

  private void manifestRequest(HttpExchange ex, String method, String repo, String ref, byte[] body, Fault fault) throws IOException {
    switch (method) {
      case "GET", "HEAD" -> {
        String digest = ref.contains(":") ? ref : tags.get(repo + ":" + ref);
        Stored s = digest == null ? null : manifests.get(repo + "@" + digest);
        if (s == null) {
          error(ex, 404, "MANIFEST_UNKNOWN", "manifest unknown", method);
          return;
        }
        ex.getResponseHeaders().set("Docker-Content-Digest", digest);
        respond(ex, s.bytes(), s.mediaType(), method, fault);
      }
      case "PUT" -> {
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        Digest d = Digest.sha256(body);
        if (ref.contains(":") && !ref.equals(d.toString())) {
          error(ex, 400, "DIGEST_INVALID", "provided digest did not match uploaded content", method);
          return;
        }
        putManifest(repo, ref.contains(":") ? null : ref, body, type);
        ex.getResponseHeaders().set("Docker-Content-Digest", d.toString());
        String subject = subjectOf(body);
        if (referrers == Referrers.SUPPORTED && subject != null) {
          ex.getResponseHeaders().set("OCI-Subject", subject); // the registry indexed the subject itself
        }
        ex.getResponseHeaders().set("Location", "/v2/" + repo + "/manifests/" + d);
        ex.sendResponseHeaders(201, -1);
      }
      case "DELETE" -> {
        if (!ref.contains(":")) {
          error(ex, 400, "UNSUPPORTED", "the operation is unsupported", method);
          return;
        }
        if (manifests.remove(repo + "@" + ref) == null) {
          error(ex, 404, "MANIFEST_UNKNOWN", "manifest unknown", method);
          return;
        }
        tags.entrySet().removeIf(e -> e.getKey().startsWith(repo + ":") && e.getValue().equals(ref));
        ex.sendResponseHeaders(202, -1);
      }
      default -> error(ex, 405, "UNSUPPORTED", "method not allowed", method);
    }
  }

  private static String subjectOf(byte[] manifest) {
    try {
      com.fasterxml.jackson.databind.JsonNode n = new com.fasterxml.jackson.databind.ObjectMapper().readTree(manifest);
      return n.path("subject").path("digest").isTextual() ? n.path("subject").path("digest").asText() : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** {@code GET /v2/<repo>/referrers/<digest>[?artifactType=T]}: an OCI index of the manifests whose subject is the digest. */
  private void referrersList(HttpExchange ex, String method, String repo, String subject, String query) throws IOException {
    switch (referrers) {
      case BAD_REQUEST -> error(ex, 400, "UNSUPPORTED", "referrers are not supported", method);
      case NOT_ACCEPTABLE -> error(ex, 406, "UNSUPPORTED", "not acceptable", method);
      case WRONG_CONTENT_TYPE -> send(ex, 200, "{\"manifests\":[]}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
          "application/json", method);
      default -> {
        String filter = null;
        if (query != null) {
          for (String kv : query.split("&")) {
            if (kv.startsWith("artifactType=")) {
              filter = java.net.URLDecoder.decode(kv.substring("artifactType=".length()), java.nio.charset.StandardCharsets.UTF_8);
            }
          }
        }
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode index = json.createObjectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", "application/vnd.oci.image.index.v1+json");
        com.fasterxml.jackson.databind.node.ArrayNode list = index.putArray("manifests");
        for (Map.Entry<String, Stored> e : new java.util.TreeMap<>(manifests).entrySet()) {
          if (!e.getKey().startsWith(repo + "@") || !subject.equals(subjectOf(e.getValue().bytes()))) {
            continue;
          }
          com.fasterxml.jackson.databind.JsonNode m = json.readTree(e.getValue().bytes());
          String artifactType = m.path("artifactType").asText(m.path("config").path("mediaType").asText(""));
          if (filter != null && !filter.equals(artifactType)) {
            continue;
          }
          com.fasterxml.jackson.databind.node.ObjectNode d = list.addObject();
          d.put("mediaType", e.getValue().mediaType()).put("size", e.getValue().bytes().length)
              .put("digest", e.getKey().substring(repo.length() + 1)).put("artifactType", artifactType);
          if (m.has("annotations")) {
            d.set("annotations", m.path("annotations"));
          }
        }
        if (filter != null) {
          ex.getResponseHeaders().set("OCI-Filters-Applied", "artifactType");
        }
        send(ex, 200, json.writeValueAsBytes(index), "application/vnd.oci.image.index.v1+json", method);
      }
    }
  }

  private void upload(HttpExchange ex, String method, String repo, String session, String query, byte[] body) throws IOException {
    Map<String, String> q = new java.util.HashMap<>();
    for (String[] kv : TokenServer.query(URI.create("x:/?" + (query == null ? "" : query)))) {
      q.put(kv[0], kv[1]);
    }
    if (method.equals("POST") && session.isEmpty()) {
      String mount = q.get("mount");
      String from = q.get("from");
      if (mount != null && from != null && hasBlob(from, Digest.parse(mount))) {
        blobRepos.get(mount).add(repo);
        ex.getResponseHeaders().set("Docker-Content-Digest", mount);
        ex.getResponseHeaders().set("Location", "/v2/" + repo + "/blobs/" + mount);
        ex.sendResponseHeaders(201, -1);
        return;
      }
      byte[] id = new byte[8];
      RANDOM.nextBytes(id);
      // absolute, with secret-looking state, as distribution does
      ex.getResponseHeaders().set("Location", baseUri() + "/v2/" + repo + "/blobs/uploads/" + HexFormat.of().formatHex(id)
          + "?_state=secret-upload-state-" + HexFormat.of().formatHex(id));
      ex.getResponseHeaders().set("Range", "0-0");
      ex.sendResponseHeaders(202, -1);
      return;
    }
    if (method.equals("PUT") && !session.isEmpty()) {
      String digest = q.get("digest");
      if (digest == null || !Digest.sha256(body).toString().equals(digest)) {
        error(ex, 400, "DIGEST_INVALID", "provided digest did not match uploaded content", method);
        return;
      }
      putBlob(repo, body);
      ex.getResponseHeaders().set("Docker-Content-Digest", digest);
      ex.getResponseHeaders().set("Location", "/v2/" + repo + "/blobs/" + digest);
      ex.sendResponseHeaders(201, -1);
      return;
    }
    error(ex, 405, "UNSUPPORTED", "method not allowed", method);
  }

  private void tagList(HttpExchange ex, String repo, String query) throws IOException {
    TreeSet<String> all = new TreeSet<>();
    tags.keySet().stream().filter(k -> k.startsWith(repo + ":")).forEach(k -> all.add(k.substring(repo.length() + 1)));
    if (all.isEmpty()) {
      error(ex, 404, "NAME_UNKNOWN", "repository name not known to registry", "GET");
      return;
    }
    int n = Integer.MAX_VALUE;
    String last = null;
    for (String[] kv : TokenServer.query(URI.create("x:/?" + (query == null ? "" : query)))) {
      if (kv[0].equals("n")) {
        n = Integer.parseInt(kv[1]);
      } else if (kv[0].equals("last")) {
        last = kv[1];
      }
    }
    List<String> page = new ArrayList<>(last == null ? all : all.tailSet(last, false));
    boolean more = page.size() > n;
    if (more) {
      page = page.subList(0, n);
      // relative, as distribution sends it
      ex.getResponseHeaders().set("Link", "</v2/" + repo + "/tags/list?last=" + page.get(page.size() - 1) + "&n=" + n + ">; rel=\"next\"");
    }
    StringBuilder json = new StringBuilder("{\"name\":\"" + repo + "\",\"tags\":[");
    for (int i = 0; i < page.size(); i++) {
      json.append(i == 0 ? "" : ",").append('"').append(page.get(i)).append('"');
    }
    json.append("]}");
    send(ex, 200, json.toString().getBytes(StandardCharsets.UTF_8), "application/json", "GET");
  }

  /** The normal 200 for content, changed by TRUNCATED_BODY / WRONG_DIGEST. */
  private static void respond(HttpExchange ex, byte[] content, String type, String method, Fault fault) throws IOException {
    byte[] b = content;
    if (fault == Fault.WRONG_DIGEST) {
      b = java.util.Arrays.copyOf(content, content.length + 1);
      b[content.length] = '\n';
    }
    ex.getResponseHeaders().set("Content-Type", type);
    if (fault == Fault.NO_DIGEST_HEADER) {
      ex.getResponseHeaders().remove("Docker-Content-Digest");
    }
    if (method.equals("HEAD")) {
      ex.getResponseHeaders().set("Content-Length", Integer.toString(b.length));
      ex.sendResponseHeaders(200, -1);
      return;
    }
    ex.sendResponseHeaders(200, b.length);
    if (fault == Fault.SLOW_BODY || fault == Fault.STALLED_BODY) {
      trickle(ex, b, fault == Fault.STALLED_BODY);
      return;
    }
    if (fault == Fault.TRUNCATED_BODY) {
      ex.getResponseBody().write(b, 0, b.length / 2);
      ex.getResponseBody().flush();
      throw new IOException("fault: connection closed mid-body"); // HttpServer then drops the connection
    }
    ex.getResponseBody().write(b);
  }

  /** Sends {@code b} one byte at a time, slowly, or nothing at all; ends when the client hangs up. */
  private static void trickle(HttpExchange ex, byte[] b, boolean stall) {
    try {
      java.io.OutputStream out = ex.getResponseBody();
      out.flush();
      if (stall) {
        Thread.sleep(60_000);
      }
      for (byte x : b) {
        out.write(x);
        out.flush();
        Thread.sleep(400);
      }
      out.close();
    } catch (IOException | InterruptedException e) {
      // the client gave up, as it should
    }
  }

  static void error(HttpExchange ex, int status, String code, String message, String method) throws IOException {
    String json = "{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"" + message + "\",\"detail\":null}]}";
    send(ex, status, json.getBytes(StandardCharsets.UTF_8), "application/json; charset=utf-8", method);
  }

  static void send(HttpExchange ex, int status, byte[] body, String type, String method) throws IOException {
    Headers h = ex.getResponseHeaders();
    h.set("Content-Type", type);
    h.set("Docker-Distribution-Api-Version", "registry/2.0");
    if (method.equals("HEAD")) {
      h.set("Content-Length", Integer.toString(body.length));
      ex.sendResponseHeaders(status, -1);
      return;
    }
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      ex.getResponseBody().write(body);
    }
  }
}
