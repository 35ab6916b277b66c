package dev.jcosign.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jcosign.core.error.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmallFilesTest {
  @TempDir Path dir;

  @Test
  void readsAFileUpToTheCap() throws Exception {
    Path f = Files.write(dir.resolve("root.json"), new byte[] {1, 2, 3});
    assertArrayEquals(new byte[] {1, 2, 3}, SmallFiles.read(f, 3, "--root " + f));
  }

  @Test
  void eachProblemIsOneLineStartingWithWhere() throws Exception {
    Path big = Files.write(dir.resolve("big"), new byte[4]);
    assertEquals("x: larger than 3 bytes", assertThrows(InvalidInputException.class, () -> SmallFiles.read(big, 3, "x")).getMessage());
    assertEquals("x: no such file",
        assertThrows(InvalidInputException.class, () -> SmallFiles.read(dir.resolve("none"), 3, "x")).getMessage());
    assertEquals("x: is a directory", assertThrows(InvalidInputException.class, () -> SmallFiles.read(dir, 3, "x")).getMessage());
  }
}
