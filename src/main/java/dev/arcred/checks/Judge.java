package dev.arcred.checks;

import dev.arcred.model.AuditSettings;
import dev.arcred.model.ChainFacts;
import dev.arcred.model.RepositoryResult;

/** TEMPORARY stub, replaced by the checks branch. */
public final class Judge {
  public RepositoryResult judge(ChainFacts facts, AuditSettings settings) {
    throw new UnsupportedOperationException("stub");
  }
}
