package dev.arcred.report;

import dev.arcred.model.AuditReport;
import dev.arcred.model.Finding;
import dev.arcred.model.RepositoryResult;
import dev.arcred.model.Severity;
import dev.arcred.model.Status;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The counts the JSON and HTML reports share. Maps are sorted by key; byStatus and bySeverity hold every status
 * and severity, even at 0, so that a reader never mistakes a missing key for "none".
 *
 * @param byStatus repositories per status
 * @param byRule findings per rule (only rules that fired)
 * @param bySeverity findings per severity
 * @param byProject per project ID of the repositories
 */
record ReportSummary(
    int repositories,
    int findings,
    SortedMap<String, Integer> byStatus,
    SortedMap<String, Integer> byRule,
    SortedMap<String, Integer> bySeverity,
    SortedMap<String, ProjectCounts> byProject) {

  /** @param byStatus repositories of the project per status, every status present */
  record ProjectCounts(int repositories, int findings, SortedMap<String, Integer> byStatus) {
    static ProjectCounts of(List<RepositoryResult> results) {
      return new ProjectCounts(results.size(), countFindings(results), countStatuses(results));
    }
  }

  static ReportSummary of(AuditReport report) {
    List<RepositoryResult> results = report.results();
    SortedMap<String, Integer> byRule = new TreeMap<>();
    SortedMap<String, Integer> bySeverity = new TreeMap<>();
    for (Severity severity : Severity.values()) {
      bySeverity.put(severity.name(), 0);
    }
    SortedMap<String, List<RepositoryResult>> resultsByProject = new TreeMap<>();
    for (RepositoryResult result : results) {
      resultsByProject.computeIfAbsent(result.repository().projectId(), p -> new ArrayList<>()).add(result);
      for (Finding finding : result.findings()) {
        byRule.merge(finding.rule(), 1, Integer::sum);
        bySeverity.merge(finding.severity().name(), 1, Integer::sum);
      }
    }
    SortedMap<String, ProjectCounts> byProject = new TreeMap<>();
    resultsByProject.forEach((project, projectResults) -> byProject.put(project, ProjectCounts.of(projectResults)));
    return new ReportSummary(results.size(), countFindings(results), countStatuses(results),
        Collections.unmodifiableSortedMap(byRule), Collections.unmodifiableSortedMap(bySeverity),
        Collections.unmodifiableSortedMap(byProject));
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
