package dev.jcosign.adapters.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcosign.adapters.registry.Exchange.Request;
import dev.jcosign.adapters.registry.Exchange.Response;
import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.error.RegistryException;
import dev.jcosign.core.json.Json;
import dev.jcosign.core.oci.Descriptor;
import dev.jcosign.core.oci.Digest;
import dev.jcosign.core.oci.ImageReference;
import dev.jcosign.core.oci.MediaTypes;
import dev.jcosign.core.oci.RawManifest;
import dev.jcosign.core.oci.Repository;
import dev.jcosign.core.spi.Registry;
import java.net.URI;
import dev.jcosign.adapters.http.HttpClients;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link Registry} speaking the OCI distribution API over {@code java.net.http} (spec §3): manifests
 * kept as raw bytes with digests checked, monolithic blob uploads with cross-repo mount, tag paging,
 * token/basic auth with Docker config credentials, retries, and size caps on everything read.
 * Thread-safe; one instance may serve many registries.
 */
public final class HttpRegistry implements Registry, AutoCloseable {
  /** Everything we can read, OCI first (distribution 404s an OCI manifest without an OCI Accept). */
  static final String ACCEPT = String.join(", ",
      MediaTypes.OCI_MANIFEST, MediaTypes.OCI_INDEX, MediaTypes.DOCKER_MANIFEST, MediaTypes.DOCKER_MANIFEST_LIST);
  private static final long MAX_TAG_LIST_BYTES = 16L * 1024 * 1024;
  private static final int MAX_TAG_PAGES = 10_000;
  private static final Pattern LINK_NEXT = Pattern.compile("<([^>]*)>\\s*;[^,]*rel=\"?next\"?");
  private static final Set<Integer> UPLOAD_RETRY = Set.of(429, 500, 502, 503, 504);

  /** Blobs already fetched by this command (content-addressed, so never stale), within a memory budget. */
  private static final long MEMO_BUDGET = 32L << 20;
  private final java.util.concurrent.ConcurrentHashMap<String, byte[]> blobMemo = new java.util.concurrent.ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicLong memoBytes = new java.util.concurrent.atomic.AtomicLong();
  /**
   * Registries whose server has no referrers route at all (a plain 404, not a registry error document):
   * asked once per process, not once per image of a many-image verify (issue 12). A registry with the API
   * never answers 404 to it (OCI distribution spec 1.1, "Listing Referrers"); an unknown repository on
   * such a registry comes back as a JSON NAME_UNKNOWN error, which is not remembered.
   */
  private final java.util.Set<String> noReferrersRoute = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final RegistryConfig config;
  private final RegistryAuth auth;
  private final HttpSender sender;
  private final HttpClient client;

  public HttpRegistry(RegistryConfig config) {
    this(config, d -> Thread.sleep(d.toMillis()));
  }

