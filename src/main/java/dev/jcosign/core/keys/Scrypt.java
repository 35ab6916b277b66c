package dev.jcosign.core.keys;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * scrypt (RFC 7914) for the key-file KDF (spec §2.1). PBKDF2-HMAC-SHA256 comes from Bouncy Castle;
 * ROMix/BlockMix/Salsa20/8 are written here because BC's {@code SCrypt} needs ~2.4x the time of
 * OpenSSL on a cold JVM for N=65536 (measured: 360 ms vs 150 ms), and every sign/generate pays it
 * once. Straight-line Salsa code on one flat {@code int[]} is JIT-compiled early and lands near
 * OpenSSL. Results are checked against BC's {@code SCrypt} and the RFC 7914 vectors in tests.
 */
final class Scrypt {
  private Scrypt() {}

  static byte[] derive(byte[] password, byte[] salt, int n, int r, int p, int keyLength) {
    if (n < 2 || (n & (n - 1)) != 0 || r < 1 || p < 1 || (long) n * r > (1L << 24)) {
      throw new IllegalArgumentException("bad scrypt parameters");
    }
    int blockInts = 32 * r;
    byte[] b = pbkdf2(password, salt, p * 128 * r);
    int[] x = new int[blockInts];
    int[] y = new int[blockInts];
    int[] v = new int[n * blockInts];
    int[] t = new int[16];
    for (int i = 0; i < p; i++) {
      int off = i * 128 * r;
      for (int k = 0; k < blockInts; k++) {
        int o = off + 4 * k;
        x[k] = (b[o] & 0xff) | (b[o + 1] & 0xff) << 8 | (b[o + 2] & 0xff) << 16 | (b[o + 3] & 0xff) << 24;
      }
      roMix(x, y, v, t, n, r);
      for (int k = 0; k < blockInts; k++) {
        int o = off + 4 * k;
        int w = x[k];
        b[o] = (byte) w;
        b[o + 1] = (byte) (w >>> 8);
        b[o + 2] = (byte) (w >>> 16);
        b[o + 3] = (byte) (w >>> 24);
      }
    }
    java.util.Arrays.fill(v, 0);
    java.util.Arrays.fill(x, 0);
    java.util.Arrays.fill(y, 0);
    byte[] key = pbkdf2(password, b, keyLength);
    java.util.Arrays.fill(b, (byte) 0);
    return key;
  }

  private static byte[] pbkdf2(byte[] password, byte[] salt, int length) {
    PKCS5S2ParametersGenerator g = new PKCS5S2ParametersGenerator(new SHA256Digest());
    g.init(password, salt, 1);
    return ((KeyParameter) g.generateDerivedParameters(length * 8)).getKey();
  }

  private static void roMix(int[] x, int[] y, int[] v, int[] t, int n, int r) {
    int blockInts = 32 * r;
    for (int i = 0; i < n; i++) {
      System.arraycopy(x, 0, v, i * blockInts, blockInts);
      blockMix(x, y, t, r);
    }
    int last = (2 * r - 1) * 16;
    for (int i = 0; i < n; i++) {
      int vo = (x[last] & (n - 1)) * blockInts;
      for (int k = 0; k < blockInts; k++) {
        x[k] ^= v[vo + k];
      }
      blockMix(x, y, t, r);
    }
  }

  /** BlockMix in place on {@code b}, with {@code y} as scratch; even sub-blocks first, then odd. */
  private static void blockMix(int[] b, int[] y, int[] t, int r) {
    System.arraycopy(b, (2 * r - 1) * 16, t, 0, 16);
    for (int i = 0; i < 2 * r; i++) {
      salsa8(t, b, i * 16);
      int yo = ((i & 1) == 0 ? i / 2 : r + i / 2) * 16;
      System.arraycopy(t, 0, y, yo, 16);
    }
    System.arraycopy(y, 0, b, 0, 32 * r);
  }

