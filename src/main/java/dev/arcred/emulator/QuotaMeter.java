package dev.arcred.emulator;

import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Charges calls to {@link Quotas}: per quota and key, a sliding window on the monotonic clock (at most LIMIT calls
 * in any PER-long span), so a quota of 100 a minute refuses the 101st call made within a minute.
 */
final class QuotaMeter {
  private final Quotas quotas;
  private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

  QuotaMeter(Quotas quotas) {
    this.quotas = quotas;
  }

  /** Charges one call to every matching quota; RESOURCE_EXHAUSTED (naming the quota) when one is spent. */
  Status charge(String method, String caller, Target target) {
    if (quotas.isNone()) {
      return null;
    }
    List<Window> windows = new ArrayList<>();
    for (Quotas.Quota q : quotas.quotas()) {
      if (q.methods().stream().noneMatch(p -> p.matches(method))) {
        continue;
      }
      String consumer = switch (q.key()) {
        case CALLER -> "project:" + caller;
        case CALLER_REGION -> "project:" + caller + " region:" + target.region();
        case ORGANIZATION -> target.organization();
      };
      windows.add(this.windows.computeIfAbsent(q.name() + "|" + consumer, k -> new Window(q, consumer)));
    }
    if (windows.isEmpty()) {
      return null;
    }
    long now = System.nanoTime();
    synchronized (this) {
      for (Window w : windows) {
        if (!w.hasRoom(now)) {
          return Status.RESOURCE_EXHAUSTED.withDescription("Quota exceeded for quota metric '" + w.quota.name()
              + "' and limit '" + w.quota.describe() + "' of service '" + service(method) + "' for consumer '"
              + w.consumer + "'.");
        }
      }
      windows.forEach(w -> w.take(now));
    }
    return null;
  }

  private static String service(String method) {
    if (method.startsWith("google.cloud.secretmanager.")) {
      return "secretmanager.googleapis.com";
    }
    if (method.startsWith("google.cloud.asset.")) {
      return "cloudasset.googleapis.com";
    }
    return "artifactregistry.googleapis.com";
  }

  /** The times of the last LIMIT calls admitted: a call is admitted when the oldest is a whole period ago. */
  private static final class Window {
    final Quotas.Quota quota;
    final String consumer;
    private final long[] admitted;
    private final long period;
    private int next;
    private int count;

    Window(Quotas.Quota quota, String consumer) {
      this.quota = quota;
      this.consumer = consumer;
      this.admitted = new long[(int) Math.min(quota.limit(), Integer.MAX_VALUE - 8)];
      this.period = quota.period().toNanos();
    }

    boolean hasRoom(long now) {
      return count < admitted.length || now - admitted[next] >= period;
    }

    void take(long now) {
      admitted[next] = now;
      next = (next + 1) % admitted.length;
      count = Math.min(count + 1, admitted.length);
    }
  }
}
