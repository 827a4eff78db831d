package dev.arcred.remediation;

import dev.arcred.model.AuditReport;
import dev.arcred.model.Finding;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * After apply: audits again until every applied change's findings are gone or the deadline passes. IAM changes
 * take about two minutes to take effect in Google, sometimes more: a change not yet seen is PENDING, not failed.
 */
public final class Verifier {
  public enum Verdict { VERIFIED, PENDING }

  /** Waits; tests pass one that does not sleep. */
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private final Supplier<AuditReport> audit;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Consumer<String> progress;

  public Verifier(Supplier<AuditReport> audit, Clock clock, Sleeper sleeper, Consumer<String> progress) {
    this.audit = audit;
    this.clock = clock;
    this.sleeper = sleeper;
    this.progress = progress;
  }

  /** Each change's verdict by id: VERIFIED once its reasons are gone from an audit of their repositories. */
  public Map<Integer, Verdict> verify(List<Change> changes, Duration timeout) {
    Map<Integer, Verdict> verdicts = new LinkedHashMap<>();
    changes.forEach(c -> verdicts.put(c.id(), Verdict.PENDING));
    if (changes.isEmpty()) {
      return verdicts;
    }
    Instant deadline = clock.instant().plus(timeout);
    Duration wait = Duration.ofSeconds(5);
    for (int round = 1; ; round++) {
      AuditReport report = audit.get();
      Set<String> audited = new HashSet<>();
      report.results().forEach(r -> audited.add(r.repository().name()));
      Set<String> present = new HashSet<>();
      for (Finding f : report.findings()) {
        present.add(f.repository() + " " + f.rule());
      }
      for (Change c : changes) {
        boolean gone = c.reasons().stream().allMatch(r -> audited.contains(r.repository())
            && !present.contains(r.repository() + " " + r.rule()));
        if (gone) {
          verdicts.put(c.id(), Verdict.VERIFIED);
        }
      }
      long pending = verdicts.values().stream().filter(v -> v == Verdict.PENDING).count();
      progress.accept("verify round " + round + ": " + (verdicts.size() - pending) + " verified, " + pending
          + " pending");
      Instant now = clock.instant();
      if (pending == 0 || !now.isBefore(deadline)) {
        return verdicts;
      }
      Duration left = Duration.between(now, deadline);
      try {
        sleeper.sleep(wait.compareTo(left) < 0 ? wait : left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return verdicts;
      }
      wait = wait.multipliedBy(2).compareTo(Duration.ofMinutes(1)) < 0 ? wait.multipliedBy(2) : Duration.ofMinutes(1);
    }
  }
}
