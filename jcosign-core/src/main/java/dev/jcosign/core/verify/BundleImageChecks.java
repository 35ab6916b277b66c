package dev.jcosign.core.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcosign.core.blob.Artifact;
import dev.jcosign.core.blob.BlobMaterial;
import dev.jcosign.core.blob.BlobVerifier;
import dev.jcosign.core.blob.VerifyBlobRequest;
import dev.jcosign.core.bundle.SigstoreBundle;
import dev.jcosign.core.error.CosignException;
import dev.jcosign.core.error.VerificationException;
import dev.jcosign.core.json.Json;
import dev.jcosign.core.keyless.CertificatePolicy;
import dev.jcosign.core.keys.DigestAlgorithm;
import dev.jcosign.core.oci.Descriptor;
import dev.jcosign.core.oci.Digest;
import dev.jcosign.core.oci.MediaTypes;
import dev.jcosign.core.signature.AttachmentStore;
import dev.jcosign.core.tlog.TlogPolicy;
import java.io.ByteArrayInputStream;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bundle path of {@code verify} and {@code verify-attestation} (cosign-spec §4.2, keyless spec §1.6-1.7):
 * each referrer bundle of the image is checked as a DSSE bundle whose statement's subject is the image
 * digest and whose predicate type is the wanted one; success when at least one verifies.
 */
public final class BundleImageChecks {
  private BundleImageChecks() {}

  /** One verified bundle: its statement and envelope. */
  public record Verified(Digest referrer, SigstoreBundle bundle, JsonNode statement) {}

  /**
   * Verifies the bundles found; throws {@link VerificationException} listing each bundle's failure when
   * none verifies.
   */
  public static List<Verified> verify(List<AttachmentStore.Found> found, Digest subject, String predicateType,
      Optional<PublicKey> key, Optional<CertificatePolicy> certificates, TlogPolicy tlog) {
    List<Verified> ok = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    Artifact image = new Artifact.DigestArtifact(DigestAlgorithm.SHA256, java.util.HexFormat.of().parseHex(subject.hex()));
    for (AttachmentStore.Found f : found) {
      try {
        VerifyBlobRequest req = new VerifyBlobRequest(image, key, certificates, new BlobMaterial.Bundle(f.bundle()), tlog,
            DigestAlgorithm.SHA256, List.of(), Optional.of(Optional.of(predicateType)));
        new BlobVerifier(new ByteArrayInputStream(new byte[0])).verify(req);
        ok.add(new Verified(f.manifest(), f.bundle(),
            Json.parse(f.bundle().dsseEnvelope().orElseThrow().payload(), "statement")));
      } catch (CosignException e) {
        errors.add(f.manifest() + ": " + e.getMessage());
      }
    }
    if (ok.isEmpty()) {
      throw new VerificationException("no bundle attached to the image verifies: " + String.join("; ", errors));
    }
    return ok;
  }

  /**
   * cosign v3's {@code verify} output item for a bundle (cosign-spec §4.5): the reference as given, the
   * subject digest, the statement's predicate type, and the subject's annotations as {@code optional}.
   */
  public static byte[] outputPayload(String reference, Digest subject, JsonNode statement) {
    ObjectNode o = Json.object();
    ObjectNode critical = o.putObject("critical");
    critical.putObject("identity").put("docker-reference", reference);
    critical.putObject("image").put("docker-manifest-digest", subject.toString());
    critical.put("type", statement.path("predicateType").asText(""));
    ObjectNode optional = o.putObject("optional");
    JsonNode annotations = statement.path("subject").path(0).path("annotations");
    if (annotations.isObject()) {
      annotations.fields().forEachRemaining((Map.Entry<String, JsonNode> e) -> optional.set(e.getKey(), e.getValue()));
    }
    return Json.write(o);
  }

  /** A descriptor standing for the referrer in a {@link VerifiedSignature}. */
  static Descriptor referrerDescriptor(Digest referrer) {
    return new Descriptor(MediaTypes.SIGSTORE_BUNDLE_V03, referrer, 0, Map.of(), null);
  }
}
