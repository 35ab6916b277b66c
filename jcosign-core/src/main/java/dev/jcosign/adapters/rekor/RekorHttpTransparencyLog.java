package dev.jcosign.adapters.rekor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcosign.adapters.http.ServiceClient;
import dev.jcosign.core.error.TransparencyLogException;
import dev.jcosign.core.json.Json;
import dev.jcosign.core.keys.DigestAlgorithm;
import dev.jcosign.core.spi.TransparencyLog;
import dev.jcosign.core.rekor.LoggedEntry;
import dev.jcosign.core.rekor.ProposedEntry;
import dev.jcosign.core.tlog.RekorEntries;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Rekor v1 REST client on {@code java.net.http} (spec §6.3): create, get by UUID or index, search by
 * hash, public key. Transport only; every failure is a one-line {@link TransparencyLogException}, and
 * connect and request timeouts ({@code -t/--timeout}) bound every call, so a dead log never hangs us.
 */
public final class RekorHttpTransparencyLog implements TransparencyLog, AutoCloseable {
  /** Entries are small (dsse bodies hold hashes); intoto bodies carry the envelope, so leave room. */
  public static final long DEFAULT_MAX_RESPONSE_BYTES = 32L << 20;

  private final ServiceClient service;
  private final URI base;

  /**
   * @param baseUrl the {@code --rekor-url}, e.g. {@code https://rekor.sigstore.dev}
   * @param timeout per request; connecting is capped at 30 s within it
   * @param debug receives one line per exchange ({@code --verbose}), or null
   */
  public RekorHttpTransparencyLog(String baseUrl, Duration timeout, long maxResponseBytes, String userAgent, Consumer<String> debug) {
    this.service = new ServiceClient(baseUrl, "--rekor-url", "transparency log", timeout, maxResponseBytes, userAgent, debug,
        TransparencyLogException::new);
    this.base = service.base();
  }

  @Override
  public String url() {
    return base.toString();
  }

  @Override
  public LoggedEntry create(ProposedEntry entry) {
    Exchange r = send("POST", "/api/v1/log/entries", entry.json());
    if (r.status() == 201) {
      return parse(r, "creating the entry");
    }
    if (r.status() == 409) {
      // an equivalent entry exists: Rekor names it in Location (and the ETag carries its UUID)
      String where = r.header("location").or(() -> r.header("etag").map(t -> "/api/v1/log/entries/" + t.replace("\"", "")))
          .orElseThrow(() -> r.failure("creating the entry"));
      Exchange existing = send("GET", URI.create(base + "/").resolve(where).getRawPath(), null);
      if (existing.status() == 200) {
        return parse(existing, "reading the existing entry");
      }
      throw existing.failure("reading the existing entry " + where);
    }
    throw r.failure("creating the entry");
  }

  @Override
  public Optional<LoggedEntry> byUuid(String uuid) {
    if (!uuid.matches("[0-9a-fA-F]{64}|[0-9a-fA-F]{80}")) {
      throw new TransparencyLogException("invalid transparency log entry UUID \"" + uuid + "\"");
    }
    return get("/api/v1/log/entries/" + uuid, "reading entry " + uuid);
  }

  @Override
  public Optional<LoggedEntry> byLogIndex(long logIndex) {
    return get("/api/v1/log/entries?logIndex=" + logIndex, "reading entry at index " + logIndex);
  }

  @Override
  public List<LoggedEntry> search(ProposedEntry proposal) {
    byte[] query = ("{\"entries\":[" + new String(proposal.json(), java.nio.charset.StandardCharsets.UTF_8) + "]}")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Exchange r = send("POST", "/api/v1/log/entries/retrieve", query);
    if (r.status() != 200) {
      throw r.failure("searching the log");
    }
    try {
      return RekorEntries.parseList(r.body());
    } catch (TransparencyLogException e) {
      throw new TransparencyLogException("searching the log at " + r.url() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public List<String> searchByHash(DigestAlgorithm algorithm, byte[] digest) {
    ObjectNode q = Json.object();
    q.put("hash", algorithm.flagName() + ":" + HexFormat.of().formatHex(digest));
    Exchange r = send("POST", "/api/v1/index/retrieve", Json.write(q));
    if (r.status() != 200) {
      throw r.failure("searching the index");
    }
    JsonNode list = json(r, "searching the index");
    List<String> out = new ArrayList<>();
    list.forEach(n -> out.add(n.asText()));
    return out;
  }

  @Override
  public byte[] publicKeyPem() {
    Exchange r = send("GET", "/api/v1/log/publicKey", null);
    if (r.status() != 200) {
      throw r.failure("reading the log's public key");
    }
    return r.body();
  }

  private Optional<LoggedEntry> get(String path, String what) {
    Exchange r = send("GET", path, null);
    if (r.status() == 404) {
      return Optional.empty();
    }
    if (r.status() != 200) {
      throw r.failure(what);
    }
    return Optional.of(parse(r, what));
  }

  private static LoggedEntry parse(Exchange r, String what) {
    try {
      return RekorEntries.parse(r.body());
    } catch (TransparencyLogException e) {
      throw new TransparencyLogException(what + " at " + r.url() + ": " + e.getMessage(), e);
    }
  }

  private static JsonNode json(Exchange r, String what) {
    try {
      return Json.parse(r.body(), "transparency log response");
    } catch (RuntimeException e) {
      throw new TransparencyLogException(what + " at " + r.url() + ": response is not JSON", e);
    }
  }

  private Exchange send(String method, String path, byte[] body) {
    HttpRequest.Builder b = service.request(path).header("Accept", "application/json");
    if (body != null) {
      b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    ServiceClient.Exchange x = service.send(b.build());
    return new Exchange(x.method(), x.url(), x.status(), x.response(), x.body());
  }

  @Override
  public void close() {
    service.close();
  }

}
