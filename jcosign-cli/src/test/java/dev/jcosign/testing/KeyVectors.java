package dev.jcosign.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the copied cosign test vectors under {@code src/test/resources/vectors/cosign}. */
public final class KeyVectors {
  private KeyVectors() {}

  public static byte[] bytes(String relative) {
    try (InputStream in = KeyVectors.class.getResourceAsStream("/vectors/cosign/" + relative)) {
      if (in == null) {
        throw new IllegalArgumentException("no test vector " + relative);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String text(String relative) {
    return new String(bytes(relative), StandardCharsets.UTF_8);
  }

  /** Copies a vector into {@code dir} and returns its path there. */
  public static Path copy(String relative, Path dir) {
    try {
      Path p = dir.resolve(Path.of(relative).getFileName().toString());
      Files.write(p, bytes(relative));
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
