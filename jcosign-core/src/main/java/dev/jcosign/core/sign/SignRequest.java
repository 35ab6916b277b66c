package dev.jcosign.core.sign;

import dev.jcosign.core.oci.ImageReference;
import dev.jcosign.core.signature.SignatureLayout;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code sign} was asked to do (spec §1.3 sign row, §3.1-§3.3).
 *
 * @param images references to sign (tags are resolved to digests)
 * @param annotations {@code -a k=v} pairs, written to the payload's {@code optional}
 * @param options what else to do: {@link Option}
 * @param outputSignature file for the base64 signature, if any
 * @param outputPayload file for the payload bytes, if any
 * @param layout where signatures are stored ({@code COSIGN_REPOSITORY})
 */
public record SignRequest(
    List<ImageReference> images,
    Map<String, String> annotations,
    Set<Option> options,
    Optional<Path> outputSignature,
    Optional<Path> outputPayload,
    SignatureLayout layout) {

  /** The switches of a signing run, named rather than a row of positional booleans (issue 10). */
  public enum Option {
    /** {@code -r}: also sign every manifest of an index. */
    RECURSIVE,
    /** push the signature ({@code --upload}); without it, output files only. */
    UPLOAD,
    /** upload to the transparency log first (spec §6.3); nothing is pushed or written if that fails. */
    TLOG_UPLOAD,
    /** write Docker instead of OCI media types ({@code COSIGN_DOCKER_MEDIA_TYPES}). */
    DOCKER_MEDIA_TYPES
  }

  public SignRequest {
    images = List.copyOf(images);
    annotations = Map.copyOf(annotations);
    options = options.isEmpty() ? EnumSet.noneOf(Option.class) : EnumSet.copyOf(options);
  }

  @Override
  public Set<Option> options() {
    return options.isEmpty() ? EnumSet.noneOf(Option.class) : EnumSet.copyOf(options);
  }

  public boolean recursive() {
    return options.contains(Option.RECURSIVE);
  }

  public boolean upload() {
    return options.contains(Option.UPLOAD);
  }

  public boolean tlogUpload() {
    return options.contains(Option.TLOG_UPLOAD);
  }

  public boolean dockerMediaTypes() {
    return options.contains(Option.DOCKER_MEDIA_TYPES);
  }
}
