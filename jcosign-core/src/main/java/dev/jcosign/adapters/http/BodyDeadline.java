package dev.jcosign.adapters.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The part of a whole-exchange deadline that {@code java.net.http} lacks (issue 11): its request timeout
 * ends when the response headers arrive, so a server that then trickles the body, or stops sending it,
 * would hold jcosign far past {@code --timeout}. A body is read here under the exchange's deadline; when
 * it passes, the stream is closed and the reading thread interrupted, which ends any blocked read.
 */
public final class BodyDeadline {
  private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "jcosign-body-deadline");
    t.setDaemon(true);
    return t;
  });

  private BodyDeadline() {}

  /** Reads a body; the exception when the deadline passed first. */
  public interface BodyRead<T> {
    T read() throws IOException;
  }

  /** The deadline passed while the body was being read. */
  public static final class Expired extends IOException {
    private static final long serialVersionUID = 1L;

    Expired(Throwable cause) {
      super("the body did not arrive in time", cause);
    }
  }

  /**
   * Runs {@code read}, which reads from {@code in}, until {@code deadlineNanos} (a {@link System#nanoTime}
   * value); throws {@link Expired} when the deadline came first.
   */
  public static <T> T read(InputStream in, long deadlineNanos, BodyRead<T> read) throws IOException {
    long delay = deadlineNanos - System.nanoTime();
    if (delay <= 0) {
      closeQuietly(in);
      throw new Expired(null);
    }
    Thread reader = Thread.currentThread();
    Object lock = new Object();
    boolean[] state = new boolean[2]; // [0] done reading, [1] the deadline fired
    ScheduledFuture<?> timer = TIMER.schedule(() -> {
      synchronized (lock) {
        if (state[0]) {
          return;
        }
        state[1] = true;
        // under the lock: the reader's finally below then always sees (and clears) this interrupt; one
        // landing after it would leak into the thread's next blocking call (seen: "GET /v2/: interrupted")
        reader.interrupt();
      }
      closeQuietly(in);
    }, delay, TimeUnit.NANOSECONDS);
    try {
      return read.read();
    } catch (IOException | RuntimeException e) {
      synchronized (lock) {
        if (state[1]) {
          throw new Expired(e);
        }
      }
      throw e;
    } finally {
      timer.cancel(false);
      boolean fired;
      synchronized (lock) {
        state[0] = true;
        fired = state[1];
      }
      if (fired) {
        Thread.interrupted(); // the interrupt was ours, for the read; the caller must not see it
      }
    }
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // closing is only to unblock the reader
    }
  }
}
