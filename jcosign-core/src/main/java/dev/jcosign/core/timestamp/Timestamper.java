package dev.jcosign.core.timestamp;

import dev.jcosign.core.error.TimestampException;
import dev.jcosign.core.spi.TimestampAuthority;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * The timestamp step of a signing command ({@code --timestamp-server-url}, spec §6.4): run after
 * signing and BEFORE anything is pushed or written, so an unreachable or misbehaving TSA leaves
 * nothing behind. {@link #none()} when no TSA was asked for.
 */
public final class Timestamper {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Supplier<TimestampAuthority> tsa;
  private TimestampAuthority client; // created on first use, then reused (sign --recursive)

  private Timestamper(Supplier<TimestampAuthority> tsa) {
    this.tsa = tsa;
  }

  /** No timestamping. */
  public static Timestamper none() {
    return new Timestamper(null);
  }

  /** Timestamps with the authority {@code tsa} supplies (created on first use). */
  public static Timestamper of(Supplier<TimestampAuthority> tsa) {
    return new Timestamper(tsa);
  }

  public boolean enabled() {
    return tsa != null;
  }

  /** The DER {@code TimeStampResp} for {@code signature}, or empty when timestamping is off. */
  public Optional<byte[]> timestamp(byte[] signature) {
    if (!enabled()) {
      return Optional.empty();
    }
    synchronized (this) {
      if (client == null) {
        client = tsa.get();
      }
    }
    return Optional.of(obtain(client, signature));
  }

  /**
   * Asks {@code tsa} to timestamp {@code signature} and returns the whole DER {@code TimeStampResp}
   * (what the annotation and the bundle store, spec §6.4) once status, nonce and imprint check out.
   * The token's signature and chain are checked at verify time against the trusted root.
   */
  public static byte[] obtain(TimestampAuthority tsa, byte[] signature) {
    TimestampRequest req = TimestampRequest.forSignature(signature, RANDOM);
    byte[] der = tsa.timestamp(req.der());
    String who = "timestamp authority at " + tsa.url();
    TimeStampResponse resp = TimestampVerifier.parse(der, who);
    TimeStampToken token = TimestampVerifier.granted(resp, who);
    if (!req.nonce().equals(token.getTimeStampInfo().getNonce())) {
      throw new TimestampException(who + " answered with another nonce");
    }
    if (!Arrays.equals(req.imprint(), token.getTimeStampInfo().getMessageImprintDigest())) {
      throw new TimestampException(who + " timestamped another message imprint");
    }
    return der;
  }
}