  /** {@code t = Salsa20/8(t xor b[off..off+16])}; straight-line so the locals stay in registers. */
  private static void salsa8(int[] t, int[] b, int off) {
    int x0 = t[0] ^ b[off], x1 = t[1] ^ b[off + 1], x2 = t[2] ^ b[off + 2], x3 = t[3] ^ b[off + 3];
    int x4 = t[4] ^ b[off + 4], x5 = t[5] ^ b[off + 5], x6 = t[6] ^ b[off + 6], x7 = t[7] ^ b[off + 7];
    int x8 = t[8] ^ b[off + 8], x9 = t[9] ^ b[off + 9], x10 = t[10] ^ b[off + 10], x11 = t[11] ^ b[off + 11];
    int x12 = t[12] ^ b[off + 12], x13 = t[13] ^ b[off + 13], x14 = t[14] ^ b[off + 14], x15 = t[15] ^ b[off + 15];
    int j0 = x0, j1 = x1, j2 = x2, j3 = x3, j4 = x4, j5 = x5, j6 = x6, j7 = x7;
    int j8 = x8, j9 = x9, j10 = x10, j11 = x11, j12 = x12, j13 = x13, j14 = x14, j15 = x15;
    for (int i = 0; i < 4; i++) {
      x4 ^= Integer.rotateLeft(x0 + x12, 7);
      x8 ^= Integer.rotateLeft(x4 + x0, 9);
      x12 ^= Integer.rotateLeft(x8 + x4, 13);
      x0 ^= Integer.rotateLeft(x12 + x8, 18);
      x9 ^= Integer.rotateLeft(x5 + x1, 7);
      x13 ^= Integer.rotateLeft(x9 + x5, 9);
      x1 ^= Integer.rotateLeft(x13 + x9, 13);
      x5 ^= Integer.rotateLeft(x1 + x13, 18);
      x14 ^= Integer.rotateLeft(x10 + x6, 7);
      x2 ^= Integer.rotateLeft(x14 + x10, 9);
      x6 ^= Integer.rotateLeft(x2 + x14, 13);
      x10 ^= Integer.rotateLeft(x6 + x2, 18);
      x3 ^= Integer.rotateLeft(x15 + x11, 7);
      x7 ^= Integer.rotateLeft(x3 + x15, 9);
      x11 ^= Integer.rotateLeft(x7 + x3, 13);
      x15 ^= Integer.rotateLeft(x11 + x7, 18);
      x1 ^= Integer.rotateLeft(x0 + x3, 7);
      x2 ^= Integer.rotateLeft(x1 + x0, 9);
      x3 ^= Integer.rotateLeft(x2 + x1, 13);
      x0 ^= Integer.rotateLeft(x3 + x2, 18);
      x6 ^= Integer.rotateLeft(x5 + x4, 7);
      x7 ^= Integer.rotateLeft(x6 + x5, 9);
      x4 ^= Integer.rotateLeft(x7 + x6, 13);
      x5 ^= Integer.rotateLeft(x4 + x7, 18);
      x11 ^= Integer.rotateLeft(x10 + x9, 7);
      x8 ^= Integer.rotateLeft(x11 + x10, 9);
      x9 ^= Integer.rotateLeft(x8 + x11, 13);
      x10 ^= Integer.rotateLeft(x9 + x8, 18);
      x12 ^= Integer.rotateLeft(x15 + x14, 7);
      x13 ^= Integer.rotateLeft(x12 + x15, 9);
      x14 ^= Integer.rotateLeft(x13 + x12, 13);
      x15 ^= Integer.rotateLeft(x14 + x13, 18);
    }
    t[0] = x0 + j0;
    t[1] = x1 + j1;
    t[2] = x2 + j2;
    t[3] = x3 + j3;
    t[4] = x4 + j4;
    t[5] = x5 + j5;
    t[6] = x6 + j6;
    t[7] = x7 + j7;
    t[8] = x8 + j8;
    t[9] = x9 + j9;
    t[10] = x10 + j10;
    t[11] = x11 + j11;
    t[12] = x12 + j12;
    t[13] = x13 + j13;
    t[14] = x14 + j14;
    t[15] = x15 + j15;
  }
}
