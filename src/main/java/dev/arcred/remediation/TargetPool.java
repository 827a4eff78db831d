package dev.arcred.remediation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs work on many targets with bounded concurrency, the items of one target one after the other (in their
 * order): two changes never race on one secret's policy or one repository, and no thread waits on another's lock.
 */
final class TargetPool {
  private TargetPool() {}

  static <T> void run(List<T> items, Function<T, String> target, Consumer<T> work, int parallelism) {
    Map<String, List<T>> groups = new LinkedHashMap<>();
    items.forEach(i -> groups.computeIfAbsent(target.apply(i), k -> new ArrayList<>()).add(i));
    if (groups.isEmpty()) {
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallelism, groups.size())), r -> {
      Thread t = new Thread(r, "arcred-change");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (List<T> group : groups.values()) {
        futures.add(pool.submit(() -> group.forEach(work)));
      }
      RuntimeException first = null;
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (ExecutionException e) {
          if (first == null) {
            first = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        }
      }
      if (first != null) {
        throw first;
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
