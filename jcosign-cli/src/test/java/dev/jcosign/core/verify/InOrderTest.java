package dev.jcosign.core.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Concurrent checks handed over as a sequential loop would (issue 12). */
class InOrderTest {
  static final List<Integer> ITEMS = IntStream.range(0, 50).boxed().toList();

  @Test
  void resultsComeInOrder_whateverOrderTheyFinish() {
    List<Integer> seen = new ArrayList<>();
    InOrder.run(ITEMS, 8, i -> {
      sleep((50 - i) % 7);
      return i * 10;
    }, seen::add);
    assertEquals(ITEMS.stream().map(i -> i * 10).toList(), seen);
  }

  @Test
  void theFirstFailureInOrder_endsTheRun_afterWhatCameBefore() {
    List<Integer> seen = new ArrayList<>();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InOrder.run(ITEMS, 8, i -> {
      if (i == 30) {
        sleep(20); // finishes after the later failure at 35: the order decides, not the clock
        throw new IllegalArgumentException("image " + i);
      }
      if (i == 35) {
        throw new IllegalArgumentException("image " + i);
      }
      return i;
    }, seen::add));
    assertEquals("image 30", e.getMessage());
    assertEquals(IntStream.range(0, 30).boxed().toList(), seen);
  }

  @Test
  void noMoreThanTheWorkers_runOrWait() {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    InOrder.run(ITEMS, 4, i -> {
      peak.accumulateAndGet(running.incrementAndGet(), Math::max);
      sleep(2);
      running.decrementAndGet();
      return i;
    }, r -> { });
    assertTrue(peak.get() <= 4 && peak.get() >= 1, "peak " + peak.get());
  }

  @Test
  void oneWorker_isTheSequentialLoop() {
    List<String> threads = new ArrayList<>();
    InOrder.run(ITEMS, 1, i -> Thread.currentThread().getName(), threads::add);
    assertTrue(threads.stream().allMatch(t -> t.equals(Thread.currentThread().getName())));
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
