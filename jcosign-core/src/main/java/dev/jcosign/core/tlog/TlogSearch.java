package dev.jcosign.core.tlog;

import dev.jcosign.core.rekor.LoggedEntry;
import dev.jcosign.core.rekor.ProposedEntry;

import dev.jcosign.core.error.TransparencyLogException;
import dev.jcosign.core.spi.TransparencyLog;
import java.util.List;
import java.util.function.Supplier;

/**
 * The online half of a verifier's transparency-log step (spec §4.4 step 3): when a signature carries
 * no bundle, ask the log for entries whose canonical body equals the one this signature would have.
 * The client is created on first search, so verifying bundles offline never touches the network;
 * signature layers are checked in parallel, hence the locking.
 */
public final class TlogSearch {
  private final Supplier<TransparencyLog> logs;
  private TransparencyLog log;

  /** @param logs creates the client for {@code --rekor-url} (called at most once) */
  public TlogSearch(Supplier<TransparencyLog> logs) {
    this.logs = logs;
  }

  /** For callers wired without a log: every search fails, naming the way out. */
  public static TlogSearch none() {
    return new TlogSearch(() -> {
      throw new TransparencyLogException("no transparency log configured to search; pass --rekor-url");
    });
  }

  /** Entries the log holds for {@code proposal}; empty when it has none. */
  synchronized List<LoggedEntry> find(ProposedEntry proposal) {
    if (log == null) {
      log = logs.get();
    }
    return log.search(proposal);
  }

  /** The log's URL, for messages; empty before the first search. */
  synchronized String url() {
    return log == null ? "" : log.url();
  }
}
