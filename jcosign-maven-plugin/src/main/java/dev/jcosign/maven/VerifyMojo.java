package dev.jcosign.maven;

import dev.jcosign.api.Cosign;
import dev.jcosign.api.CosignBuilder;
import dev.jcosign.api.ImageVerification;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code jcosign:verify}: fails the build unless the image's signatures (or, with {@code <type>}, its
 * attestations of that type) verify, as {@code jcosign verify} / {@code verify-attestation} do: with
 * {@code <key>} (a public key or KMS URI), or keyless with {@code <certificateIdentity>} and
 * {@code <certificateOidcIssuer>}.
 *
 * @since 0.1.0
 */
@Mojo(name = "verify", defaultPhase = LifecyclePhase.VERIFY, requiresProject = false, threadSafe = true)
public class VerifyMojo extends AbstractCosignMojo {
  /** With a type, verify attestations of it instead of signatures. */
  @Parameter(property = "jcosign.type")
  String type;

  /** {@code --certificate-identity} (keyless). */
  @Parameter(property = "jcosign.certificateIdentity")
  String certificateIdentity;

  /** {@code --certificate-oidc-issuer} (keyless). */
  @Parameter(property = "jcosign.certificateOidcIssuer")
  String certificateOidcIssuer;

  @Override
  CosignBuilder configure(CosignBuilder b, String ref) throws MojoFailureException {
    super.configure(b, ref);
    if (certificateIdentity != null || certificateOidcIssuer != null) {
      b.certificateIdentity(certificateIdentity, certificateOidcIssuer);
    }
    return b;
  }

  @Override
  void run(Cosign cosign, String ref) {
    ImageVerification v = type == null || type.isBlank() ? cosign.verifyImage(ref) : cosign.verifyAttestation(ref, type);
    getLog().info("jcosign: verified " + v.payloads().size() + (type == null || type.isBlank() ? " signature(s)" : " attestation(s)")
        + " of " + v.image());
  }

  @Override
  boolean signs() {
    return false;
  }

  @Override
  String verb() {
    return "verify";
  }
}
