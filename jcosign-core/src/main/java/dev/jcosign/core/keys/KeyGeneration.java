package dev.jcosign.core.keys;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;

/** New key pairs: {@code generate-key-pair} always makes ECDSA P-256 (spec §2.3). */
public final class KeyGeneration {
  private KeyGeneration() {}

  public static KeyPair p256() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec(Curves.P256.stdName), new SecureRandom());
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("JDK cannot generate P-256 keys", e);
    }
  }
}
