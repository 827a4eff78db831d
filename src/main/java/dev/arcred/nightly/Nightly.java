package dev.arcred.nightly;

import dev.arcred.model.AuditReport;
import dev.arcred.model.Triage;
import java.util.List;
import java.util.Map;

/**
 * Turns an audit into a nightly one: suppressions first (an expired one adds SUPPRESSION_EXPIRED findings), then the
 * comparison with the baseline, so that a SUPPRESSION_EXPIRED finding is NEW the first night it appears too.
 */
public final class Nightly {
  private Nightly() {}

  /** @param baseline null when no --baseline was given */
  public static AuditReport triage(AuditReport report, Baseline baseline, Suppressions suppressions) {
    if (baseline == null && suppressions.entries().isEmpty()) {
      return report;
    }
    Suppressions.Applied applied = suppressions.apply(report.results(), report.now());
    AuditReport suppressed = new AuditReport(report.scope(), report.organization(), report.now(), applied.results());
    Triage triage;
    if (baseline == null) {
      triage = new Triage(null, Map.of(), applied.suppressed(), List.of(), applied.uses());
    } else {
      Baseline.Comparison comparison = baseline.compare(suppressed.findings());
      triage = new Triage(baseline.run(), comparison.changes(), applied.suppressed(), comparison.resolved(),
          applied.uses());
    }
    return new AuditReport(report.scope(), report.organization(), report.now(), applied.results(), triage);
  }
}
