package dev.jcosign.core.keyops;

/** What {@code generate-key-pair} (file target) needs: where to write (spec §2.4). */
public record GenerateKeyPairRequest(KeyPairFiles output) {
  public GenerateKeyPairRequest {
    java.util.Objects.requireNonNull(output, "output");
  }
}
