package dev.jcosign.cli.commands;

import dev.jcosign.cli.Wiring;
import dev.jcosign.cli.options.RegistryOptions;
import dev.jcosign.cli.options.SignatureStorage;
import dev.jcosign.core.inspect.AttachmentDownloader;
import dev.jcosign.core.oci.ImageReference;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code download signature|attestation}: print what is attached to an image, one JSON per line (spec §1.3, §3.8). */
@Command(name = "download", description = "Prints what is attached to an image: signatures or attestations, one JSON per line",
    subcommands = {DownloadCommand.Signature.class, DownloadCommand.Attestation.class})
public final class DownloadCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  private static void print(Wiring wiring, List<byte[]> lines) {
    StringBuilder b = new StringBuilder();
    lines.forEach(l -> b.append(new String(l, StandardCharsets.UTF_8)).append('\n'));
    wiring.console().out(b.toString());
  }

  private static AttachmentDownloader downloader(Wiring wiring, RegistryOptions registry) {
    return new AttachmentDownloader(wiring.registry(registry), SignatureStorage.layout(wiring.env()),
        RegistryOptions.maxAttachmentSize(wiring.env()));
  }

  /** {@code download signature IMAGE}. */
  @Command(name = "signature", description = "Prints each signature of an image as one JSON line")
  public static final class Signature implements Runnable {
    private final Wiring wiring;
    @Mixin RegistryOptions registry;

    @Parameters(arity = "1", paramLabel = "IMAGE", description = "image reference")
    String image;

    Signature(Wiring wiring) {
      this.wiring = wiring;
    }

    @Override
    public void run() {
      print(wiring, downloader(wiring, registry).signatures(ImageReference.parse(image)));
    }
  }

  /** {@code download attestation [--predicate-type T] IMAGE}. */
  @Command(name = "attestation", description = "Prints each attestation envelope of an image as one JSON line")
  public static final class Attestation implements Runnable {
    private final Wiring wiring;
    @Mixin RegistryOptions registry;

    @Option(names = "--predicate-type", paramLabel = "TYPE", description = "only attestations of this predicate type (name or URI)")
    String predicateType;

    @Parameters(arity = "1", paramLabel = "IMAGE", description = "image reference")
    String image;

    Attestation(Wiring wiring) {
      this.wiring = wiring;
    }

    @Override
    public void run() {
      print(wiring, downloader(wiring, registry).attestations(ImageReference.parse(image), Optional.ofNullable(predicateType)));
    }
  }
}
