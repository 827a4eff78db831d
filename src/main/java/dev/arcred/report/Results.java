package dev.arcred.report;

import dev.arcred.model.Credentials;
import dev.arcred.model.Finding;
import dev.arcred.model.RepositoryResult;
import java.util.List;

/** What every report reads from a judged repository the same way. */
final class Results {
  private Results() {}

  /** The credentials read, or none (when they could not be read, the repository has a CHECK_ERROR). */
  static Credentials credentials(RepositoryResult result) {
    return result.credentials() == null ? Credentials.NONE : result.credentials();
  }

  /** The distinct rule IDs that fired, sorted. */
  static List<String> ruleIds(RepositoryResult result) {
    return result.findings().stream().map(Finding::rule).distinct().sorted().toList();
  }
}
