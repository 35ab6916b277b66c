package dev.jcosign.core.spi;

/**
 * A transparency log (Rekor). Port only: the Rekor issue adds the adapter; until then signing with
 * the log is refused up front rather than silently skipped (spec §6.3).
 */
public interface TransparencyLog {

  /** Submits a proposed entry (Rekor v1 JSON, spec §6.3) and returns the log's response body. */
  byte[] submit(byte[] proposedEntry);
}
