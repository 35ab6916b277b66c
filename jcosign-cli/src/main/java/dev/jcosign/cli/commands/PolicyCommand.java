package dev.jcosign.cli.commands;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcosign.cli.Wiring;
import dev.jcosign.cli.options.RegistryOptions;
import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.io.SmallFiles;
import dev.jcosign.core.json.Json;
import dev.jcosign.core.policy.PolicyDocuments;
import dev.jcosign.core.policy.PolicyTester;
import dev.jcosign.core.spi.KeyRef;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code policy}: admission policies, evaluated here as the cluster would (issue 14). */
@Command(name = "policy", description = "Tests images against the cluster's admission policies", subcommands = PolicyCommand.Test.class)
public final class PolicyCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * {@code policy test --policy FILE IMAGE...} over ClusterImagePolicy and Kyverno ClusterPolicy documents: one JSON document per image on stdout (matching policies,
   * each authority's result and reason), one summary line per image on stderr; exit 0 only when every
   * image is admitted.
   */
  @Command(name = "test", description = "Evaluates ClusterImagePolicy (policy-controller) and ClusterPolicy (Kyverno verifyImages) documents against images", sortOptions = false)
  public static final class Test implements Runnable {
    private static final long MAX_POLICY_BYTES = 4L << 20;
    private final Wiring wiring;

    @Option(names = "--policy", required = true, paramLabel = "FILE", description = "YAML with ClusterImagePolicy or Kyverno ClusterPolicy documents (repeatable)")
    List<Path> policies;

    @Option(names = "--trust-root", paramLabel = "NAME=FILE", description = "the trusted root a trustRootRef names (repeatable)")
    Map<String, Path> trustRoots = new LinkedHashMap<>();

    @Option(names = "--trusted-root", paramLabel = "FILE",
        description = "the trusted root where a policy names none (default: the public-good root embedded in jcosign)")
    Path trustedRoot;

    @Option(names = "--no-match-policy", defaultValue = "deny", paramLabel = "deny|warn|allow",
        description = "an image no policy matches: deny (policy-controller's default), warn or allow (default: ${DEFAULT-VALUE})")
    String noMatch;

    @Option(names = "--local-image", paramLabel = "DIR",
        description = "read the image and its signatures from a layout written by save; IMAGE is then the one name the cluster will see")
    Path localImage;

    @Mixin RegistryOptions registry;

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "image reference(s)")
    List<String> images;

    Test(Wiring wiring) {
      this.wiring = wiring;
    }

    @Override
    public void run() {
      PolicyTester.NoMatch rule = switch (noMatch.toLowerCase(Locale.ROOT)) {
        case "deny" -> PolicyTester.NoMatch.DENY;
        case "warn" -> PolicyTester.NoMatch.WARN;
        case "allow" -> PolicyTester.NoMatch.ALLOW;
        default -> throw new InvalidInputException("--no-match-policy must be deny, warn or allow, got " + noMatch);
      };
      PolicyDocuments.Policies all = new PolicyDocuments.Policies(List.of(), List.of());
      for (Path p : policies) {
        all = all.plus(PolicyDocuments.readAll(p.toString(), SmallFiles.read(p, MAX_POLICY_BYTES, "policy " + p)));
      }
      if (trustedRoot != null && !java.nio.file.Files.isRegularFile(trustedRoot)) {
        throw new InvalidInputException("--trusted-root " + trustedRoot + ": no such file");
      }
      if (localImage != null && images.size() != 1) {
        throw new InvalidInputException("--local-image takes one IMAGE: the name the cluster will see for the saved image");
      }
      dev.jcosign.core.spi.ImageLayout layout = localImage == null ? null : wiring.layout(localImage);
      PolicyTester tester = new PolicyTester(new PolicyTester.Services(layout != null ? layout : wiring.registry(registry),
          kms -> wiring.signers().publicKey(KeyRef.parse(kms)), trustRoots, java.util.Optional.ofNullable(trustedRoot),
          wiring::transparencyLog,
          RegistryOptions.maxAttachmentSize(wiring.env())), rule);
      boolean allAdmitted = true;
      for (String image : images) {
        PolicyTester.ImageResult r = layout == null ? tester.test(image, all) : tester.testLocal(image,
            dev.jcosign.core.layout.SavedImage.ref(dev.jcosign.core.layout.SavedImage.read(layout).subject().digest()), all);
        allAdmitted &= r.admitted();
        wiring.console().out(Json.writeString(json(r)) + "\n");
        r.warnings().forEach(w -> wiring.progress().warn(image + ": " + w));
        wiring.progress().info(summary(r));
      }
      if (!allAdmitted) {
        throw new dev.jcosign.core.error.VerificationException("not every image would be admitted");
      }
    }

    private static String summary(PolicyTester.ImageResult r) {
      String pinned = r.pinned();
      if (r.policies().isEmpty()) {
        return (r.admitted() ? "admitted " : "denied ") + pinned + ": no policy matches it";
      }
      List<String> failed = r.policies().stream().filter(p -> !p.passed() && !p.warn()).map(PolicyTester.PolicyResult::name).toList();
      return r.admitted() ? "admitted " + pinned + " by " + String.join(", ", r.policies().stream().map(PolicyTester.PolicyResult::name).toList())
          : "denied " + pinned + ": no authority of " + String.join(", ", failed) + " passed";
    }

    private static ObjectNode json(PolicyTester.ImageResult r) {
      ObjectNode o = Json.object();
      o.put("image", r.image());
      o.put("digest", r.digest());
      o.put("admitted", r.admitted());
      ArrayNode ps = o.putArray("policies");
      for (PolicyTester.PolicyResult p : r.policies()) {
        ObjectNode po = ps.addObject();
        po.put("name", p.name());
        po.put("mode", p.warn() ? "warn" : "enforce");
        po.put("passed", p.passed());
        ArrayNode as = po.putArray("authorities");
        for (PolicyTester.AuthorityResult a : p.authorities()) {
          ObjectNode ao = as.addObject();
          ao.put("name", a.name());
          ao.put("passed", a.passed());
          if (!a.passed()) {
            ao.put("reason", a.reason());
          }
        }
      }
      ArrayNode ws = o.putArray("warnings");
      r.warnings().forEach(ws::add);
      return o;
    }
  }
}
