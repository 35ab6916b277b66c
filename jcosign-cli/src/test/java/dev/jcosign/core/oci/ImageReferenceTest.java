package dev.jcosign.core.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jcosign.core.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageReferenceTest {
  private static final String HEX = "96e02d0b492603f4a069cb1e69e86fc10321f096a5f58e5cb9a2c655f9466b58";

  @ParameterizedTest
  @CsvSource({
    "ubuntu, index.docker.io/library/ubuntu:latest",
    "docker.io/ubuntu:22.04, index.docker.io/library/ubuntu:22.04",
    "org/app, index.docker.io/org/app:latest",
    "ghcr.io/org/app:v1, ghcr.io/org/app:v1",
    "localhost:5000/x, localhost:5000/x:latest",
    "localhost/x:y, localhost/x:y",
    "127.0.0.1:5000/test/hello:v1, 127.0.0.1:5000/test/hello:v1",
  })
  void parsesLikeGoContainerRegistry(String in, String name) {
    assertEquals(name, ImageReference.parse(in).name());
  }

  @Test
  void digestWinsOverTagInName() {
    ImageReference r = ImageReference.parse("127.0.0.1:5000/a:v1@sha256:" + HEX);
    assertEquals("v1", r.tag());
    assertEquals("127.0.0.1:5000/a@sha256:" + HEX, r.name());
    assertEquals("sha256-" + HEX, r.digest().tagStem());
  }

  @ParameterizedTest
  @CsvSource({"UPPER/case", "a:b:c", "x@sha256:123", "'', ", "a//b", "a:bad tag"})
  void rejectsBadReferences(String in) {
    assertThrows(InvalidInputException.class, () -> ImageReference.parse(in));
  }
}
