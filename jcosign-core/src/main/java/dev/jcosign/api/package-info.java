/**
 * jcosign as a library (issue 13): sign, attest and verify OCI images and blobs from Java code exactly
 * as the {@code jcosign} command line does, with the same engine. Start at {@link dev.jcosign.api.Cosign}.
 *
 * <p>Signatures use JDK types, this package's records and jcosign's typed failures
 * ({@link dev.jcosign.core.error.CosignException} and its subclasses, whose
 * {@link dev.jcosign.core.error.ExitStatus#of exit code} is the command line's); no picocli, Jackson or
 * SDK type appears in them.
 *
 * @since 0.1.0
 */
package dev.jcosign.api;
