package dev.jcosign.core.keyless;

import dev.jcosign.core.spi.CertificateAuthority;
import dev.jcosign.core.spi.Progress;
import java.util.Objects;

/**
 * What a keyless signing run signs with (keyless spec §1.1 steps 1-2, §1.3): an ephemeral key and the
 * Fulcio certificate binding it to the token's identity.
 *
 * @param signer the ephemeral key, or with {@code --issue-certificate} the user's key (file or KMS)
 * @param certificate the leaf Fulcio issued (the chain's other certificates are not kept: v3 writes the leaf only)
 * @param chainPem the whole chain Fulcio returned, PEM, leaf first (legacy {@code chain} annotation material)
 */
public record KeylessIdentity(dev.jcosign.core.spi.Signer signer, FulcioCertificate certificate, java.util.List<String> chainPem) {
  public KeylessIdentity {
    Objects.requireNonNull(signer, "signer");
    Objects.requireNonNull(certificate, "certificate");
    chainPem = java.util.List.copyOf(chainPem);
  }

  /** Makes the key, proves possession over the token's subject, and asks the CA for the certificate. */
  public static KeylessIdentity obtain(IdentityToken token, CertificateAuthority ca, Progress progress) {
    return obtain(() -> token, () -> ca, progress, EphemeralSigner.DEFAULT_ALGORITHM);
  }

  /**
   * As above with a {@code --signing-algorithm}, in cosign's order: the key first (an unknown algorithm
   * fails before any prompt or request), then the token, then the certificate.
   */
  public static KeylessIdentity obtain(java.util.function.Supplier<IdentityToken> tokens,
      java.util.function.Supplier<CertificateAuthority> cas, Progress progress, String algorithm) {
    EphemeralSigner signer = EphemeralSigner.of(algorithm);
    progress.info("Generating ephemeral keys...");
    return certify(signer, tokens, cas, progress);
  }

  /**
   * {@code --issue-certificate} (keyless spec §1.3): a Fulcio certificate for the user's own key, whose
   * signer proves possession as an ephemeral key would; signatures then carry the certificate.
   */
  public static KeylessIdentity certify(dev.jcosign.core.spi.Signer signer, java.util.function.Supplier<IdentityToken> tokens,
      java.util.function.Supplier<CertificateAuthority> cas, Progress progress) {
    IdentityToken token = tokens.get();
    CertificateAuthority ca = cas.get();
    String subject = token.subject();
    progress.info("Retrieving signed certificate...");
    java.util.List<String> chain = ca.signingCertificate(token.raw(), signer.publicKey(), signer.sign(subject.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    FulcioCertificate leaf = FulcioCertificate.parse(chain.get(0).getBytes(java.nio.charset.StandardCharsets.US_ASCII),
        "the certificate from the certificate authority");
    if (!java.util.Arrays.equals(leaf.x509().getPublicKey().getEncoded(), signer.publicKey().getEncoded())) {
      throw new dev.jcosign.core.error.VerificationException("the certificate authority issued a certificate for another key");
    }
    return new KeylessIdentity(signer, leaf, chain);
  }
}
