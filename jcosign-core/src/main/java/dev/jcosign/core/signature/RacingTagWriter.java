package dev.jcosign.core.signature;

import dev.jcosign.core.error.RegistryException;
import dev.jcosign.core.oci.Descriptor;
import dev.jcosign.core.oci.ImageReference;
import dev.jcosign.core.oci.RawManifest;
import dev.jcosign.core.spi.Registry;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Read-merge-write of a tag that other signers may be rewriting at the same moment: the {@code .sig} and
 * {@code .att} images and the referrers fallback index (issue 11). The distribution API has no
 * conditional PUT, so cosign's plain read-modify-write silently drops signatures when signers race.
 * Here a write is checked on both sides: just before the PUT the tag must still be what the merge was
 * based on (else merge again), and after it the tag is read back and must hold our addition (else
 * merge again, after a jittered pause). A writer that had to retry checks once more after a pause, as
 * a stale writer may still land after it. Bounded: after {@link #MAX_ATTEMPTS} it fails, saying so.
 */
final class RacingTagWriter {
  static final int MAX_ATTEMPTS = 25;
  /** The pause before the last read-back of a write. */
  static final long SETTLE_MS = 10;
  /** A pre-PUT check slower than this is repeated. */
  static final long MAX_CHECK_NANOS = 10_000_000L;

  /** What to write over a given current state: the new manifest, and its blobs to push first. */
  record Plan(RawManifest manifest, Runnable pushBlobs) {}

  private final Registry registry;

  RacingTagWriter(Registry registry) {
    this.registry = registry;
  }

  /**
   * Writes {@code plan(current)} under {@code tag} until {@code ours} holds for what the tag then reads.
   * Returns false when {@code plan} had nothing to add to the state first read (a duplicate).
   */
  boolean write(ImageReference tag, Function<Optional<RawManifest>, Optional<Plan>> plan, Predicate<RawManifest> ours, String what) {
    boolean raced = false;
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      Optional<RawManifest> current = read(tag, what);
      if (attempt > 1 && current.filter(ours).isPresent()) {
        if (settled(tag, ours, what, true, 0)) {
          return true; // an earlier write of ours is there after all
        }
        continue;
      }
      Optional<Plan> p = plan.apply(current);
      if (p.isEmpty()) {
        return false;
      }
      boolean unchanged;
      long cycle = System.nanoTime();
      try {
        p.get().pushBlobs().run();
        cycle = System.nanoTime();
        unchanged = unchangedSince(tag, current);
        if (unchanged) {
          registry.putManifest(tag, p.get().manifest());
        }
      } catch (RegistryException e) {
        throw context("pushing " + what + " to " + tag.name(), e);
      }
      if (!unchanged) {
        raced = true; // another signer wrote while we pushed blobs: merge with what it wrote
        pause(attempt);
        continue;
      }
      boolean present = read(tag, what).filter(ours).isPresent();
      cycle = System.nanoTime() - cycle;
      if (present && settled(tag, ours, what, raced, cycle)) {
        return true;
      }
      raced = true;
      pause(attempt);
    }
    throw new RegistryException("other signers kept rewriting " + tag.name() + ": this " + what + " is not in it after "
        + MAX_ATTEMPTS + " attempts; run the command again", 0, "CONCURRENT_UPDATE");
  }

  /**
   * The HEAD just before the PUT: the tag must still be what the merge was based on. A check that came
   * back late (this process descheduled, a slow registry) is repeated, so that the gap in which another
   * writer could slip in stays shorter than {@link #SETTLE_MS}.
   */
  private boolean unchangedSince(ImageReference tag, Optional<RawManifest> base) {
    Optional<dev.jcosign.core.oci.Digest> expected = base.map(RawManifest::digest);
    for (int i = 0; i < 5; i++) {
      long start = System.nanoTime();
      if (!registry.head(tag).map(Descriptor::digest).equals(expected)) {
        return false;
      }
      if (System.nanoTime() - start < MAX_CHECK_NANOS) {
        return true;
      }
    }
    return true; // a machine this loaded relies on the read-back and the settle check
  }

  /**
   * A writer that finished can still be overwritten by one that checked just before our PUT and wrote
   * just after our read-back. Such a stale write lands within about one check-and-write cycle, which on
   * a loaded machine is as slow as ours was; so the pause before the last read scales with our own
   * cycle ({@code cycleNanos}: check, PUT, read-back), and is longer after a race, when stale writers
   * are likely.
   */
  private boolean settled(ImageReference tag, Predicate<RawManifest> ours, String what, boolean raced, long cycleNanos) {
    long scaled = Math.max(SETTLE_MS, 4 * cycleNanos / 1_000_000L);
    long pause = raced ? ThreadLocalRandom.current().nextLong(scaled, 5 * scaled) : oversubscribed() ? scaled : SETTLE_MS;
    sleep(Math.min(2000, pause));
    return read(tag, what).filter(ours).isPresent();
  }

  /**
   * True when clearly more threads are runnable right now than there are cores (the fourth field of
   * Linux's {@code /proc/loadavg}; a starting JVM alone has a few), or when that cannot be told: then a stale writer may be descheduled between
   * its check and its PUT for far longer than a network round trip, and the settle pause must cover it.
   * An idle machine keeps the short pause, so a lone {@code sign} pays about one GET and 10 ms.
   */
  private static boolean oversubscribed() {
    try {
      String[] f = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim().split("\\s+");
      int runnable = Integer.parseInt(f[3].substring(0, f[3].indexOf('/')));
      return runnable > 2 * Runtime.getRuntime().availableProcessors() + 1; // our own JVM has a few runnable threads
    } catch (java.io.IOException | RuntimeException e) {
      return true;
    }
  }

  private Optional<RawManifest> read(ImageReference tag, String what) {
    try {
      return registry.getManifest(tag);
    } catch (RegistryException e) {
      throw context("reading existing " + what + "s at " + tag.name(), e);
    }
  }

  private static RegistryException context(String what, RegistryException e) {
    return new RegistryException(what + ": " + e.getMessage(), e.status(), e.code(), e);
  }

  /** Exponential back-off with full jitter, capped at 1.5 s, so racing writers spread out. */
  private static void pause(int attempt) {
    sleep(ThreadLocalRandom.current().nextLong(10, Math.min(1500, 25L << Math.min(attempt, 6)) + 11));
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryException("interrupted while writing the signature", 0, null, e);
    }
  }
}
