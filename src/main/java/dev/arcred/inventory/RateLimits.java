package dev.arcred.inventory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Client-side rate limits from Google's default quotas (requests per minute, charged to the calling project;
 * DESIGN.md), so that a large audit never fails for quota and never wastes time in blind retries. Each limit is a
 * sliding window: at most N calls in any 60 seconds, which also keeps within any fixed per-minute window Google
 * counts in.
 */
public final class RateLimits {
  /** An API method family and its default per-minute quota. */
  public enum Quota {
    ASSET_LIST_ASSETS(100),
    ASSET_SEARCH_ALL_RESOURCES(400),
    ASSET_EFFECTIVE_POLICIES(100),
    ARTIFACT_REGISTRY_READ(60_000),
    ARTIFACT_REGISTRY_WRITE(18_000),
    SECRET_MANAGER_READ(600),
    SECRET_MANAGER_WRITE(600);

    final int perMinute;

    Quota(int perMinute) {
      this.perMinute = perMinute;
    }

    public int perMinute() {
      return perMinute;
    }
  }

  private final Map<Quota, Integer> perMinute;
  private final Duration window;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();

  public RateLimits(Map<Quota, Integer> perMinute, Duration window) {
    this.perMinute = Map.copyOf(perMinute);
    this.window = window;
  }

  /** Google's default quotas. */
  public static RateLimits google() {
    Map<Quota, Integer> defaults = new java.util.EnumMap<>(Quota.class);
    for (Quota q : Quota.values()) {
      defaults.put(q, q.perMinute);
    }
    return new RateLimits(defaults, Duration.ofMinutes(1));
  }

  /** No limits at all (tests, or a caller with raised quotas). */
  public static RateLimits none() {
    return new RateLimits(Map.of(), Duration.ofMinutes(1));
  }

  /** Waits, if needed, until one more call of this quota fits. key separates quotas counted apart (a region). */
  public void acquire(Quota quota, String key) {
    Integer limit = perMinute.get(quota);
    if (limit == null || limit <= 0) {
      return;
    }
    windows.computeIfAbsent(quota + "/" + key, k -> new Window(limit, window.toNanos())).acquire();
  }

  private static final class Window {
    private final int limit;
    private final long windowNanos;
    private final ArrayDeque<Long> starts = new ArrayDeque<>();

    Window(int limit, long windowNanos) {
      this.limit = limit;
      this.windowNanos = windowNanos;
    }

    void acquire() {
      while (true) {
        long wait;
        synchronized (this) {
          long now = System.nanoTime();
          while (!starts.isEmpty() && now - starts.peekFirst() >= windowNanos) {
            starts.pollFirst();
          }
          if (starts.size() < limit) {
            starts.addLast(now);
            return;
          }
          wait = starts.peekFirst() + windowNanos - now;
        }
        try {
          Thread.sleep(Math.max(1, wait / 1_000_000), (int) (wait % 1_000_000 > 0 ? 0 : 0));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for quota", e);
        }
      }
    }
  }
}
