package dev.jcosign.core.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.generators.SCrypt;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScryptTest {

  @Test
  void rfc7914_vectors() {
    assertEquals("77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906",
        Hex.toHexString(Scrypt.derive(new byte[0], new byte[0], 16, 1, 1, 64)));
    assertEquals("fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640",
        Hex.toHexString(Scrypt.derive(utf8("password"), utf8("NaCl"), 1024, 8, 16, 64)));
  }

  @ParameterizedTest
  @CsvSource({"hello, 32768, 8, 1", "'', 65536, 8, 1", "pw, 2, 1, 3", "x, 64, 3, 2"})
  void sameAsBouncyCastle(String password, int n, int r, int p) {
    byte[] salt = Hex.decode("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
    assertArrayEquals(SCrypt.generate(utf8(password), salt, n, r, p, 32), Scrypt.derive(utf8(password), salt, n, r, p, 32));
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
