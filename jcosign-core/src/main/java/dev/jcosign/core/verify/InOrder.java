package dev.jcosign.core.verify;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs one check per item on at most {@code workers} threads and hands the results over in the items'
 * order, stopping at the first failure exactly where a sequential loop would (issue 12: many images in
 * one {@code verify-attestation}): what came before it is handed over, its error is thrown, nothing
 * after it is. At most {@code workers} results wait at a time, so big attestations do not pile up.
 */
public final class InOrder {
  private InOrder() {}

  public static <I, R> void run(List<I> items, int workers, Function<I, R> check, Consumer<R> each) {
    if (items.size() <= 1 || workers <= 1) {
      items.forEach(i -> each.accept(check.apply(i)));
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(workers, items.size()), r -> {
      Thread t = new Thread(r, "jcosign-verify");
      t.setDaemon(true);
      return t;
    });
    try {
      Deque<Future<R>> window = new ArrayDeque<>();
      int next = 0;
      while (next < items.size() && window.size() < workers) {
        I item = items.get(next++);
        window.add(pool.submit(() -> check.apply(item)));
      }
      while (!window.isEmpty()) {
        R r = await(window.poll());
        if (next < items.size()) {
          I item = items.get(next++);
          window.add(pool.submit(() -> check.apply(item)));
        }
        each.accept(r);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static <R> R await(Future<R> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while verifying", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
