package dev.jcosign.cli.commands;

import dev.jcosign.cli.Wiring;
import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.keyops.GenerateKeyPair;
import dev.jcosign.core.keyops.GenerateKeyPairRequest;
import dev.jcosign.core.keyops.KeyPairFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code generate-key-pair}: a new encrypted ECDSA P-256 key pair in {@code <prefix>.key/.pub} (spec §2.4). */
@Command(name = "generate-key-pair",
    description = "Generates an ECDSA P-256 key pair: <prefix>.key (encrypted, 0600) and <prefix>.pub.")
public final class GenerateKeyPairCommand implements Runnable {
  private final Wiring wiring;

  @Parameters(arity = "0..1", paramLabel = "TARGET",
      description = "k8s://NAMESPACE/NAME, github://OWNER[/REPO] or gitlab://PROJECT (not supported yet)")
  String target;

  @Option(names = "--kms", paramLabel = "URI",
      description = "create the key in a KMS (awskms://, gcpkms://, azurekms://, hashivault://) and write only PREFIX.pub")
  String kms;

  @Option(names = "--output-key-prefix", paramLabel = "PREFIX", defaultValue = "cosign",
      description = "name of the key files: PREFIX.key and PREFIX.pub (default: ${DEFAULT-VALUE})")
  String outputKeyPrefix;

  GenerateKeyPairCommand(Wiring wiring) {
    this.wiring = wiring;
  }

  @Override
  public void run() {
    if (kms != null && !kms.isEmpty()) {
      new dev.jcosign.core.keyops.CreateProviderKey(wiring.signers(), wiring.progress())
          .run(dev.jcosign.core.spi.KeyRef.parse(kms), new KeyPairFiles(outputKeyPrefix));
      return;
    }
    if (target != null) {
      for (String scheme : new String[] {"k8s://", "github://", "gitlab://"}) {
        if (target.startsWith(scheme)) {
          throw new InvalidInputException("generate-key-pair to " + scheme + " is not supported yet (" + target + ")");
        }
      }
      throw new InvalidInputException("unsupported target \"" + target + "\": expected k8s://, github:// or gitlab://");
    }
    new GenerateKeyPair(wiring.passwords(), wiring.progress())
        .run(new GenerateKeyPairRequest(new KeyPairFiles(outputKeyPrefix)));
  }
}
