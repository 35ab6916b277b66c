package dev.jcosign.core.tuf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jcosign.core.error.InvalidInputException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code --root-checksum} parsing and checking (spec §1.3 {@code initialize}). */
class RootChecksumTest {
  static final byte[] ROOT = "root".getBytes(StandardCharsets.UTF_8);
  static final String SHA256 = "4813494d137e1631bba301d5acab6e7bb7aa74ce1185d456565ef51d737677b2";

  @Test
  void sha256IsTheDefaultAndCaseDoesNotMatter() {
    assertEquals(new RootChecksum("sha256", SHA256), RootChecksum.parse(SHA256.toUpperCase(java.util.Locale.ROOT)));
    RootChecksum.parse("sha256:" + SHA256).check(ROOT, "root.json");
    RootChecksum.parse("SHA512:" + "ab".repeat(64)); // parses; the digest is another matter
  }

  @Test
  void malformedValuesNameThemselves() {
    assertEquals("wrong checksum input format, must have at most 1 colon: a:b:c",
        assertThrows(InvalidInputException.class, () -> RootChecksum.parse("a:b:c")).getMessage());
    assertEquals("unsupported checksum algorithm: md5",
        assertThrows(InvalidInputException.class, () -> RootChecksum.parse("md5:" + SHA256)).getMessage());
    assertEquals("invalid --root-checksum \"sha512:" + SHA256 + "\": expected 128 hex digits of a sha512 digest",
        assertThrows(InvalidInputException.class, () -> RootChecksum.parse("sha512:" + SHA256)).getMessage());
    assertThrows(InvalidInputException.class, () -> RootChecksum.parse("zz".repeat(32)));
  }

  @Test
  void aMismatchSaysBothDigests() {
    String other = "0".repeat(64);
    assertEquals("incorrect checksum for file f.json: expected " + other + " but got " + SHA256,
        assertThrows(InvalidInputException.class, () -> RootChecksum.parse(other).check(ROOT, "f.json")).getMessage());
  }
}
