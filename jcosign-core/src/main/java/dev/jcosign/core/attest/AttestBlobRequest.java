package dev.jcosign.core.attest;

import dev.jcosign.core.blob.Artifact;

import dev.jcosign.core.error.InvalidInputException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code attest-blob} was asked to do (spec §1.3 attest-blob row, keyless spec §1.4).
 *
 * @param artifact the blob the statement is about (a file, or its {@code --hash})
 * @param subjectName the statement subject's name: the file's base name
 * @param statement {@code --statement}: a ready in-toto statement, signed as it is
 * @param predicate {@code --predicate} bytes with {@code type}, when no statement is given
 * @param type {@code --type}: a predicate type name or URI
 * @param bundle where the Sigstore bundle goes
 * @param tlogUpload log a {@code dsse} entry first; nothing is written if that fails
 */
public record AttestBlobRequest(Artifact artifact, String subjectName, Optional<byte[]> statement, Optional<byte[]> predicate,
    String type, Path bundle, boolean tlogUpload) {
  public AttestBlobRequest {
    Objects.requireNonNull(bundle, "bundle");
    statement = statement.map(byte[]::clone);
    predicate = predicate.map(byte[]::clone);
    if (statement.isPresent() == predicate.isPresent()) {
      throw new InvalidInputException("give either --predicate or --statement");
    }
  }
}
