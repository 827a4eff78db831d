package dev.arcred.model;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * The outcome of one audit: what the reports are written from.
 *
 * @param scope what was audited, such as "organizations/100000000001" or "fleet app/demo-fleet.ndjson"
 * @param organization organizations/N, or "" when unknown
 * @param now the audit's clock
 * @param results one per audited repository, sorted by repository name
 * @param triage changes since a baseline and suppressions ({@link Triage#NONE} for a plain audit)
 */
public record AuditReport(String scope, String organization, Instant now, List<RepositoryResult> results,
    Triage triage) {
  public AuditReport {
    results = results.stream().sorted(Comparator.comparing(r -> r.repository().name())).toList();
    triage = triage == null ? Triage.NONE : triage;
  }

  /** A plain audit: no baseline, no suppressions. */
  public AuditReport(String scope, String organization, Instant now, List<RepositoryResult> results) {
    this(scope, organization, now, results, Triage.NONE);
  }

  /** The current findings (suppressed ones included; RESOLVED ones, which are in the triage, not). */
  public List<Finding> findings() {
    return results.stream().flatMap(r -> r.findings().stream()).sorted(Finding.ORDER).toList();
  }

  public boolean hasCheckErrors() {
    return results.stream().anyMatch(r -> r.status() == Status.UNKNOWN);
  }
}
