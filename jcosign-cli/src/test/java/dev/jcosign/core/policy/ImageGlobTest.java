package dev.jcosign.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jcosign.core.error.InvalidInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** policy-controller's glob rules (issue 14): the cases of its own glob table, as behaviour, not code. */
class ImageGlobTest {
  @ParameterizedTest
  @CsvSource({
    "foo, index.docker.io/library/foo:latest, true",
    "foo, index.docker.io/library/foo:*, true",
    "foo, index.docker.io/library/*, true",
    "foo, index.docker.io/*/*, true",
    "foo, index.docker.io/**, true",
    "foo, inde**, true",
    "foo, **, true",
    "foo, foo, true",
    "foo, foo*, true",
    "foo, *, true",
    "myuser/myapp, index.docker.io/myuser/*, true",
    "myuser/myapp, */*, true",
    "myuser/myapp, myuser/myapp, true",
    "ghcr.io/foo/bar, ghcr.io/*/*, true",
    "ghcr.io/foo/bar, ghcr.io/**, true",
    "ghcr.io/foo, ghcr.io/*/*, false",
    "ghcr.io/foo, */**, true",
    "prefix-ghcr.io/foo, ghcr.io/foo, false",
    "ghcr.io/foo-suffix, ghcr.io/foo, false",
    "ghcrxio/foo, ghcr.io/**, false",
    "ghcr.io/foo:v1, ghcr.io/foo, false",
    "ghcr.io/foo:v1, ghcr.io/foo:**, true",
    "ghcr.io/foo@sha256:5504f2a95018e3d8a52d80d9e1a128c6ea337581808ff9fe96f5628ce2336350, "
        + "ghcr.io/foo@sha256:5504f2a95018e3d8a52d80d9e1a128c6ea337581808ff9fe96f5628ce2336350, true",
    "localhost:5000/team/app:1, localhost:5000/team/**, true",
  })
  void matchesAsPolicyControllerDoes(String image, String glob, boolean expected) {
    assertEquals(expected, ImageGlob.compile(glob).matches(image), glob + " ~ " + image);
  }

  @ParameterizedTest
  @CsvSource({".+", "[a-z]*", "a b"})
  void refusesWhatIsNotAGlob(String glob) {
    assertEquals("invalid glob \"" + glob + "\"", assertThrows(InvalidInputException.class, () -> ImageGlob.compile(glob)).getMessage());
  }

  @ParameterizedTest
  @CsvSource({"invalid&name"})
  void anUnparseableImageIsAnError(String image) {
    assertThrows(InvalidInputException.class, () -> ImageGlob.compile("**").matches(image));
  }
}
