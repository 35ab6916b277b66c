package dev.jcosign.core.sign;

import dev.jcosign.core.oci.ImageReference;
import dev.jcosign.core.signature.SignatureLayout;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code sign} was asked to do (spec §1.3 sign row, §3.1-§3.3).
 *
 * @param images references to sign (tags are resolved to digests)
 * @param annotations {@code -a k=v} pairs, written to the payload's {@code optional}
 * @param recursive also sign every manifest of an index
 * @param upload push the signature; false with output files only writes them
 * @param tlogUpload upload to the transparency log first (spec §6.3); nothing is pushed or written if that fails
 * @param outputSignature file for the base64 signature, if any
 * @param outputPayload file for the payload bytes, if any
 * @param layout where signatures are stored ({@code COSIGN_REPOSITORY})
 * @param dockerMediaTypes write Docker instead of OCI media types ({@code COSIGN_DOCKER_MEDIA_TYPES})
 */
public record SignRequest(
    List<ImageReference> images,
    Map<String, String> annotations,
    boolean recursive,
    boolean upload,
    boolean tlogUpload,
    Optional<Path> outputSignature,
    Optional<Path> outputPayload,
    SignatureLayout layout,
    boolean dockerMediaTypes) {

  public SignRequest {
    images = List.copyOf(images);
    annotations = Map.copyOf(annotations);
  }
}
