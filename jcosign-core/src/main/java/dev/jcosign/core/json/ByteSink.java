package dev.jcosign.core.json;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable byte array that a {@link com.fasterxml.jackson.core.JsonGenerator} writes into and
 * whose written bytes may be rearranged in place: {@link GoJson} sorts object fields this way, so a
 * 20 MB predicate is written once instead of being built as a tree and copied (issue 4).
 */
public final class ByteSink extends OutputStream {
  private byte[] buf;
  private int size;

  public ByteSink(int initialCapacity) {
    buf = new byte[Math.max(16, initialCapacity)];
  }

  @Override
  public void write(int b) {
    ensure(1);
    buf[size++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, buf, size, len);
    size += len;
  }

  /** Bytes written so far (the end of the content). */
  public int size() {
    return size;
  }

  /** The backing array; valid up to {@link #size()} until the next write. */
  public byte[] array() {
    return buf;
  }

  /** Moves the end of the content; {@code newSize} may be past the end (the gap reads as zeros). */
  public void setSize(int newSize) {
    if (newSize < 0) {
      throw new IllegalArgumentException("negative size");
    }
    if (newSize > size) {
      ensure(newSize - size);
    }
    size = newSize;
  }

  /** A copy of the content. */
  public byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }

  private void ensure(int more) {
    long need = (long) size + more;
    if (need > buf.length) {
      if (need > Integer.MAX_VALUE - 8) {
        throw new IllegalStateException("more than 2 GB of JSON");
      }
      // grow by half: the initial capacity is sized to the input, so growth is the exception
      buf = Arrays.copyOf(buf, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(need, buf.length + (buf.length >> 1))));
    }
  }
}
