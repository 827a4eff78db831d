package dev.arcred.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sliding window lets N calls through at once and holds the next until the first leaves the window. */
class RateLimitsTest {
  @Test
  void holdsTheCallPastTheLimitUntilTheWindowSlides() {
    RateLimits limits = new RateLimits(Map.of(RateLimits.Quota.SECRET_MANAGER_READ, 3), Duration.ofMillis(300));
    long start = System.nanoTime();
    for (int i = 0; i < 3; i++) {
      limits.acquire(RateLimits.Quota.SECRET_MANAGER_READ, "");
    }
    long afterThree = System.nanoTime() - start;
    limits.acquire(RateLimits.Quota.SECRET_MANAGER_READ, "");
    long afterFour = System.nanoTime() - start;
    assertThat(Duration.ofNanos(afterThree)).isLessThan(Duration.ofMillis(250));
    assertThat(Duration.ofNanos(afterFour)).isGreaterThanOrEqualTo(Duration.ofMillis(290));
  }

  @Test
  void keysAndQuotasAreCountedApart() {
    RateLimits limits = new RateLimits(Map.of(RateLimits.Quota.ARTIFACT_REGISTRY_READ, 1), Duration.ofSeconds(30));
    long start = System.nanoTime();
    limits.acquire(RateLimits.Quota.ARTIFACT_REGISTRY_READ, "us-central1");
    limits.acquire(RateLimits.Quota.ARTIFACT_REGISTRY_READ, "europe-west1");
    limits.acquire(RateLimits.Quota.SECRET_MANAGER_READ, ""); // no limit configured for it
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void googleDefaultsComeFromTheDocumentedQuotas() {
    assertThat(RateLimits.Quota.SECRET_MANAGER_READ.perMinute()).isEqualTo(600);
    assertThat(RateLimits.Quota.ASSET_LIST_ASSETS.perMinute()).isEqualTo(100);
    assertThat(RateLimits.Quota.ARTIFACT_REGISTRY_READ.perMinute()).isEqualTo(60_000);
  }
}
