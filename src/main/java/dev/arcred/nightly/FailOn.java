package dev.arcred.nightly;

import dev.arcred.model.AuditReport;
import dev.arcred.model.BaselineState;
import dev.arcred.model.Finding;
import dev.arcred.model.Severity;
import dev.arcred.model.Triage;
import java.util.List;
import java.util.Locale;

/**
 * --fail-on: which findings make the audit exit 1 rather than 0. Suppressed findings never count, nor do RESOLVED
 * ones (they are not current findings). A CHECK_ERROR (exit 3) or bad input (exit 2) wins over this choice.
 *
 * @param threshold a finding counts when its severity is at or above this
 * @param newOnly a finding counts only when it is NEW since the baseline
 */
public record FailOn(Severity threshold, boolean newOnly) {
  /** The default: any finding that is not suppressed. */
  public static final FailOn ANY = new FailOn(Severity.LOW, false);
  public static final String NEW = "new";

  /** CRITICAL, HIGH, MEDIUM, LOW (any case), or new. */
  public static FailOn parse(String text) {
    String value = text == null ? "" : text.strip();
    if (value.equalsIgnoreCase(NEW)) {
      return new FailOn(Severity.LOW, true);
    }
    try {
      return new FailOn(Severity.valueOf(value.toUpperCase(Locale.ROOT)), false);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--fail-on: '" + text + "' is not CRITICAL, HIGH, MEDIUM, LOW or new");
    }
  }

  /** The findings that decide between exit 0 and 1. */
  public List<Finding> counted(AuditReport report) {
    Triage triage = report.triage();
    return report.findings().stream()
        .filter(f -> triage.suppression(f).isEmpty())
        .filter(f -> f.severity().atLeast(threshold))
        .filter(f -> !newOnly || triage.change(f).orElse(null) == BaselineState.NEW)
        .toList();
  }

  public boolean fails(AuditReport report) {
    return !counted(report).isEmpty();
  }

  @Override
  public String toString() {
    return newOnly ? NEW : threshold.name();
  }
}
