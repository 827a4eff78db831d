package dev.arcred.checks;

import dev.arcred.model.AuditSettings;
import dev.arcred.model.ChainFacts;
import dev.arcred.model.Finding;
import dev.arcred.model.Severity;
import java.util.List;

/**
 * One rule of the catalogue (RULES.md): a pure function of a repository's chain. Its long explanation lives in
 * docs/rules/{ID}.md. A rule decides for itself whether its link was reached: it returns nothing when an earlier
 * link ended the chain (a Lookup that is Skipped, Missing or Failed).
 */
public interface Rule {
  String id();

  Severity severity();

  /** One line, for reports and help. */
  String summary();

  List<Finding> check(ChainFacts facts, AuditSettings settings);
}
