package dev.jcosign.maven;

import dev.jcosign.api.Cosign;
import dev.jcosign.api.SignedImage;
import java.io.File;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code jcosign:attest}: attests the image Jib pushed with a predicate file (an SBOM, provenance...), as
 * {@code jcosign attest --predicate FILE --type TYPE} does.
 *
 * @since 0.1.0
 */
@Mojo(name = "attest", defaultPhase = LifecyclePhase.PACKAGE, requiresProject = false, threadSafe = true)
public class AttestMojo extends AbstractCosignMojo {
  /** {@code --predicate}: the predicate file. */
  @Parameter(property = "jcosign.predicate")
  File predicate;

  /** {@code --type}: {@code slsaprovenance}, {@code cyclonedx}, {@code spdxjson}, ... or a URI. */
  @Parameter(property = "jcosign.type", defaultValue = "custom")
  String type;

  @Override
  void run(Cosign cosign, String ref) throws MojoFailureException {
    if (predicate == null) {
      throw new MojoFailureException("no predicate: give <predicate> or -Djcosign.predicate=FILE");
    }
    SignedImage s = cosign.attestImage(ref, predicate.toPath(), type);
    getLog().info("jcosign: attested " + s.image() + " (" + type + ")");
  }

  @Override
  boolean signs() {
    return true;
  }

  @Override
  String verb() {
    return "attest";
  }
}
