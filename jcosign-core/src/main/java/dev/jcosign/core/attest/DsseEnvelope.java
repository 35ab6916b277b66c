package dev.jcosign.core.attest;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.json.ByteSink;
import dev.jcosign.core.json.Json;
import dev.jcosign.core.keys.DigestAlgorithm;
import dev.jcosign.core.spi.Signer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * A DSSE envelope (spec §3.4). Written in the layout cosign's legacy {@code .att} layers and Rekor
 * entries use ({@code payloadType, payload, signatures[{keyid:"", sig}]}); read in any field order.
 *
 * <p>The static methods work on a payload in place (a slice of a buffer, never copied): attest and
 * verify-attestation of a 20 MB predicate handle one 20 MB statement and one 27 MB envelope (issue 4).
 */
public record DsseEnvelope(String payloadType, byte[] payload, List<Signature> signatures) {
  public static final String IN_TOTO = "application/vnd.in-toto+json";

  /** One signature; {@code keyid} is written even when empty, as cosign v2 does. */
  public record Signature(String keyid, byte[] sig) {}

  public DsseEnvelope {
    payload = payload.clone();
    signatures = List.copyOf(signatures);
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }

  /**
   * Pre-authentication encoding, what is signed: {@code "DSSEv1" SP len(type) SP type SP
   * len(payload) SP payload}, lengths as ASCII decimal byte counts.
   */
  public static byte[] pae(String payloadType, byte[] payload) {
    byte[] head = paeHead(payloadType, payload.length);
    byte[] pae = Arrays.copyOf(head, head.length + payload.length);
    System.arraycopy(payload, 0, pae, head.length, payload.length);
    return pae;
  }

  /** The PAE up to the payload: {@code "DSSEv1" SP len(type) SP type SP len(payload) SP}. */
  public static byte[] paeHead(String payloadType, long payloadLength) {
    byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
    byte[] before = ("DSSEv1 " + type.length + " ").getBytes(StandardCharsets.US_ASCII);
    byte[] after = (" " + payloadLength + " ").getBytes(StandardCharsets.US_ASCII);
    byte[] head = Arrays.copyOf(before, before.length + type.length + after.length);
    System.arraycopy(type, 0, head, before.length, type.length);
    System.arraycopy(after, 0, head, before.length + type.length, after.length);
    return head;
  }

  /** The PAE of {@code payload[off, off+len)} as parts, for streaming signature checks. */
  public static List<ByteBuffer> paeParts(String payloadType, byte[] payload, int off, int len) {
    return List.of(ByteBuffer.wrap(paeHead(payloadType, len)), ByteBuffer.wrap(payload, off, len));
  }

  public byte[] pae() {
    return pae(payloadType, payload);
  }

  /**
   * Signs the PAE of {@code payload[off, off+len)}: hashed in place when the signer takes a digest,
   * else (Ed25519) the joined PAE is signed.
   */
  public static byte[] sign(Signer signer, String payloadType, byte[] payload, int off, int len) {
    Optional<DigestAlgorithm> hash = signer.signingDigest();
    if (hash.isEmpty()) {
      return signer.sign(pae(payloadType, Arrays.copyOfRange(payload, off, off + len)));
    }
    MessageDigest md;
    try {
      md = MessageDigest.getInstance(hash.get().jdkName());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    md.update(paeHead(payloadType, len));
    md.update(payload, off, len);
    return signer.signDigest(md.digest(), hash.get());
  }

  /** The v2 byte layout (proven by the Rekor envelope hash of the vector). */
  public byte[] toJson() {
    return toJson(payloadType, payload, 0, payload.length, signatures);
  }

  /**
   * The v2 byte layout for a payload given in place: the envelope is written with an empty payload
   * and the base64 is spliced between its quotes, straight into the one output array.
   */
  public static byte[] toJson(String payloadType, byte[] payload, int off, int len, List<Signature> signatures) {
    ByteSink shell = new ByteSink(256);
    int quote;
    try (JsonGenerator g = Json.generator(shell)) {
      g.writeStartObject();
      g.writeStringField("payloadType", payloadType);
      g.writeStringField("payload", "");
      g.flush();
      quote = shell.size() - 1; // the closing quote of the empty payload
      g.writeArrayFieldStart("signatures");
      for (Signature s : signatures) {
        g.writeStartObject();
        g.writeStringField("keyid", s.keyid() == null ? "" : s.keyid());
        g.writeStringField("sig", Base64.getEncoder().encodeToString(s.sig()));
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    long b64 = 4L * ((len + 2) / 3);
    if (shell.size() + b64 > Integer.MAX_VALUE - 8) {
      throw new InvalidInputException("dsse payload too large: " + len + " bytes");
    }
    byte[] out = new byte[shell.size() + (int) b64];
    System.arraycopy(shell.array(), 0, out, 0, quote);
    try (OutputStream enc = Base64.getEncoder().wrap(new Into(out, quote))) {
      enc.write(payload, off, len);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    System.arraycopy(shell.array(), quote, out, quote + (int) b64, shell.size() - quote);
    return out;
  }

  /** Writes into an array from a position on; the caller sized it. */
  private static final class Into extends OutputStream {
    private final byte[] out;
    private int at;

    Into(byte[] out, int at) {
      this.out = out;
      this.at = at;
    }

    @Override
    public void write(int b) {
      out[at++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      System.arraycopy(b, off, out, at, len);
      at += len;
    }
  }

  /** Parses an envelope from untrusted bytes (a layer blob). */
  public static DsseEnvelope parse(byte[] json) {
    DsseReader.Parsed p = DsseReader.read(json);
    return new DsseEnvelope(p.payloadType(), p.payload(), p.signatures());
  }
}
