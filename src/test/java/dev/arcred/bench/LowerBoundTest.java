package dev.arcred.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LowerBoundTest {
  static final FleetShape TEN_K = new FleetShape(12_000, 14_500, 6_200, 2_200, 2_200, "organizations/1");

  @Test
  void countsPagesProjectLocationsAndConfirmations() {
    LowerBound bound = LowerBound.of(TEN_K, 300, 8, 0.040, true);
    assertThat(bound.calls()).isEqualTo(12 + 15 + 7 + 2_200 + 300);
  }

  @Test
  void timeFollowsTheLongestPageChainThenTheListingsThenTheConfirmations() {
    LowerBound bound = LowerBound.of(TEN_K, 300, 8, 0.040, false);
    double expected = 15 * 0.040 + Math.ceil(2_200 / 8.0) * 0.040 + Math.ceil(300 / 8.0) * 0.040;
    assertThat(bound.seconds()).isCloseTo(expected, within(1e-9));
  }

  @Test
  void quotasAddWholeMinutesPastTheFirstMinutesAllowance() {
    assertThat(LowerBound.quotaWait(600, 600)).isZero();
    assertThat(LowerBound.quotaWait(601, 600)).isEqualTo(60.0);
    assertThat(LowerBound.quotaWait(1800, 600)).isEqualTo(120.0);
    LowerBound bound = LowerBound.of(TEN_K, 1_300, 8, 0.040, true);
    assertThat(bound.seconds()).isGreaterThanOrEqualTo(120.0);
  }
}
