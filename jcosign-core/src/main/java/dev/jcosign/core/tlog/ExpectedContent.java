package dev.jcosign.core.tlog;

import dev.jcosign.core.keys.DigestAlgorithm;
import dev.jcosign.core.keys.PemBlock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a log entry body must describe for it to vouch for the signature being verified (spec §4.4
 * step 3, §6.3). Plain values so any caller (legacy layer, bundle, blob) can build one.
 */
public sealed interface ExpectedContent {

  /** The verifying key or certificate, as DER (SubjectPublicKeyInfo or X.509). */
  Verifier verifier();

  /** A signature over an artifact digest: {@code hashedrekord} entries. */
  record MessageSignature(DigestAlgorithm algorithm, byte[] digest, byte[] signature, Verifier verifier)
      implements ExpectedContent {
    public MessageSignature {
      Objects.requireNonNull(algorithm, "algorithm");
      Objects.requireNonNull(verifier, "verifier");
      digest = digest.clone();
      signature = signature.clone();
    }

    @Override
    public byte[] digest() {
      return digest.clone();
    }

    @Override
    public byte[] signature() {
      return signature.clone();
    }
  }

  /**
   * A DSSE envelope: {@code dsse} v0.0.1 entries, or Rekor v2 {@code hashedrekord} v0.0.2 over the
   * PAE. {@code envelopeJson} is the exact envelope text submitted, when known (legacy {@code .att}
   * layers); bundles do not keep it, so its hash is then not checked.
   */
  record Dsse(String payloadType, byte[] payload, List<byte[]> signatures, Verifier verifier, Optional<byte[]> envelopeJson)
      implements ExpectedContent {
    public Dsse {
      Objects.requireNonNull(payloadType, "payloadType");
      Objects.requireNonNull(verifier, "verifier");
      payload = payload.clone();
      signatures = signatures.stream().map(byte[]::clone).toList();
      envelopeJson = envelopeJson.map(byte[]::clone);
      if (signatures.isEmpty()) {
        throw new IllegalArgumentException("a DSSE envelope needs at least one signature");
      }
    }

    @Override
    public byte[] payload() {
      return payload.clone();
    }

    @Override
    public List<byte[]> signatures() {
      return signatures.stream().map(byte[]::clone).toList();
    }

    @Override
    public Optional<byte[]> envelopeJson() {
      return envelopeJson.map(byte[]::clone);
    }
  }

  /**
   * A key ({@code certificate == false}, SubjectPublicKeyInfo DER) or an X.509 certificate (DER).
   * Log bodies hold these as base64 PEM text (v0.0.1) or DER (v0.0.2); they are compared DER to DER.
   */
  record Verifier(byte[] der, boolean certificate) {
    public Verifier {
      der = der.clone();
    }

    @Override
    public byte[] der() {
      return der.clone();
    }

    public static Verifier certificate(byte[] der) {
      return new Verifier(der, true);
    }

    public static Verifier publicKey(byte[] spki) {
      return new Verifier(spki, false);
    }

    /** From PEM text: a {@code CERTIFICATE} block is a certificate, anything else a public key. */
    public static Verifier fromPem(byte[] pem) {
      PemBlock b = PemBlock.decode(pem);
      return new Verifier(b.bytes(), "CERTIFICATE".equals(b.label()));
    }
  }
}
