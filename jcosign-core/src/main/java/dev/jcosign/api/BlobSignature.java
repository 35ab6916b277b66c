package dev.jcosign.api;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A signed blob.
 *
 * <pre>{@code
 * BlobSignature s = cosign.signBlob(Path.of("app.tar.gz"), Optional.of(Path.of("app.sigstore.json")));
 * }</pre>
 *
 * @param signature the base64 signature, as {@code sign-blob} prints it (empty when only a bundle was written)
 * @param bundle where the Sigstore bundle was written, if one was asked for
 * @since 0.1.0
 */
public record BlobSignature(String signature, Optional<Path> bundle) {}
