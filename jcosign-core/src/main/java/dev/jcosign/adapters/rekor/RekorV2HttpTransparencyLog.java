package dev.jcosign.adapters.rekor;

import dev.jcosign.adapters.http.ServiceClient;
import dev.jcosign.core.error.TransparencyLogException;
import dev.jcosign.core.json.Json;
import dev.jcosign.core.keys.DigestAlgorithm;
import dev.jcosign.core.rekor.LoggedEntry;
import dev.jcosign.core.rekor.ProposedEntry;
import dev.jcosign.core.rekor.TlogEntry;
import dev.jcosign.core.spi.TransparencyLog;
import dev.jcosign.core.tlog.TlogEntries;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A Rekor v2 (tile-backed) log (cosign-spec §6.3, keyless spec §1.1 step 5d): {@code POST /api/v2/log/entries}
 * with a {@code CreateEntryRequest}, answered by the bundle's {@code TransparencyLogEntry} itself (inclusion
 * proof and checkpoint, no SET, no integrated time). v2 logs have no lookup or search API: those calls fail.
 */
public final class RekorV2HttpTransparencyLog implements TransparencyLog, AutoCloseable {
  private final ServiceClient service;

  public RekorV2HttpTransparencyLog(String baseUrl, Duration timeout, long maxResponseBytes, String userAgent, Consumer<String> debug) {
    this.service = new ServiceClient(baseUrl, "--rekor-url", "transparency log", timeout, maxResponseBytes, userAgent, debug,
        TransparencyLogException::new);
  }

  @Override
  public String url() {
    return service.base().toString();
  }

  @Override
  public LoggedEntry create(ProposedEntry entry) {
    ServiceClient.Exchange x = service.send(service.request("/api/v2/log/entries").header("Accept", "application/json")
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(entry.json())).build());
    Exchange r = new Exchange(x.method(), x.url(), x.status(), x.response(), x.body());
    if (r.status() / 100 != 2) {
      throw r.failure("creating the entry");
    }
    try {
      var json = Json.parse(r.body(), "Rekor v2 entry");
      TlogEntry e = TlogEntries.fromBundleTlogEntry(json);
      return new LoggedEntry("", json.path("kindVersion").path("kind").asText(""),
          json.path("kindVersion").path("version").asText(""), e);
    } catch (RuntimeException e) {
      throw new TransparencyLogException("creating the entry at " + r.url() + ": unreadable answer: " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<LoggedEntry> byUuid(String uuid) {
    throw unsupported("looking entries up");
  }

  @Override
  public Optional<LoggedEntry> byLogIndex(long logIndex) {
    throw unsupported("looking entries up");
  }

  @Override
  public List<LoggedEntry> search(ProposedEntry proposal) {
    throw unsupported("searching");
  }

  @Override
  public List<String> searchByHash(DigestAlgorithm algorithm, byte[] digest) {
    throw unsupported("searching");
  }

  @Override
  public byte[] publicKeyPem() {
    throw unsupported("publishing its key (give it in the trusted root)");
  }

  private TransparencyLogException unsupported(String what) {
    return new TransparencyLogException("the Rekor v2 log at " + url() + " does not support " + what);
  }

  @Override
  public void close() {
    service.close();
  }
}
