package dev.jcosign.core.spi;

import dev.jcosign.core.keys.DigestAlgorithm;
import dev.jcosign.core.rekor.LoggedEntry;
import dev.jcosign.core.rekor.ProposedEntry;
import java.util.List;
import java.util.Optional;

/**
 * A Rekor v1 transparency log (spec §6.3). Transport only: core builds the proposed entries and
 * checks what comes back. Failures are {@code TransparencyLogException}s with one-line messages.
 */
public interface TransparencyLog {

  /** The log's base URL, for messages. */
  String url();

  /** Creates the entry; when the log already holds an equivalent one (409) returns that entry. */
  LoggedEntry create(ProposedEntry entry);

  /** The entry with this UUID (64-hex leaf hash, or 80-hex with the tree ID), if any. */
  Optional<LoggedEntry> byUuid(String uuid);

  /** The entry at this global log index, if any. */
  Optional<LoggedEntry> byLogIndex(long logIndex);

  /**
   * Entries whose canonical body is the one {@code proposal} would have
   * ({@code POST /api/v1/log/entries/retrieve} with {@code {"entries":[proposal]}}); empty when none.
   */
  List<LoggedEntry> search(ProposedEntry proposal);

  /** UUIDs of the entries whose artifact hash is {@code digest} ({@code /api/v1/index/retrieve}). */
  List<String> searchByHash(DigestAlgorithm algorithm, byte[] digest);

  /** The log's public key as PEM ({@code /api/v1/log/publicKey}). */
  byte[] publicKeyPem();
}
