package dev.arcred.remediation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arcred.model.AuditReport;
import dev.arcred.model.Credentials;
import dev.arcred.model.Finding;
import dev.arcred.model.Link;
import dev.arcred.model.RepositoryResult;
import dev.arcred.model.Severity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Verification polls the audit until the findings go or the deadline passes, with growing pauses. */
class VerifierTest {
  static final String REPO = "projects/team-a/locations/us-central1/repositories/npm";

  static AuditReport report(boolean stillFailing) {
    List<Finding> findings = stillFailing ? List.of(new Finding(REPO, "SERVICE_AGENT_NO_ACCESS", Severity.CRITICAL,
        Link.ACCESS, "d", "")) : List.of();
    return new AuditReport("organizations/1", "organizations/1", Instant.EPOCH, List.of(RepositoryResult.of(
        PlannerTest.repo("team-a", "201", "us-central1", "npm"), Credentials.NONE, findings)));
  }

  static Change grant() {
    return new Change(1, ChangeKind.GRANT_ACCESSOR, "projects/100/secrets/tok", PlannerTest.agent("201"),
        PlannerTest.ACCESSOR, null, null, null, Seen.policy(null),
        List.of(new Reason(REPO, "SERVICE_AGENT_NO_ACCESS", "")));
  }

  /** A clock that moves only when the verifier sleeps. */
  static final class FakeTime {
    Instant now = Instant.parse("2026-12-01T00:00:00Z");
    final List<Duration> sleeps = new ArrayList<>();

    Clock clock() {
      return new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now;
        }
      };
    }

    void sleep(Duration d) {
      sleeps.add(d);
      now = now.plus(d);
    }
  }

  @Test
  void pendingUntilIamCatchesUpThenVerified() {
    FakeTime time = new FakeTime();
    AtomicInteger rounds = new AtomicInteger();
    Verifier verifier = new Verifier(() -> report(rounds.incrementAndGet() < 4), time.clock(), time::sleep, s -> { });
    assertThat(verifier.verify(List.of(grant()), Duration.ofMinutes(10)))
        .containsEntry(1, Verifier.Verdict.VERIFIED);
    assertThat(time.sleeps).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20));
  }

  @Test
  void aZeroTimeoutAuditsOnceAndReportsPending() {
    FakeTime time = new FakeTime();
    AtomicInteger rounds = new AtomicInteger();
    Verifier verifier = new Verifier(() -> {
      rounds.incrementAndGet();
      return report(true);
    }, time.clock(), time::sleep, s -> { });
    assertThat(verifier.verify(List.of(grant()), Duration.ZERO)).containsEntry(1, Verifier.Verdict.PENDING);
    assertThat(rounds.get()).isEqualTo(1);
    assertThat(time.sleeps).isEmpty();
  }

  @Test
  void theDeadlineBoundsTheWait() {
    FakeTime time = new FakeTime();
    Verifier verifier = new Verifier(() -> report(true), time.clock(), time::sleep, s -> { });
    assertThat(verifier.verify(List.of(grant()), Duration.ofSeconds(90))).containsEntry(1, Verifier.Verdict.PENDING);
    assertThat(time.sleeps.stream().reduce(Duration.ZERO, Duration::plus)).isEqualTo(Duration.ofSeconds(90));
    assertThat(time.sleeps).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofMinutes(1)));
  }

  @Test
  void aRepositoryNoLongerAuditedIsNotVerified() {
    FakeTime time = new FakeTime();
    AuditReport empty = new AuditReport("organizations/1", "organizations/1", Instant.EPOCH, List.of());
    Verifier verifier = new Verifier(() -> empty, time.clock(), time::sleep, s -> { });
    assertThat(verifier.verify(List.of(grant()), Duration.ZERO)).containsEntry(1, Verifier.Verdict.PENDING);
  }
}
