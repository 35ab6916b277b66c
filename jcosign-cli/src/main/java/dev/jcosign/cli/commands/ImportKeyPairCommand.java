package dev.jcosign.cli.commands;

import dev.jcosign.cli.Wiring;
import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.keyops.ImportKeyPair;
import dev.jcosign.core.keyops.ImportKeyPairRequest;
import dev.jcosign.core.keyops.KeyPairFiles;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code import-key-pair}: re-encrypts a PEM private key (RSA, ECDSA, Ed25519) in cosign's format (spec §2.5). */
@Command(name = "import-key-pair",
    description = "Imports a PEM private key (PKCS#1, SEC1 or PKCS#8: RSA, ECDSA, Ed25519) as an encrypted cosign key pair.")
public final class ImportKeyPairCommand implements Runnable {
  private final Wiring wiring;

  @Option(names = {"-k", "--key"}, paramLabel = "FILE", description = "the PEM private key file to import")
  String key;

  @Option(names = {"-o", "--output-key-prefix"}, paramLabel = "PREFIX", defaultValue = "import-cosign",
      description = "name of the key files: PREFIX.key and PREFIX.pub (default: ${DEFAULT-VALUE})")
  String outputKeyPrefix;

  @Option(names = {"-y", "--yes"}, description = "overwrite an existing PREFIX.key without asking")
  boolean yes;

  ImportKeyPairCommand(Wiring wiring) {
    this.wiring = wiring;
  }

  @Override
  public void run() {
    if (key == null || key.isEmpty()) {
      throw new InvalidInputException("required flag \"--key\" not set");
    }
    new ImportKeyPair(wiring.passwords(), wiring.progress())
        .run(new ImportKeyPairRequest(Path.of(key), new KeyPairFiles(outputKeyPrefix), yes));
  }
}
