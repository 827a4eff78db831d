package dev.arcred.report;

import dev.arcred.model.AuditReport;
import java.nio.file.Path;

/** TEMPORARY stub, replaced by the reports branch. */
public final class ReportWriter {
  public ReportWriter(Path templates) {}

  public void writeAll(AuditReport report, Path out) {
    throw new UnsupportedOperationException("stub");
  }
}
