package dev.jcosign.maven;

import dev.jcosign.api.Cosign;
import dev.jcosign.api.SignedImage;
import java.util.Map;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code jcosign:sign}: signs the image Jib pushed (or {@code <image>}) and pushes its {@code .sig}
 * signature, as {@code jcosign sign} does. Bound to {@code package}: declared after jib-maven-plugin's
 * {@code build} execution, it runs right after it.
 *
 * @since 0.1.0
 */
@Mojo(name = "sign", defaultPhase = LifecyclePhase.PACKAGE, requiresProject = false, threadSafe = true)
public class SignMojo extends AbstractCosignMojo {
  /** {@code -a key=value} annotations in the signed payload. */
  @Parameter
  Map<String, String> annotations;

  @Override
  void run(Cosign cosign, String ref) {
    SignedImage s = cosign.signImage(ref, annotations == null ? Map.of() : annotations);
    getLog().info("jcosign: signed " + s.image());
  }

  @Override
  boolean signs() {
    return true;
  }

  @Override
  String verb() {
    return "sign";
  }
}
