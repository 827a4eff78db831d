package dev.arcred.report;

import dev.arcred.model.AuditReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the four reports of an audit into an --out folder: findings.csv, repositories.csv, findings.json and
 * report.html (DESIGN.md). Everything is rendered in memory first, so a template error replaces no file; then each
 * file is written whole or not at all ({@link AtomicFiles}). Two writes of the same report are byte-identical:
 * the only time in them is the report's own clock.
 */
public final class ReportWriter {
  public static final String FINDINGS_CSV = "findings.csv";
  public static final String REPOSITORIES_CSV = "repositories.csv";
  public static final String FINDINGS_JSON = "findings.json";
  public static final String REPORT_HTML = "report.html";
  /** The files writeAll writes, in the order it writes them. */
  public static final List<String> FILES = List.of(FINDINGS_CSV, REPOSITORIES_CSV, FINDINGS_JSON, REPORT_HTML);

  private final HtmlReport html;

  /** @param templatesDir the folder holding report.peb and its includes (report-templates/), read at each write */
  public ReportWriter(Path templatesDir) {
    this.html = new HtmlReport(templatesDir);
  }

  /**
   * Writes the four files into outDir, created if missing (an existing folder is fine; other files in it are left
   * alone).
   *
   * @throws ReportTemplateException when report.html cannot be rendered; no file was written or replaced then
   * @throws IOException when outDir cannot be created or a file cannot be written; no file is ever half-written
   */
  public void writeAll(AuditReport report, Path outDir) throws IOException {
    Map<String, byte[]> rendered = render(report);
    Files.createDirectories(outDir);
    Map<Path, byte[]> files = new LinkedHashMap<>();
    rendered.forEach((name, content) -> files.put(outDir.resolve(name), content));
    AtomicFiles.writeAll(files);
  }

  /** The four files' contents by file name, in {@link #FILES} order, without touching the disk. */
  public Map<String, byte[]> render(AuditReport report) throws ReportTemplateException {
    ReportSummary summary = ReportSummary.of(report);
    Map<String, byte[]> rendered = new LinkedHashMap<>();
    rendered.put(FINDINGS_CSV, CsvReports.findings(report));
    rendered.put(REPOSITORIES_CSV, CsvReports.repositories(report));
    rendered.put(FINDINGS_JSON, JsonReport.render(report, summary));
    rendered.put(REPORT_HTML, html.render(report, summary));
    return rendered;
  }
}
