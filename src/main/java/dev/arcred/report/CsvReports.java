package dev.arcred.report;

import dev.arcred.model.AuditReport;
import dev.arcred.model.Credentials;
import dev.arcred.model.Finding;
import dev.arcred.model.Repository;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * findings.csv and repositories.csv: RFC 4180 quoting, UTF-8 without a byte order mark, "\n" between records (so
 * that nightly files diff cleanly). Every cell that a spreadsheet would run as a formula is neutralised.
 */
final class CsvReports {
  static final List<String> FINDINGS_COLUMNS =
      List.of("repository", "project", "location", "rule", "severity", "status", "link", "detail", "fix", "change",
          "suppressed");
  static final List<String> REPOSITORIES_COLUMNS = List.of("repository", "project", "project_number", "location",
      "format", "mode", "upstream", "username", "secret_version", "status", "findings", "rules");

  private CsvReports() {}

  /**
   * One row per finding, in (repository, rule, detail) order; with a baseline, the RESOLVED ones too. change is
   * empty without a baseline, suppressed empty unless a suppression covers the finding.
   */
  static byte[] findings(AuditReport report) {
    return bytes(out -> writeFindings(report, out));
  }

  static void writeFindings(AuditReport report, java.io.OutputStream out) throws IOException {
    table(out, FINDINGS_COLUMNS, FindingRow.of(report).stream().map(row -> {
      Finding finding = row.finding();
      return Arrays.asList(row.repository(), row.project(), row.location(), finding.rule(),
          finding.severity().name(), row.status() == null ? null : row.status().name(), finding.link().name(),
          finding.detail(), finding.fix(), row.change() == null ? null : row.change().name(), row.suppressed());
    }).toList());
  }

  /** One row per audited repository, in name order; rules are the distinct rule IDs that fired, sorted. */
  static byte[] repositories(AuditReport report) {
    return bytes(out -> writeRepositories(report, out));
  }

  static void writeRepositories(AuditReport report, java.io.OutputStream out) throws IOException {
    table(out, REPOSITORIES_COLUMNS, report.results().stream().map(result -> {
      Repository repository = result.repository();
      Credentials credentials = Results.credentials(result);
      // Arrays.asList, not List.of: a value the API did not return (a username, say) is null here
      return Arrays.asList(repository.name(), repository.projectId(), repository.projectNumber(), repository.location(),
          repository.format(), repository.mode(), repository.upstream(), credentials.username(),
          credentials.passwordSecretVersion(), result.status().name(), String.valueOf(result.findings().size()),
          String.join(";", Results.ruleIds(result)));
    }).toList());
  }

  /**
   * Prefixes a cell with ' when it starts with a character that makes spreadsheets read it as a formula (= + - @,
   * tab, carriage return), as Cloud Custodian does: fleet values such as usernames are chosen by whoever can edit a
   * repository. null becomes "".
   */
  static String neutralise(String cell) {
    if (cell == null || cell.isEmpty()) {
      return "";
    }
    return switch (cell.charAt(0)) {
      case '=', '+', '-', '@', '\t', '\r' -> "'" + cell;
      default -> cell;
    };
  }

  private static void table(java.io.OutputStream stream, List<String> columns, List<List<String>> rows)
      throws IOException {
    CSVFormat format = CSVFormat.RFC4180.builder()
        .setHeader(columns.toArray(String[]::new))
        .setRecordSeparator("\n")
        .get();
    java.io.Writer out = new java.io.OutputStreamWriter(stream, StandardCharsets.UTF_8);
    CSVPrinter printer = new CSVPrinter(out, format);
    for (List<String> row : rows) {
      printer.printRecord(row.stream().map(CsvReports::neutralise).toList());
    }
    printer.flush(); // not closed: the stream belongs to the caller
  }

  private static byte[] bytes(AtomicFiles.Content content) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try {
      content.writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return out.toByteArray();
  }
}
