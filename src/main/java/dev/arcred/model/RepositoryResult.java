package dev.arcred.model;

import java.util.List;

/** A judged repository: its findings (sorted) and its status. */
public record RepositoryResult(Repository repository, Credentials credentials, List<Finding> findings, Status status) {
  public RepositoryResult {
    findings = findings.stream().sorted(Finding.ORDER).toList();
  }

  public static RepositoryResult of(Repository repository, Credentials credentials, List<Finding> findings) {
    return new RepositoryResult(repository, credentials, findings, Status.of(findings));
  }
}
