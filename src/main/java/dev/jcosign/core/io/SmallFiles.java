package dev.jcosign.core.io;

import dev.jcosign.core.error.InvalidInputException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a small local file that the user named (a trusted root, a TUF root, a signing config): whole,
 * with a size cap so a wrong path (a device, a huge file) cannot exhaust the heap, and with cosign-style
 * one-line errors that start with {@code where}.
 */
public final class SmallFiles {
  private SmallFiles() {}

  /**
   * The bytes of {@code f}, at most {@code maxBytes}.
   *
   * @param where the start of every error line, naming the file, e.g. {@code --root /tmp/root.json}
   * @throws InvalidInputException {@code <where>: no such file}, {@code : is a directory},
   *     {@code : larger than N bytes}, {@code : permission denied}, or the I/O error's message
   */
  public static byte[] read(Path f, long maxBytes, String where) {
    try {
      if (Files.isDirectory(f)) {
        throw new InvalidInputException(where + ": is a directory");
      }
      if (Files.size(f) > maxBytes) {
        throw new InvalidInputException(where + ": larger than " + maxBytes + " bytes");
      }
      return Files.readAllBytes(f);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(where + ": no such file", e);
    } catch (AccessDeniedException e) {
      throw new InvalidInputException(where + ": permission denied", e);
    } catch (IOException e) {
      throw new InvalidInputException(where + ": " + e.getMessage(), e);
    }
  }
}
