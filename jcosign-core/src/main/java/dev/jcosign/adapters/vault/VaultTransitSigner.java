package dev.jcosign.adapters.vault;

import dev.jcosign.core.error.KeyException;
import dev.jcosign.core.keys.DigestAlgorithm;
import dev.jcosign.core.spi.Signer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Signs with a Vault/OpenBao transit key (spec §5): SHA-256 is computed here and sent with
 * {@code prehashed=true} to {@code sign/<key>/sha2-256}; Ed25519 keys cannot sign a prehash in
 * transit, so they get the message itself with {@code prehashed=false}. The {@code vault:vN:}
 * prefix of the answer is stripped; what remains is ASN.1 DER (ECDSA), PKCS#1 v1.5 or Ed25519.
 */
public final class VaultTransitSigner implements Signer {
  private static final Pattern PREFIX = Pattern.compile("^vault:v[0-9]+:");
  private final VaultTransit transit;
  private final String key;
  private final PublicKey publicKey;
  private final boolean ed25519;

  VaultTransitSigner(VaultTransit transit, String key, PublicKey publicKey, boolean ed25519) {
    this.transit = transit;
    this.key = key;
    this.publicKey = publicKey;
    this.ed25519 = ed25519;
  }

  @Override
  public PublicKey publicKey() {
    return publicKey;
  }

  @Override
  public byte[] sign(byte[] message) {
    return ed25519
        ? send("", Map.of("input", b64(message), "prehashed", false, "key_version", "0"))
        : signDigest(sha256(message), DigestAlgorithm.SHA256);
  }

  @Override
  public Optional<DigestAlgorithm> signingDigest() {
    return ed25519 ? Optional.empty() : Optional.of(DigestAlgorithm.SHA256);
  }

  /** Transit takes the SHA-256 digest ({@code prehashed=true}), so a blob is hashed here while streamed. */
  @Override
  public byte[] signDigest(byte[] digest, DigestAlgorithm given) {
    Signer.requireAlgorithm(signingDigest(), given);
    return send("/sha2-256", Map.of("input", b64(digest), "prehashed", true,
        "key_version", "0", "signature_algorithm", "pkcs1v15"));
  }

  private byte[] send(String hashPath, Map<String, Object> body) {
    String answer;
    try {
      answer = transit.sign(key, hashPath, body);
    } catch (VaultTransit.Failure e) {
      throw VaultTransitSignerProvider.error("signing with", transit.ref, e);
    }
    var m = PREFIX.matcher(answer);
    if (!m.find()) {
      throw new KeyException("signing with " + transit.ref + ": vault returned a signature without the vault:vN: prefix");
    }
    try {
      return Base64.getDecoder().decode(answer.substring(m.end()));
    } catch (IllegalArgumentException e) {
      throw new KeyException("signing with " + transit.ref + ": vault returned a malformed signature", e);
    }
  }

  private static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }

  private static byte[] sha256(byte[] message) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(message);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
