package dev.jcosign.cli.commands;

import dev.jcosign.cli.Wiring;
import dev.jcosign.cli.options.KeyOptions;
import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.keyops.ExportPublicKey;
import dev.jcosign.core.keyops.PublicKeyRequest;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code public-key}: prints (or writes) the PKIX PEM public key of a private key (spec §1.3). */
@Command(name = "public-key", description = "Prints the public key of a private key as PEM.")
public final class PublicKeyCommand implements Runnable {
  private final Wiring wiring;

  @Mixin KeyOptions key;

  @Option(names = "--outfile", paramLabel = "FILE", description = "write the public key to FILE (0600) instead of stdout")
  Path outfile;

  @Option(names = "--sk", description = "use a hardware security key (not supported yet)")
  boolean sk;

  @Option(names = "--slot", paramLabel = "SLOT", description = "security key slot (not supported yet)")
  String slot;

  PublicKeyCommand(Wiring wiring) {
    this.wiring = wiring;
  }

  @Override
  public void run() {
    if (sk || slot != null) {
      throw new InvalidInputException("public-key --sk/--slot (hardware security keys) is not supported yet");
    }
    PublicKeyRequest request = new PublicKeyRequest(key.keyRef(), Optional.ofNullable(outfile));
    byte[] pem = new ExportPublicKey(wiring.signers(), wiring.passwords(), wiring.progress()).run(request);
    if (request.outFile().isEmpty()) {
      wiring.console().outBytes(pem);
    }
  }
}
