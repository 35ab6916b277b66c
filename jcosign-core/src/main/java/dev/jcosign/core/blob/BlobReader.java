package dev.jcosign.core.blob;

import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.keys.DigestAlgorithm;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Reads a blob for signing or verifying. Hashing streams it through a fixed buffer so memory stays
 * bounded whatever the size (issue 3: 1 GiB blobs); only Ed25519, which signs the message itself,
 * needs {@link #readAll}.
 */
public final class BlobReader {
  private static final int BUFFER = 1 << 16;
  /** The largest byte array the JVM hands out, roughly. */
  private static final long MAX_IN_MEMORY = Integer.MAX_VALUE - 16L;

  private final InputStream stdin;

  public BlobReader(InputStream stdin) {
    this.stdin = stdin;
  }

  /** The {@code algorithm} digest of the artifact, streamed. */
  byte[] digest(Artifact artifact, DigestAlgorithm algorithm) {
    MessageDigest md = newDigest(algorithm);
    try (InputStream in = new DigestInputStream(open(artifact), md)) {
      byte[] buf = new byte[BUFFER];
      while (in.read(buf) >= 0) {
        // DigestInputStream hashes what passes through
      }
    } catch (IOException e) {
      throw failure(artifact, e);
    }
    return md.digest();
  }

  /**
   * The artifact's {@code hash} digest: read from a {@code sha256:}/{@code sha384:}/{@code sha512:} argument
   * (which must be of that hash), else streamed from the file or stdin.
   */
  public byte[] digestOf(Artifact artifact, DigestAlgorithm hash) {
    if (artifact instanceof Artifact.DigestArtifact d) {
      if (hash != d.algorithm()) {
        throw new InvalidInputException("the signature's digest is " + hash + ", but the artifact was given as a "
            + d.algorithm() + " digest");
      }
      return d.digest();
    }
    return digest(artifact, hash);
  }

  /** The whole blob for Ed25519, which signs the message itself: a digest argument cannot stand for it. */
  byte[] wholeBlob(Artifact artifact) {
    if (artifact instanceof Artifact.DigestArtifact) {
      throw new InvalidInputException("ed25519 signatures cover the blob itself: give the file, not its digest");
    }
    return readAll(artifact);
  }

  /** The whole artifact in memory (Ed25519 only); refused beyond what a Java array can hold. */
  byte[] readAll(Artifact artifact) {
    try {
      if (artifact instanceof Artifact.FileArtifact f && Files.size(f.path()) > MAX_IN_MEMORY) {
        throw new InvalidInputException("ed25519 keys sign the whole blob in memory, and " + f.path() + " is larger than 2 GiB");
      }
      try (InputStream in = open(artifact)) {
        return in.readAllBytes();
      }
    } catch (IOException e) {
      throw failure(artifact, e);
    } catch (OutOfMemoryError e) {
      throw new InvalidInputException("ed25519 keys sign the whole blob in memory, and " + artifact.name() + " does not fit");
    }
  }

  static byte[] digest(byte[] message, DigestAlgorithm algorithm) {
    return newDigest(algorithm).digest(message);
  }

  private InputStream open(Artifact artifact) throws IOException {
    if (artifact instanceof Artifact.StdinArtifact) {
      // the caller's stream: not ours to close
      return new java.io.FilterInputStream(stdin) {
        @Override
        public void close() {}
      };
    }
    if (artifact instanceof Artifact.FileArtifact f) {
      if (Files.isDirectory(f.path())) {
        throw new InvalidInputException("reading " + f.path() + ": is a directory");
      }
      return Files.newInputStream(f.path());
    }
    throw new InvalidInputException(artifact.name() + " is a digest, not a blob that can be read");
  }

  private static InvalidInputException failure(Artifact artifact, IOException e) {
    String why = e instanceof NoSuchFileException ? "no such file"
        : e instanceof AccessDeniedException ? "permission denied" : e.getMessage();
    return new InvalidInputException("reading " + artifact.name() + ": " + why, e);
  }

  private static MessageDigest newDigest(DigestAlgorithm algorithm) {
    try {
      return MessageDigest.getInstance(algorithm.jdkName());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
