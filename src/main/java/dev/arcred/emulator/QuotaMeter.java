package dev.arcred.emulator;

import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/** Charges calls to {@link Quotas}: one token bucket per quota and key, on the monotonic clock. */
final class QuotaMeter {
  private final Quotas quotas;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  QuotaMeter(Quotas quotas) {
    this.quotas = quotas;
  }

  /** Charges one call to every matching quota; RESOURCE_EXHAUSTED (naming the quota) when one is spent. */
  Status charge(String method, String caller, Target target) {
    if (quotas.isNone()) {
      return null;
    }
    List<Bucket> taken = new ArrayList<>();
    for (Quotas.Quota q : quotas.quotas()) {
      if (q.methods().stream().noneMatch(p -> p.matches(method))) {
        continue;
      }
      String consumer = switch (q.key()) {
        case CALLER -> "project:" + caller;
        case CALLER_REGION -> "project:" + caller + " region:" + target.region();
        case ORGANIZATION -> target.organization();
      };
      Bucket bucket = buckets.computeIfAbsent(q.name() + "|" + consumer, k -> new Bucket(q));
      if (!bucket.take()) {
        taken.forEach(Bucket::refund);
        return Status.RESOURCE_EXHAUSTED.withDescription("Quota exceeded for quota metric '" + q.name()
            + "' and limit '" + q.describe() + "' of service '" + service(method) + "' for consumer '" + consumer
            + "'.");
      }
      taken.add(bucket);
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

  /** LIMIT tokens at most, refilled evenly over the quota's period. */
  private static final class Bucket {
    private final double capacity;
    private final double perNano;
    private double tokens;
    private long last = System.nanoTime();

    Bucket(Quotas.Quota q) {
      this.capacity = q.limit();
      this.perNano = q.limit() / (double) q.period().toNanos();
      this.tokens = capacity;
    }

    synchronized boolean take() {
      long now = System.nanoTime();
      tokens = Math.min(capacity, tokens + (now - last) * perNano);
      last = now;
      if (tokens < 1) {
        return false;
      }
      tokens -= 1;
      return true;
    }

    synchronized void refund() {
      tokens = Math.min(capacity, tokens + 1);
    }
  }
}
