package dev.arcred.checks;

import dev.arcred.model.AuditSettings;
import dev.arcred.model.ChainFacts;
import dev.arcred.model.Credentials;
import dev.arcred.model.Finding;
import dev.arcred.model.RepositoryResult;
import java.util.List;

/** Applies every rule to a repository's chain: its findings, sorted, and its status (RULES.md). Pure. */
public final class Judge {
  private final List<Rule> rules;

  /** A judge of the whole catalogue. */
  public Judge() {
    this(RuleCatalogue.ALL);
  }

  public Judge(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** The result carries the credentials as read, or Credentials.NONE when they could not be read. */
  public RepositoryResult judge(ChainFacts facts, AuditSettings settings) {
    List<Finding> findings = rules.stream().flatMap(rule -> rule.check(facts, settings).stream()).toList();
    return RepositoryResult.of(facts.repository(), facts.credentials().value().orElse(Credentials.NONE), findings);
  }
}
