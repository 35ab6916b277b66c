package dev.jcosign.cli.commands;

import dev.jcosign.cli.Wiring;
import dev.jcosign.cli.options.RegistryOptions;
import dev.jcosign.cli.options.SignatureStorage;
import dev.jcosign.core.inspect.AttachmentTree;
import dev.jcosign.core.oci.Digest;
import dev.jcosign.core.oci.ImageReference;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code tree}: what is attached to an image, in cosign's text layout (spec §3.9). */
@Command(name = "tree", description = "Lists the signatures, attestations and SBOMs attached to an image")
public final class TreeCommand implements Runnable {
  private final Wiring wiring;
  @Mixin RegistryOptions registry;

  @Parameters(arity = "1", paramLabel = "IMAGE", description = "image reference")
  String image;

  TreeCommand(Wiring wiring) {
    this.wiring = wiring;
  }

  @Override
  public void run() {
    List<AttachmentTree.Group> groups = new AttachmentTree(wiring.registry(registry), SignatureStorage.layout(wiring.env()))
        .list(ImageReference.parse(image));
    StringBuilder b = new StringBuilder("📦 Supply Chain Security Related artifacts for an image: ").append(image).append('\n');
    if (groups.isEmpty()) {
      // cosign's text, without a trailing newline
      b.append("No Supply Chain Security Related Artifacts found for image ").append(image)
          .append(",\n start creating one with simply running$ cosign sign <img>");
    }
    for (AttachmentTree.Group g : groups) {
      b.append("└── ").append(g.kind() == AttachmentTree.Kind.REFERRER ? "🔗 " + g.label() + " artifacts via OCI referrer: "
          : title(g.kind())).append(g.tag().name()).append('\n');
      for (int i = 0; i < g.layers().size(); i++) {
        Digest d = g.layers().get(i);
        b.append(i == g.layers().size() - 1 ? "   └── " : "   ├── ").append("🍒 ").append(d).append('\n');
      }
    }
    wiring.console().out(b.toString());
  }

  private static String title(AttachmentTree.Kind kind) {
    return switch (kind) {
      case SIGNATURES -> "🔐 Signatures for an image tag: ";
      case ATTESTATIONS -> "💾 Attestations for an image tag: ";
      case SBOMS -> "📦 SBOMs for an image tag: ";
      case REFERRER -> "🔗 ";
    };
  }
}
