package dev.jcosign.core.timestamp;

import dev.jcosign.core.error.InvalidInputException;
import java.io.IOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequestGenerator;

/**
 * An RFC 3161 request over the raw signature bytes (spec §6.4: SHA-256 imprint, random nonce, certReq
 * so the reply carries the TSA certificate).
 *
 * @param der the DER {@code TimeStampReq} to POST
 * @param imprint SHA-256 of the signature bytes
 * @param nonce the random nonce the reply must echo
 */
public record TimestampRequest(byte[] der, byte[] imprint, BigInteger nonce) {

  public TimestampRequest {
    der = der.clone();
    imprint = imprint.clone();
  }

  @Override
  public byte[] der() {
    return der.clone();
  }

  @Override
  public byte[] imprint() {
    return imprint.clone();
  }

  /** A request for {@code signature} (for DSSE: the DSSE signature bytes). */
  public static TimestampRequest forSignature(byte[] signature, SecureRandom random) {
    byte[] imprint = sha256(signature);
    // 63 random bits: positive, and wider than the 2^53 that JSON-number TSAs mangle (test-peers.md §4).
    BigInteger nonce = new BigInteger(63, random);
    TimeStampRequestGenerator gen = new TimeStampRequestGenerator();
    gen.setCertReq(true);
    try {
      return new TimestampRequest(gen.generate(TSPAlgorithms.SHA256, imprint, nonce).getEncoded(), imprint, nonce);
    } catch (IOException e) {
      throw new InvalidInputException("cannot encode the rfc3161 timestamp request", e);
    }
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
