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
    for (int i = 0; i < p; i++) {
      int off = i * 128 * r;
      for (int k = 0; k < blockInts; k++) {
        int o = off + 4 * k;
        x[k] = (b[o] & 0xff) | (b[o + 1] & 0xff) << 8 | (b[o + 2] & 0xff) << 16 | (b[o + 3] & 0xff) << 24;
      }
      roMix(x, y, v, n, r);
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

  /**
   * ROMix without block copies: in the first loop BlockMix reads V[i] and writes V[i+1] directly;
   * in the second it ping-pongs between {@code x} and {@code y}. The result ends in {@code x}.
   */
  private static void roMix(int[] x, int[] y, int[] v, int n, int r) {
    int bi = 32 * r;
    System.arraycopy(x, 0, v, 0, bi);
    for (int i = 0; i < n - 1; i++) {
      blockMix(v, i * bi, v, (i + 1) * bi, r);
    }
    blockMix(v, (n - 1) * bi, x, 0, r);
    int last = (2 * r - 1) * 16;
    int[] a = x;
    int[] b = y;
    for (int i = 0; i < n; i++) {
      int vo = (a[last] & (n - 1)) * bi;
      for (int k = 0; k < bi; k++) {
        a[k] ^= v[vo + k];
      }
      blockMix(a, 0, b, 0, r);
      int[] swap = a;
      a = b;
      b = swap;
    }
    if (a != x) {
      System.arraycopy(a, 0, x, 0, bi);
    }
  }

  /** BlockMix from {@code in[inOff..]} to {@code out[outOff..]}: even sub-blocks first, then odd. */
  private static void blockMix(int[] in, int inOff, int[] out, int outOff, int r) {
    int[] prev = in;
    int prevOff = inOff + (2 * r - 1) * 16;
    for (int i = 0; i < 2 * r; i++) {
      int yo = outOff + ((i & 1) == 0 ? i / 2 : r + i / 2) * 16;
      salsa8(prev, prevOff, in, inOff + i * 16, out, yo);
      prev = out;
      prevOff = yo;
    }
  }

  /** {@code d[dOff..] = Salsa20/8(t[tOff..] xor b[off..])}; straight-line so the locals stay in registers. */
  private static void salsa8(int[] t, int tOff, int[] b, int off, int[] d, int dOff) {
    int x0 = t[tOff] ^ b[off], x1 = t[tOff + 1] ^ b[off + 1], x2 = t[tOff + 2] ^ b[off + 2], x3 = t[tOff + 3] ^ b[off + 3];
    int x4 = t[tOff + 4] ^ b[off + 4], x5 = t[tOff + 5] ^ b[off + 5], x6 = t[tOff + 6] ^ b[off + 6], x7 = t[tOff + 7] ^ b[off + 7];
    int x8 = t[tOff + 8] ^ b[off + 8], x9 = t[tOff + 9] ^ b[off + 9], x10 = t[tOff + 10] ^ b[off + 10], x11 = t[tOff + 11] ^ b[off + 11];
    int x12 = t[tOff + 12] ^ b[off + 12], x13 = t[tOff + 13] ^ b[off + 13], x14 = t[tOff + 14] ^ b[off + 14], x15 = t[tOff + 15] ^ b[off + 15];
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
    d[dOff] = x0 + j0;
    d[dOff + 1] = x1 + j1;
    d[dOff + 2] = x2 + j2;
    d[dOff + 3] = x3 + j3;
    d[dOff + 4] = x4 + j4;
    d[dOff + 5] = x5 + j5;
    d[dOff + 6] = x6 + j6;
    d[dOff + 7] = x7 + j7;
    d[dOff + 8] = x8 + j8;
    d[dOff + 9] = x9 + j9;
    d[dOff + 10] = x10 + j10;
    d[dOff + 11] = x11 + j11;
    d[dOff + 12] = x12 + j12;
    d[dOff + 13] = x13 + j13;
    d[dOff + 14] = x14 + j14;
    d[dOff + 15] = x15 + j15;
  }
}
