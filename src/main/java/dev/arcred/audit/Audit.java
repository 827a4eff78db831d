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
    Inventory.Result read = inventory.read(scope, formats);
    List<RepositoryResult> results = new ArrayList<>(read.chains().size());
    List<ChainFacts> failing = new ArrayList<>();
    for (ChainFacts facts : read.chains()) {
      RepositoryResult result = judge.judge(facts, settings);
      if (needsConfirmation(result)) {
        failing.add(facts);
      } else {
        results.add(result);
      }
    }
    inventory.prefetch(failing);
    for (ChainFacts facts : failing) {
      results.add(judge.judge(inventory.confirm(facts), settings));
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