  /** With a custom pause between retries (tests). */
  HttpRegistry(RegistryConfig config, HttpSender.Sleeper sleeper) {
    this.config = config;
    this.client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER) // followed by hand, dropping credentials across hosts
        .connectTimeout(config.connectTimeout())
        .sslContext(TlsContexts.create(config))
        .sslParameters(TlsContexts.parameters(config))
        .build();
    this.sender = new HttpSender(client, config, sleeper);
    this.auth = new RegistryAuth(sender, config,
        new DockerConfigKeychain(config.dockerConfigDir(), config.environment(), Duration.ofSeconds(30)));
  }

  /** Stops the HTTP client's threads; the registry must not be used afterwards. */
  @Override
  public void close() {
    HttpClients.stop(client);
  }

  @Override
  public Optional<Descriptor> head(ImageReference ref) {
    Repository repo = ref.repository();
    Response r = send(repo, manifestRequest("HEAD", ref));
    if (r.status() == 404) {
      return Optional.empty();
    }
    if (!r.ok()) {
      // HEAD responses have no body: a GET gives the registry's error code and message
      return getManifest(ref).map(RawManifest::descriptor);
    }
    Optional<Digest> digest = headerDigest(r);
    Optional<String> type = r.mediaType().filter(MediaTypes.MANIFESTS::contains);
    OptionalLong size = r.headers().firstValueAsLong("Content-Length");
    if (digest.isEmpty() || type.isEmpty() || size.isEmpty() || size.getAsLong() <= 0) {
      return getManifest(ref).map(RawManifest::descriptor);
    }
    if (ref.digest() != null && !ref.digest().equals(digest.get())) {
      throw new RegistryException("HEAD " + RegistryErrors.redact(r.uri()) + ": registry answered with digest "
          + digest.get() + " for " + ref.digest(), r.status(), "DIGEST_INVALID");
    }
    return Optional.of(new Descriptor(type.get(), digest.get(), size.getAsLong()));
  }

  @Override
  public Optional<RawManifest> getManifest(ImageReference ref) {
    Response r = send(ref.repository(), manifestRequest("GET", ref));
    if (r.status() == 404) {
      return Optional.empty();
    }
    if (!r.ok()) {
      throw RegistryErrors.fromResponse("GET", r.uri(), r.status(), r.body());
    }
    byte[] bytes = r.body();
    String where = "GET " + RegistryErrors.redact(r.uri());
    checkDigest(where, "manifest", bytes, ref.digest());
    headerDigest(r).ifPresent(d -> checkDigest(where + " (Docker-Content-Digest)", "manifest", bytes, d));
    return Optional.of(RawManifest.of(bytes, mediaTypeOf(r, bytes)));
  }

  @Override
  public Digest putManifest(ImageReference ref, RawManifest manifest) {
    byte[] bytes = manifest.bytes();
    Digest digest = Digest.sha256(bytes);
    if (!digest.equals(manifest.digest())) {
      throw new InvalidInputException("manifest bytes hash to " + digest + ", not to its digest " + manifest.digest());
    }
    if (ref.digest() != null && !ref.digest().equals(digest)) {
      throw new InvalidInputException("cannot store manifest " + digest + " under digest " + ref.digest());
    }
    Repository repo = ref.repository();
    URI uri = v2(repo, "manifests/" + ref.identifier());
    Request req = new Request("PUT", uri, Map.of("Content-Type", manifest.mediaType()), bytes, Scope.push(repo),
        true, false, HttpSender.MAX_ERROR_BODY, "response");
    Response r = send(repo, req);
    if (!r.ok()) {
      throw RegistryErrors.fromResponse("PUT", r.uri(), r.status(), r.body());
    }
    Optional<Digest> echoed = headerDigest(r);
    if (echoed.isPresent() && echoed.get().algorithm().equals("sha256") && !echoed.get().equals(digest)) {
      throw new RegistryException("PUT " + RegistryErrors.redact(r.uri()) + ": registry stored the manifest as "
          + echoed.get() + ", expected " + digest, r.status(), "DIGEST_INVALID");
    }
    return digest;
  }

  @Override
  public void deleteManifest(Repository repo, Digest digest) {
    Request req = new Request("DELETE", v2(repo, "manifests/" + digest), Map.of(), null, Scope.delete(repo),
        true, false, HttpSender.MAX_ERROR_BODY, "response");
    Response r = send(repo, req);
    if (!r.ok()) {
      throw RegistryErrors.fromResponse("DELETE", r.uri(), r.status(), r.body());
    }
  }

  @Override
  public boolean blobExists(Repository repo, Digest digest) {
    return blobExists(repo, digest, Scope.pull(repo));
  }

  private boolean blobExists(Repository repo, Digest digest, Scope scope) {
    Request req = Request.get(v2(repo, "blobs/" + digest), scope, 0, "blob").withMethod("HEAD").followingRedirects();
    Response r = send(repo, req);
    if (r.status() == 404) {
      return false;
    }
    if (!r.ok()) {
      throw RegistryErrors.fromResponse("HEAD", r.uri(), r.status(), r.body());
    }
    return true;
  }

  @Override
  public byte[] getBlob(Repository repo, Digest digest, long maxBytes) {
    long cap = maxBytes > 0 ? Math.min(maxBytes, config.maxBlobBytes()) : config.maxBlobBytes();
    String key = repo + "@" + digest;
    byte[] known = blobMemo.get(key);
    if (known != null && known.length <= cap) {
      return known.clone(); // issue 11: a blob listed many times (a hostile .sig) is fetched once per command
    }
    Response r = send(repo, Request.get(v2(repo, "blobs/" + digest), Scope.pull(repo), cap, "blob").followingRedirects());
    if (!r.ok()) {
      throw RegistryErrors.fromResponse("GET", r.uri(), r.status(), r.body());
    }
    checkDigest("GET " + RegistryErrors.redact(r.uri()), "blob", r.body(), digest);
    byte[] body = r.body();
    if (memoBytes.addAndGet(body.length) <= MEMO_BUDGET) {
      blobMemo.putIfAbsent(key, body.clone());
    } else {
      memoBytes.addAndGet(-body.length);
    }
    return body;
  }

  @Override
  public void putBlob(Repository repo, Digest digest, byte[] content, Optional<Repository> mountFrom) {
    checkDigest("uploading blob to " + repo, "blob", content, digest);
    Optional<Repository> from = mountFrom.filter(m -> m.registry().equals(repo.registry()) && !m.equals(repo));
    Scope scope = from.map(m -> Scope.push(repo).plus(Scope.pull(m))).orElse(Scope.push(repo));
    if (blobExists(repo, digest, scope)) {
      return;
    }
    for (int attempt = 1; ; attempt++) {
      Step step = upload(repo, digest, content, from, scope);
      Response r = step.response();
      if (r.ok()) {
        return;
      }
      if (!UPLOAD_RETRY.contains(r.status()) || attempt >= config.maxAttempts()) {
        throw RegistryErrors.fromResponse(step.method(), r.uri(), r.status(), r.body());
      }
      // each attempt opens a new upload session, so repeating is safe (an old session is never reused)
      sender.pauseBeforeRetry(attempt);
    }
  }

  /** The last request of an upload attempt and its response. */
  private record Step(String method, Response response) {}

  /** One upload attempt: mount if possible, else POST a session and PUT the whole blob (monolithic upload). */
  private Step upload(Repository repo, Digest digest, byte[] content, Optional<Repository> from, Scope scope) {
    URI uploads = v2(repo, "blobs/uploads/");
    Response started = null;
    if (from.isPresent()) {
      URI mount = URI.create(uploads + "?mount=" + RegistryAuth.enc(digest.toString()) + "&from=" + RegistryAuth.enc(from.get().path()));
      started = send(repo, post(mount, scope));
      if (started.status() == 201) {
        return new Step("POST", started); // mounted: the blob now exists in repo
      }
    }
    if (started == null || started.status() != 202) {
      started = send(repo, post(uploads, scope)); // no mount asked for, or refused: plain upload
    }
    if (started.status() != 202) {
      if (started.ok()) {
        throw new RegistryException("POST " + RegistryErrors.redact(started.uri()) + ": expected 202 Accepted, got "
            + started.status(), started.status(), null);
      }
      return new Step("POST", started);
    }
    Response session = started;
    String location = session.header("Location").orElseThrow(() -> new RegistryException(
        "POST " + RegistryErrors.redact(session.uri()) + ": registry sent no upload Location", session.status(), null));
    URI base = auth.base(repo.registry());
    URI target = session.uri().resolve(location);
    URI put = URI.create(target + (target.getRawQuery() == null ? "?" : "&") + "digest=" + RegistryAuth.enc(digest.toString()));
    Request req = new Request("PUT", put, Map.of("Content-Type", "application/octet-stream"), content, scope,
        false, false, HttpSender.MAX_ERROR_BODY, "response");
    boolean sameOrigin = base.getScheme().equals(put.getScheme()) && base.getRawAuthority().equals(put.getRawAuthority());
    // an upload URL on another host (storage backend) must not receive the registry's credentials
    return new Step("PUT", sameOrigin ? send(repo, req) : auth.sendAnonymous(req));
  }

  private static Request post(URI uri, Scope scope) {
    return new Request("POST", uri, Map.of(), new byte[0], scope, false, false, HttpSender.MAX_ERROR_BODY, "response");
  }

  @Override
  public List<String> listTags(Repository repo) {
    List<String> tags = new ArrayList<>();
    URI next = URI.create(v2(repo, "tags/list") + "?n=" + config.tagPageSize());
    for (int page = 0; next != null; page++) {
      if (page >= MAX_TAG_PAGES) {
        throw new RegistryException("listing tags of " + repo + ": more than " + MAX_TAG_PAGES + " pages", 0, null);
      }
      Response r = send(repo, Request.get(next, Scope.pull(repo), MAX_TAG_LIST_BYTES, "tag list"));
      if (r.status() == 404 && page == 0) {
        return List.of(); // distribution: NAME_UNKNOWN for a repository that has no tags yet
      }
      if (!r.ok()) {
        throw RegistryErrors.fromResponse("GET", r.uri(), r.status(), r.body());
      }
      JsonNode body = Json.parse(r.body(), "tag list of " + repo);
      for (JsonNode t : body.path("tags")) {
        tags.add(t.asText());
      }
      next = nextPage(r);
    }
    return List.copyOf(tags);
  }

  @Override
  public Optional<byte[]> referrers(Repository repo, Digest subject) {
    if (noReferrersRoute.contains(repo.registry())) {
      return Optional.empty();
    }
    URI uri = v2(repo, "referrers/" + subject);
    Request req = Request.get(uri, Scope.pull(repo), config.maxManifestBytes(), "referrers index")
        .withHeader("Accept", MediaTypes.OCI_INDEX);
    Response r = send(repo, req);
    if (r.status() == 404 && !new String(r.body(), java.nio.charset.StandardCharsets.UTF_8).contains("\"errors\"")) {
      noReferrersRoute.add(repo.registry());
    }
    if (r.status() == 404 || r.status() == 400 || r.status() == 406) {
      return Optional.empty(); // no referrers API: the fallback tag holds the list (go-containerregistry's rule)
    }
    if (!r.ok()) {
      throw RegistryErrors.fromResponse("GET", r.uri(), r.status(), r.body());
    }
    // only the exact OCI index type counts; anything else is read as "no API" (keyless spec §1.6)
    String type = r.headers().firstValue("Content-Type").orElse("");
    return type.equals(MediaTypes.OCI_INDEX) ? Optional.of(r.body()) : Optional.empty();
  }

  /** The {@code rel="next"} target of a {@code Link} header, resolved against the current page. */
  private static URI nextPage(Response r) {
    for (String link : r.headers().allValues("Link")) {
      Matcher m = LINK_NEXT.matcher(link);
      if (m.find()) {
        return r.uri().resolve(m.group(1));
      }
    }
    return null;
  }

  private Request manifestRequest(String method, ImageReference ref) {
    Repository repo = ref.repository();
    return Request.get(v2(repo, "manifests/" + ref.identifier()), Scope.pull(repo), config.maxManifestBytes(), "manifest")
        .withMethod(method).withHeader("Accept", ACCEPT);
  }

  private Response send(Repository repo, Request r) {
    return auth.send(repo.registry(), r);
  }

  private URI v2(Repository repo, String rest) {
    return URI.create(auth.base(repo.registry()) + "/v2/" + repo.path() + "/" + rest);
  }

  private static Optional<Digest> headerDigest(Response r) {
    return r.header("Docker-Content-Digest").flatMap(v -> {
      try {
        return Optional.of(Digest.parse(v.trim()));
      } catch (InvalidInputException e) {
        return Optional.empty(); // a malformed header is ignored; the bytes are still checked against what we asked for
      }
    });
  }

  /** Media type from Content-Type when it is a manifest type, else from the document's own mediaType field. */
  private static String mediaTypeOf(Response r, byte[] bytes) {
    Optional<String> header = r.mediaType();
    if (header.isPresent() && MediaTypes.MANIFESTS.contains(header.get())) {
      return header.get();
    }
    try {
      String field = Json.parse(bytes, "manifest").path("mediaType").asText("");
      if (!field.isEmpty()) {
        return field;
      }
    } catch (InvalidInputException e) {
      // not JSON: the header, whatever it says, is all we have
    }
    return header.orElse(MediaTypes.OCI_MANIFEST);
  }

  static void checkDigest(String where, String what, byte[] bytes, Digest expected) {
    if (expected == null) {
      return;
    }
    Digest actual = Digests.of(expected.algorithm(), bytes);
    if (!actual.equals(expected)) {
      throw new RegistryException(where + ": " + what + " digest mismatch: expected " + expected + ", got " + actual, 0, "DIGEST_INVALID");
    }
  }
}
