package dev.jcosign.core.tlog;

import java.time.Instant;
import java.util.Optional;

/**
 * What {@link TlogEntryVerifier} established about an entry.
 *
 * @param logIndex the entry's global log index
 * @param logIdHex the log's ID (hex)
 * @param integratedTime the log's integrated time; signed by the log only when {@code promiseVerified}
 * @param promiseVerified the SET verified
 * @param proofVerified the inclusion proof and its checkpoint verified
 */
public record TlogVerification(
    long logIndex, String logIdHex, Optional<Instant> integratedTime, boolean promiseVerified, boolean proofVerified) {}
