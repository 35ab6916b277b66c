package dev.jcosign.core.spi;

import java.security.PublicKey;
import java.util.List;

/** A certificate authority for keyless signing (Fulcio, spec §6.2). Port only: the keyless issue adds the adapter. */
public interface CertificateAuthority {

  /**
   * Exchanges an OIDC identity token and a proof of possession of {@code key} for a certificate
   * chain, PEM, leaf first.
   */
  List<String> signingCertificate(String identityToken, PublicKey key, byte[] proofOfPossession);
}
