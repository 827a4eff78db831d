package dev.arcred.report;

import dev.arcred.model.AuditReport;
import dev.arcred.model.BaselineState;
import dev.arcred.model.Finding;
import dev.arcred.model.RepositoryResult;
import dev.arcred.model.Status;
import dev.arcred.model.Triage;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One row of findings.csv, of the JSON's flat list and of the HTML table: a current finding with its repository,
 * or a RESOLVED one from the baseline.
 *
 * @param status the repository's status now; null for a RESOLVED finding of a repository no longer audited
 * @param change NEW, PERSISTING or RESOLVED; null without a baseline
 * @param suppressed the reason of the suppression that covers it; null when none does
 */
record FindingRow(String repository, String project, String location, Status status, Finding finding,
    BaselineState change, String suppressed) {
  /** (repository, rule, detail), then the remaining fields so that even equal-looking rows have one order. */
  static final Comparator<FindingRow> ORDER = Comparator.comparing(FindingRow::finding,
      Finding.ORDER.thenComparing(Finding::severity).thenComparing(Finding::link).thenComparing(Finding::fix));

  static List<FindingRow> of(AuditReport report) {
    Triage triage = report.triage();
    Map<String, RepositoryResult> byName = new HashMap<>();
    report.results().forEach(r -> byName.put(r.repository().name(), r));
    Stream<FindingRow> current = report.results().stream().flatMap(result -> result.findings().stream()
        .map(f -> new FindingRow(f.repository(), result.repository().projectId(), result.repository().location(),
            result.status(), f, triage.change(f).orElse(null), triage.suppression(f).orElse(null))));
    Stream<FindingRow> resolved = triage.resolved().stream().map(f -> {
      RepositoryResult now = byName.get(f.repository());
      return new FindingRow(f.repository(), RepositoryNames.project(f.repository()),
          RepositoryNames.location(f.repository()), now == null ? null : now.status(), f, BaselineState.RESOLVED,
          null);
    });
    return Stream.concat(current, resolved).sorted(ORDER).toList();
  }

  boolean resolved() {
    return change == BaselineState.RESOLVED;
  }
}
