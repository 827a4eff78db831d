package dev.arcred.report;

import dev.arcred.model.AuditReport;
import dev.arcred.model.Finding;
import dev.arcred.model.Repository;
import dev.arcred.model.RepositoryResult;
import java.util.Comparator;
import java.util.List;

/** A finding with the judged repository it belongs to: one row of findings.csv, the JSON's flat list, the HTML table. */
record FindingRow(RepositoryResult result, Finding finding) {
  /** (repository, rule, detail), then the remaining fields so that even equal-looking rows have one order. */
  static final Comparator<FindingRow> ORDER = Comparator.comparing(FindingRow::finding,
      Finding.ORDER.thenComparing(Finding::severity).thenComparing(Finding::link).thenComparing(Finding::fix));

  static List<FindingRow> of(AuditReport report) {
    return report.results().stream()
        .flatMap(result -> result.findings().stream().map(finding -> new FindingRow(result, finding)))
        .sorted(ORDER)
        .toList();
  }

  Repository repository() {
    return result.repository();
  }
}
