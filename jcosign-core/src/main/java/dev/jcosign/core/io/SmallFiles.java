package dev.jcosign.core.io;

import dev.jcosign.core.error.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.BiFunction;

/**
 * The one bounded read of whatever the user points jcosign at (issue 11): key and certificate files,
 * predicates, statements, signatures, tokens, trust material, configs, and standard input. Nothing is
 * read past its limit, whatever the file claims to be: a special file such as {@code /dev/zero} or a FIFO
 * reports size 0 and never ends, so the bytes are counted as they come rather than trusting
 * {@code Files.size}. Errors are one line that starts with {@code where} (naming the file) and, for
 * size, names the limit. Blobs for {@code sign-blob} and {@code verify-blob} are streamed instead and
 * have no limit.
 */
public final class SmallFiles {
  /** Keys, certificates, chains, signatures, tokens, passwords: a few KiB in practice. */
  public static final long KEY_OR_CERTIFICATE = 256L << 10;
  /** Trust material and configuration documents (trusted roots, signing configs, docker config). */
  public static final long DOCUMENT = 16L << 20;

  private SmallFiles() {}

  /**
   * The bytes of {@code f}, at most {@code maxBytes}.
   *
   * @param where the start of every error line, naming the file, e.g. {@code --root /tmp/root.json}
   * @throws InvalidInputException {@code <where>: no such file}, {@code : is a directory},
   *     {@code : larger than N bytes}, {@code : permission denied}, or the I/O error's message
   */
  public static byte[] read(Path f, long maxBytes, String where) {
    return read(f, maxBytes, where, InvalidInputException::new);
  }

  /** As {@link #read(Path, long, String)}, failing with the caller's exception type (e.g. a key error). */
  public static byte[] read(Path f, long maxBytes, String where, BiFunction<String, Throwable, ? extends RuntimeException> error) {
    if (Files.isDirectory(f)) {
      throw error.apply(where + ": is a directory", null);
    }
    try (InputStream in = Files.newInputStream(f)) {
      return read(in, maxBytes, where, error);
    } catch (NoSuchFileException e) {
      throw error.apply(where + ": no such file", e);
    } catch (AccessDeniedException e) {
      throw error.apply(where + ": permission denied", e);
    } catch (IOException e) {
      throw error.apply(where + ": " + e.getMessage(), e);
    }
  }

  /** At most {@code maxBytes} of a stream (standard input); the stream is not closed. */
  public static byte[] read(InputStream in, long maxBytes, String where) {
    try {
      return read(in, maxBytes, where, InvalidInputException::new);
    } catch (IOException e) {
      throw new InvalidInputException(where + ": " + e.getMessage(), e);
    }
  }

  private static byte[] read(InputStream in, long maxBytes, String where, BiFunction<String, Throwable, ? extends RuntimeException> error)
      throws IOException {
    int cap = (int) Math.min(maxBytes, Integer.MAX_VALUE - 9);
    byte[] bytes;
    try {
      bytes = in.readNBytes(cap + 1);
    } catch (OutOfMemoryError e) {
      throw error.apply(where + ": does not fit in memory (limit " + maxBytes + " bytes)", null);
    }
    if (bytes.length > cap) {
      throw error.apply(where + ": larger than " + maxBytes + " bytes", null);
    }
    return bytes;
  }
}
