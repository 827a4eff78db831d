package dev.arcred.audit;

import dev.arcred.checks.Judge;
import dev.arcred.inventory.Inventory;
import dev.arcred.inventory.Inventory.Need;
import dev.arcred.inventory.Scope;
import dev.arcred.model.AuditReport;
import dev.arcred.model.AuditSettings;
import dev.arcred.model.ChainFacts;
import dev.arcred.model.Finding;
import dev.arcred.model.Link;
import dev.arcred.model.RepositoryResult;
import dev.arcred.model.RuleIds;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Scan first, decide after: inventory the scope once, judge every chain purely, then confirm each failing link
 * with its owning API (Cloud Asset lags the truth) and judge that chain again. Only confirmed findings are
 * reported, and a confirmation reads only the part of the secret the finding rests on.
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

  private record Failing(ChainFacts facts, Set<Need> needs) {}

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
    List<Failing> failing = new ArrayList<>();
    for (ChainFacts facts : read.chains()) {
      RepositoryResult result = judge.judge(facts, settings);
      Set<Need> needs = needs(result, facts);
      if (needs.isEmpty()) {
        results.add(result);
        judged.accept(facts);
      } else {
        failing.add(new Failing(facts, needs));
      }
    }
    failing.forEach(f -> inventory.prefetch(f.facts(), f.needs()));
    inventory.progress().begin("confirm", failing.size());
    for (Failing f : failing) {
      ChainFacts confirmed = inventory.confirm(f.facts(), f.needs());
      results.add(judge.judge(confirmed, settings));
      judged.accept(confirmed);
    }
    inventory.progress().end();
    progress.accept("judged " + results.size() + " repositories; " + failing.size()
        + " failing chains confirmed with the owning APIs");
    return new Outcome(new AuditReport(scope.resource(), read.organization(), settings.now(), results), read.notes());
  }

  /** What each finding rests on, to be read again from Secret Manager. Credential findings came from it already. */
  static Set<Need> needs(RepositoryResult result, ChainFacts facts) {
    Set<Need> needs = EnumSet.noneOf(Need.class);
    boolean customAlias = facts.reference().map(r -> !r.pinned() && !r.version().equals("latest")).orElse(false);
    for (Finding f : result.findings()) {
      switch (f.rule()) {
        case RuleIds.SECRET_NOT_FOUND, RuleIds.SECRET_EXPIRING -> needs.add(Need.METADATA);
        case RuleIds.SECRET_VERSION_NOT_FOUND, RuleIds.SECRET_VERSION_DISABLED, RuleIds.SECRET_VERSION_DESTROYED,
            RuleIds.SECRET_VERSION_DESTROY_SCHEDULED, RuleIds.SECRET_VERSION_SUPERSEDED -> {
          needs.add(Need.VERSIONS);
          if (customAlias) {
            needs.add(Need.METADATA);
          }
        }
        case RuleIds.SECRET_PUBLIC, RuleIds.SERVICE_AGENT_NO_ACCESS, RuleIds.SERVICE_AGENT_CONDITIONAL_ACCESS,
            RuleIds.SERVICE_AGENT_BROAD_ACCESS -> needs.add(Need.POLICY);
        case RuleIds.CHECK_ERROR -> {
          if (f.link() != Link.CREDENTIALS) {
            needs.addAll(EnumSet.allOf(Need.class));
          }
        }
        default -> { }
      }
    }
    return needs;
  }

}
