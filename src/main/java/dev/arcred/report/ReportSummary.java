package dev.arcred.report;

import dev.arcred.model.AuditReport;
import dev.arcred.model.BaselineState;
import dev.arcred.model.Finding;
import dev.arcred.model.RepositoryResult;
import dev.arcred.model.Severity;
import dev.arcred.model.Status;
import dev.arcred.model.Triage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The counts the JSON and HTML reports share. Maps are sorted by key; byStatus and bySeverity hold every status
 * and severity, even at 0, so that a reader never mistakes a missing key for "none". Findings are the current ones
 * (suppressed ones included); RESOLVED ones are counted only in byChange.
 *
 * @param suppressed current findings covered by a suppression in force
 * @param byStatus repositories per status
 * @param byRule findings per rule (only rules that fired)
 * @param bySeverity findings per severity
 * @param byChange findings per change since the baseline, every change present; null without a baseline
 * @param byProject per project ID of the repositories
 * @param byFolder per folder (folders/N) above the repositories' projects, counting every repository below it
 */
record ReportSummary(
    int repositories,
    int findings,
    int suppressed,
    SortedMap<String, Integer> byStatus,
    SortedMap<String, Integer> byRule,
    SortedMap<String, Integer> bySeverity,
    SortedMap<String, Integer> byChange,
    SortedMap<String, ProjectCounts> byProject,
    SortedMap<String, ProjectCounts> byFolder) {

  /** @param byStatus repositories of the project (or folder) per status, every status present */
  record ProjectCounts(int repositories, int findings, SortedMap<String, Integer> byStatus) {
    static ProjectCounts of(List<RepositoryResult> results) {
      return new ProjectCounts(results.size(), countFindings(results), countStatuses(results));
    }
  }

  static ReportSummary of(AuditReport report) {
    List<RepositoryResult> results = report.results();
    Triage triage = report.triage();
    SortedMap<String, Integer> byRule = new TreeMap<>();
    SortedMap<String, Integer> bySeverity = new TreeMap<>();
    for (Severity severity : Severity.values()) {
      bySeverity.put(severity.name(), 0);
    }
    SortedMap<String, List<RepositoryResult>> resultsByProject = new TreeMap<>();
    SortedMap<String, List<RepositoryResult>> resultsByFolder = new TreeMap<>();
    for (RepositoryResult result : results) {
      resultsByProject.computeIfAbsent(result.repository().projectId(), p -> new ArrayList<>()).add(result);
      for (String ancestor : result.repository().ancestors()) {
        if (ancestor.startsWith("folders/")) {
          resultsByFolder.computeIfAbsent(ancestor, f -> new ArrayList<>()).add(result);
        }
      }
      for (Finding finding : result.findings()) {
        byRule.merge(finding.rule(), 1, Integer::sum);
        bySeverity.merge(finding.severity().name(), 1, Integer::sum);
      }
    }
    SortedMap<String, Integer> byChange = null;
    if (triage.hasBaseline()) {
      byChange = new TreeMap<>();
      for (BaselineState change : BaselineState.values()) {
        byChange.put(change.name(), 0);
      }
      for (BaselineState change : triage.changes().values()) {
        byChange.merge(change.name(), 1, Integer::sum);
      }
      byChange.put(BaselineState.RESOLVED.name(), triage.resolved().size());
      byChange = Collections.unmodifiableSortedMap(byChange);
    }
    return new ReportSummary(results.size(), countFindings(results), triage.suppressed().size(),
        countStatuses(results), Collections.unmodifiableSortedMap(byRule),
        Collections.unmodifiableSortedMap(bySeverity), byChange, counts(resultsByProject), counts(resultsByFolder));
  }

  private static SortedMap<String, ProjectCounts> counts(SortedMap<String, List<RepositoryResult>> groups) {
    SortedMap<String, ProjectCounts> counts = new TreeMap<>();
    groups.forEach((key, groupResults) -> counts.put(key, ProjectCounts.of(groupResults)));
    return Collections.unmodifiableSortedMap(counts);
  }

  private static int countFindings(List<RepositoryResult> results) {
    return results.stream().mapToInt(r -> r.findings().size()).sum();
  }

  private static SortedMap<String, Integer> countStatuses(List<RepositoryResult> results) {
    SortedMap<String, Integer> counts = new TreeMap<>();
    for (Status status : Status.values()) {
      counts.put(status.name(), 0);
    }
    for (RepositoryResult result : results) {
      counts.merge(result.status().name(), 1, Integer::sum);
    }
    return Collections.unmodifiableSortedMap(counts);
  }
}
