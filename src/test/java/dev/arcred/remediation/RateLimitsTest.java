package dev.arcred.remediation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RateLimitsTest {
  @Test
  void callsArePacedPerApiAndKind() {
    RateLimits limits = new RateLimits(new RateLimits.PerMinute(60_000, 300, 60_000, 60_000));
    long start = System.nanoTime();
    for (int i = 0; i < 6; i++) {
      limits.acquire(RateLimits.Api.SECRET_MANAGER, RateLimits.Kind.WRITE); // 5 a second
    }
    long writesMillis = (System.nanoTime() - start) / 1_000_000;
    start = System.nanoTime();
    for (int i = 0; i < 6; i++) {
      limits.acquire(RateLimits.Api.SECRET_MANAGER, RateLimits.Kind.READ);
      limits.acquire(RateLimits.Api.ARTIFACT_REGISTRY, RateLimits.Kind.WRITE);
    }
    long othersMillis = (System.nanoTime() - start) / 1_000_000;
    assertThat(writesMillis).isGreaterThanOrEqualTo(900);
    assertThat(othersMillis).isLessThan(500);
  }

  @Test
  void googleDefaultsAndBadValues() {
    assertThat(RateLimits.PerMinute.GOOGLE_DEFAULTS).isEqualTo(new RateLimits.PerMinute(600, 600, 60_000, 18_000));
    assertThatThrownBy(() -> new RateLimits.PerMinute(0, 600, 1, 1)).isInstanceOf(IllegalArgumentException.class);
  }
}
