package dev.jcosign.core.verify;

import dev.jcosign.core.payload.SimpleSigningPayload;
import dev.jcosign.core.signature.SignatureLayer;

/** One signature that passed every check, with its payload bytes as stored. */
public record VerifiedSignature(SignatureLayer layer, byte[] payloadBytes, SimpleSigningPayload payload) {
  public VerifiedSignature {
    payloadBytes = payloadBytes.clone();
  }

  @Override
  public byte[] payloadBytes() {
    return payloadBytes.clone();
  }
}
