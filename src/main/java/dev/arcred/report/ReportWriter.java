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
    html.checkTemplates();
    boolean created = !Files.exists(outDir);
    Files.createDirectories(outDir);
    Map<Path, AtomicFiles.Content> files = new LinkedHashMap<>();
    contents(report).forEach((name, content) -> files.put(outDir.resolve(name), content));
    try {
      AtomicFiles.writeStreams(files);
    } catch (IOException | RuntimeException e) {
      if (created) {
        try {
          Files.deleteIfExists(outDir); // only when empty: nothing of ours is left half-done in a new folder
        } catch (IOException notEmpty) {
          e.addSuppressed(notEmpty);
        }
      }
      throw e;
    }
  }

  /**
   * The four files, each written straight to its stream in turn: at 50,000 repositories report.html alone is tens
   * of megabytes, so none is held whole in memory while the others are written.
   */
  private Map<String, AtomicFiles.Content> contents(AuditReport report) {
    ReportSummary summary = ReportSummary.of(report);
    Map<String, AtomicFiles.Content> contents = new LinkedHashMap<>();
    contents.put(FINDINGS_CSV, out -> CsvReports.writeFindings(report, out));
    contents.put(REPOSITORIES_CSV, out -> CsvReports.writeRepositories(report, out));
    contents.put(FINDINGS_JSON, out -> JsonReport.write(report, summary, out));
    contents.put(REPORT_HTML, out -> html.write(report, summary, out));
    return contents;
  }

  /** The four files' contents by file name, in {@link #FILES} order, without touching the disk. */
  public Map<String, byte[]> render(AuditReport report) throws ReportTemplateException {
    Map<String, byte[]> rendered = new LinkedHashMap<>();
    for (var entry : contents(report).entrySet()) {
      java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
      try {
        entry.getValue().writeTo(bytes);
      } catch (ReportTemplateException e) {
        throw e;
      } catch (IOException e) {
        throw new java.io.UncheckedIOException("writing to memory cannot fail", e);
      }
      rendered.put(entry.getKey(), bytes.toByteArray());
    }
    return rendered;
  }
}
