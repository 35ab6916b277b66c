package dev.jcosign.core.blob;

import java.util.Optional;

/**
 * The result of {@code sign-blob}.
 *
 * @param stdout what goes to standard output: the base64 signature and a newline in legacy mode
 *     without {@code --output-signature}; empty otherwise
 */
public record SignedBlob(Optional<String> stdout) {}
