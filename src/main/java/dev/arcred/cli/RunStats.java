package dev.arcred.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/** A run's wall time and peak heap, written for the benchmark as {@code wall_s=X heap_bytes=Y}. */
final class RunStats {
  private RunStats() {}

  static void write(Path file, long startedNanos) throws IOException {
    double wall = (System.nanoTime() - startedNanos) / 1e9;
    Files.writeString(file, String.format(java.util.Locale.ROOT, "wall_s=%.3f heap_bytes=%d%n", wall, peakHeap()));
  }

  /** The sum of the heap pools' peak usage since the JVM started. */
  static long peakHeap() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }
}
