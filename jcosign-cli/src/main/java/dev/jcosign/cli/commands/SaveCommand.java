package dev.jcosign.cli.commands;

import dev.jcosign.cli.Wiring;
import dev.jcosign.cli.options.RegistryOptions;
import dev.jcosign.cli.options.SignatureStorage;
import dev.jcosign.core.layout.ImageSaver;
import dev.jcosign.core.oci.ImageReference;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code save}: copy an image and its signatures from a registry into an OCI image layout (spec §1.3). */
@Command(name = "save", description = "Copies an image and its signatures from a registry into an OCI image layout directory",
    sortOptions = false)
public final class SaveCommand implements Runnable {
  private final Wiring wiring;

  @Option(names = "--dir", required = true, paramLabel = "DIR", description = "path to the directory where the image is saved")
  Path dir;

  @Mixin RegistryOptions registry;

  @Parameters(arity = "1", paramLabel = "IMAGE", description = "image reference")
  String image;

  SaveCommand(Wiring wiring) {
    this.wiring = wiring;
  }

  @Override
  public void run() {
    ImageReference ref = ImageReference.parse(image);
    dev.jcosign.core.layout.SavedImage saved = new ImageSaver(wiring.registry(registry), wiring.layout(dir))
        .save(ref, SignatureStorage.layout(wiring.env()));
    wiring.console().info("Saved " + ref + " (" + saved.subject().digest() + ") with its signatures and attestations to " + dir);
  }
}
