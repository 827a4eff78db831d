package dev.arcred.inventory;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Exponential, jittered, capped backoff around one call. The Artifact Registry client retries nothing by default
 * and Secret Manager almost nothing (DESIGN.md), so arcred retries UNAVAILABLE, RESOURCE_EXHAUSTED and
 * DEADLINE_EXCEEDED itself; every other status goes straight back to the caller.
 */
public final class Retrying {
  public static final Set<StatusCode.Code> READ_RETRYABLE =
      Set.of(StatusCode.Code.UNAVAILABLE, StatusCode.Code.RESOURCE_EXHAUSTED, StatusCode.Code.DEADLINE_EXCEEDED);

  private final int maxAttempts;
  private final Duration initial;
  private final Duration cap;
  private final RateLimits limits;

  public Retrying(int maxAttempts, Duration initial, Duration cap, RateLimits limits) {
    this.maxAttempts = maxAttempts;
    this.initial = initial;
    this.cap = cap;
    this.limits = limits;
  }

  public static Retrying reads(RateLimits limits) {
    return new Retrying(8, Duration.ofMillis(100), Duration.ofSeconds(10), limits);
  }

  /** One call, counted against its quota before every attempt, retried on the read-retryable codes. */
  public <T> T call(RateLimits.Quota quota, String key, Supplier<T> call) {
    return call(quota, key, call, READ_RETRYABLE);
  }

  public <T> T call(RateLimits.Quota quota, String key, Supplier<T> call, Set<StatusCode.Code> retryable) {
    for (int attempt = 1; ; attempt++) {
      limits.acquire(quota, key);
      try {
        return call.get();
      } catch (ApiException e) {
        if (attempt >= maxAttempts || !retryable.contains(e.getStatusCode().getCode())) {
          throw e;
        }
        sleep(delay(attempt));
      }
    }
  }

  /** Full jitter: uniform in [0, min(cap, initial * 2^(attempt-1))]. */
  Duration delay(int attempt) {
    long ceiling = Math.min(cap.toMillis(), initial.toMillis() << Math.min(attempt - 1, 20));
    return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling / 4, ceiling + 1));
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while backing off", e);
    }
  }

  /** "PERMISSION_DENIED: message" for a finding's detail. */
  public static String describe(ApiException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    String code = e.getStatusCode().getCode().name();
    if (message.startsWith(code)) {
      return message;
    }
    return code + ": " + message;
  }
}
