package dev.arcred.audit;

import dev.arcred.checks.Judge;
import dev.arcred.inventory.Inventory;
import dev.arcred.inventory.Scope;
import dev.arcred.model.AuditReport;
import dev.arcred.model.AuditSettings;
import dev.arcred.model.ChainFacts;
import dev.arcred.model.Finding;
import dev.arcred.model.Link;
import dev.arcred.model.RepositoryResult;
import dev.arcred.model.RuleIds;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Scan first, decide after: inventory the scope once, judge every chain purely, then confirm each failing chain
 * with the owning APIs (Cloud Asset lags the truth) and judge it again. Only confirmed findings are reported.
 */
public final class Audit {
  private final Inventory inventory;
  private final Judge judge;
  private final Consumer<String> progress;

  public Audit(Inventory inventory, Judge judge, Consumer<String> progress) {
    this.inventory = inventory;
    this.judge = judge;
    this.progress = progress;
  }

  /** The audit's outcome, with notes for people (repositories skipped as deleted, and the like). */
  public record Outcome(AuditReport report, List<String> notes) {}

  public Outcome run(Scope scope, Set<String> formats, AuditSettings settings) {
    return run(scope, formats, settings, facts -> { });
  }

  /**
   * The same audit, handing each chain's facts, as last judged (confirmed when it failed), to {@code judged}: what
   * planning fixes needs besides the findings (a secret's versions, the reference as read).
   */
  public Outcome run(Scope scope, Set<String> formats, AuditSettings settings, Consumer<ChainFacts> judged) {
    Inventory.Result read = inventory.read(scope, formats);
    List<RepositoryResult> results = new ArrayList<>(read.chains().size());
    List<ChainFacts> failing = new ArrayList<>();
    for (ChainFacts facts : read.chains()) {
      RepositoryResult result = judge.judge(facts, settings);
      if (needsConfirmation(result)) {
        failing.add(facts);
      } else {
        results.add(result);
        judged.accept(facts);
      }
    }
    inventory.prefetch(failing);
    for (ChainFacts facts : failing) {
      ChainFacts confirmed = inventory.confirm(facts);
      results.add(judge.judge(confirmed, settings));
      judged.accept(confirmed);
    }
    int confirmed = failing.size();
    progress.accept("judged " + results.size() + " repositories; " + confirmed
        + " failing chains confirmed with Secret Manager");
    return new Outcome(new AuditReport(scope.resource(), read.organization(), settings.now(), results), read.notes());
  }

  /** Findings about the secret, its versions or its access came from Cloud Asset and must be confirmed. */
  private static boolean needsConfirmation(RepositoryResult result) {
    for (Finding f : result.findings()) {
      if (f.link() != Link.CREDENTIALS && !f.rule().equals(RuleIds.CHECK_ERROR)) {
        return true;
      }
      if (f.rule().equals(RuleIds.CHECK_ERROR) && f.link() != Link.CREDENTIALS) {
        return true;
      }
    }
    return false;
  }
}
