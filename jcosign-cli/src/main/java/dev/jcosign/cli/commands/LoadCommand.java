package dev.jcosign.cli.commands;

import dev.jcosign.cli.Wiring;
import dev.jcosign.cli.options.RegistryOptions;
import dev.jcosign.cli.options.SignatureStorage;
import dev.jcosign.core.layout.ImageLoader;
import dev.jcosign.core.oci.ImageReference;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code load}: push an image and its signatures saved by {@code save} to a registry (spec §1.3). */
@Command(name = "load", description = "Pushes an image and its signatures from a directory written by save to a registry", sortOptions = false)
public final class LoadCommand implements Runnable {
  private final Wiring wiring;

  @Option(names = "--dir", required = true, paramLabel = "DIR", description = "path to the directory written by save")
  Path dir;

  @Mixin RegistryOptions registry;

  @Parameters(arity = "1", paramLabel = "IMAGE", description = "destination image reference (tag or digest)")
  String image;

  LoadCommand(Wiring wiring) {
    this.wiring = wiring;
  }

  @Override
  public void run() {
    ImageReference dest = ImageReference.parse(image);
    ImageReference pushed = new ImageLoader(wiring.layout(dir), wiring.registry(registry)).load(dest, SignatureStorage.layout(wiring.env()));
    wiring.console().info("Loaded " + dir + " into " + dest + " (" + pushed.digest() + ") with its signatures and attestations");
  }
}
