package dev.jcosign.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Console.outBytes writes chunk by chunk (issue 4) what printing the decoded String wrote. */
class ConsoleBytesTest {

  private static byte[] viaString(byte[] b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintWriter w = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
    w.print(new String(b, StandardCharsets.UTF_8));
    w.flush();
    return out.toByteArray();
  }

  private static byte[] viaChunks(ByteBuffer b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintWriter w = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
    new Console(w, w, new ByteArrayInputStream(new byte[0]), false).outBytes(b);
    return out.toByteArray();
  }

  @Test
  void sameBytesAsPrintingTheString() {
    Random r = new Random(3);
    String text = "ascii {\"a\":\"é日本😀\"}\n";
    StringBuilder big = new StringBuilder();
    while (big.length() < 100_000) {
      big.append(text);
    }
    byte[][] inputs = {
      new byte[0],
      text.getBytes(StandardCharsets.UTF_8),
      big.toString().getBytes(StandardCharsets.UTF_8),
      {(byte) 0xff, 'a', (byte) 0xc3, (byte) 0xe6, (byte) 0x97, 'b', (byte) 0xf0, (byte) 0x9f, (byte) 0x98},
      randomBytes(r, 50_000),
    };
    for (byte[] in : inputs) {
      assertArrayEquals(viaString(in), viaChunks(ByteBuffer.wrap(in)));
      assertArrayEquals(viaString(in), viaChunks(ByteBuffer.wrap(in).asReadOnlyBuffer()));
    }
    // a multi-byte character split across the 8 KiB chunk boundary
    byte[] split = new byte[8193];
    java.util.Arrays.fill(split, (byte) 'x');
    byte[] e = "é".getBytes(StandardCharsets.UTF_8);
    split[8191] = e[0];
    split[8192] = e[1];
    assertArrayEquals(viaString(split), viaChunks(ByteBuffer.wrap(split)));
  }

  private static byte[] randomBytes(Random r, int n) {
    byte[] b = new byte[n];
    r.nextBytes(b);
    return b;
  }
}
