package dev.jcosign.core.spi;

/**
 * An RFC 3161 timestamp authority (spec §6.4). Transport only: core builds the request and checks the
 * reply. Failures are {@code TimestampException}s with one-line messages.
 */
public interface TimestampAuthority {

  /** The authority's URL, for messages. */
  String url();

  /** POSTs a DER {@code TimeStampReq} and returns the DER {@code TimeStampResp} body as received. */
  byte[] timestamp(byte[] timeStampRequestDer);
}
