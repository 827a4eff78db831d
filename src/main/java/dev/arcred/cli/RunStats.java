package dev.arcred.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicLong;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A run's wall time and peak heap, written for the benchmark as {@code wall_s=X heap_bytes=Y}. The peak is the
 * largest heap in use seen by a sampler every 10 ms (garbage not yet collected included), never above -Xmx.
 */
final class RunStats {
  private final long started = System.nanoTime();
  private final AtomicLong peak = new AtomicLong();
  private final Thread sampler;

  private RunStats() {
    sampler = new Thread(() -> {
      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      while (!Thread.currentThread().isInterrupted()) {
        peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        try {
          Thread.sleep(10);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "arcred-heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }

  static RunStats start() {
    return new RunStats();
  }

  void write(Path file) throws IOException {
    sampler.interrupt();
    peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
    double wall = (System.nanoTime() - started) / 1e9;
    Files.writeString(file, String.format(java.util.Locale.ROOT, "wall_s=%.3f heap_bytes=%d%n", wall, peak.get()));
  }
}
