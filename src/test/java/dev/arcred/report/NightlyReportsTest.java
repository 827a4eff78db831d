package dev.arcred.report;

import static dev.arcred.report.SampleReports.BARE;
import static dev.arcred.report.SampleReports.FAIL;
import static dev.arcred.report.SampleReports.GONE;
import static dev.arcred.report.SampleReports.OK;
import static dev.arcred.report.SampleReports.UNKNOWN;
import static dev.arcred.report.SampleReports.WARN;
import static dev.arcred.report.SampleReports.XSS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arcred.model.AuditReport;
import java.io.IOException;
import java.util.List;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** The reports of a nightly run: change and suppressed in CSV, JSON and HTML; RESOLVED rows; suppressions. */
class NightlyReportsTest {
  static final AuditReport NIGHTLY = SampleReports.nightly();

  @Test
  void findingsCsvHasAChangeAndASuppressedColumnAndTheResolvedRows() throws IOException {
    List<CSVRecord> rows = CsvReportsTest.parse(CsvReports.findings(NIGHTLY)).rows();

    assertThat(rows).extracting(r -> r.get("repository"), r -> r.get("rule"), r -> r.get("status"),
            r -> r.get("change"), r -> r.get("suppressed"))
        .containsExactly(
            tuple(OK, "SERVICE_AGENT_NO_ACCESS", "OK", "RESOLVED", ""),
            tuple(WARN, "SECRET_EXPIRING", "WARN", "NEW", ""),
            tuple(WARN, "SECRET_VERSION_FLOATING", "WARN", "NEW", "alpha follows latest, by design (SEC-42)"),
            tuple(FAIL, "SERVICE_AGENT_NO_ACCESS", "FAIL", "PERSISTING", ""),
            tuple(UNKNOWN, "CHECK_ERROR", "UNKNOWN", "NEW", ""),
            tuple(UNKNOWN, "CHECK_ERROR", "UNKNOWN", "NEW", ""),
            tuple(GONE, "CREDENTIALS_MISSING", "", "RESOLVED", ""), // no longer audited: no status
            tuple(BARE, "CREDENTIALS_MISSING", "FAIL", "NEW", ""),
            tuple(XSS, "SECRET_REFERENCE_INVALID", "FAIL", "NEW", ""),
            tuple(XSS, "SUPPRESSION_EXPIRED", "FAIL", "NEW", ""));
    assertThat(rows.get(6).get("project")).isEqualTo("delta");
    assertThat(rows.get(6).get("location")).isEqualTo("us");
    assertThat(rows.get(9).get("detail")).startsWith("The suppression at arcred-ignore.csv:3 (* on"
        + " projects/gamma/locations/us/repositories/npm-xss, \"<b>migration</b>\") expired on 2026-11-30:");
  }

  @Test
  void findingsJsonCarriesTheBaselineChangesSuppressionsAndResolvedFindings() throws IOException {
    JsonNode root = JsonReportTest.json(NIGHTLY);

    assertThat(root.get("schemaVersion").intValue()).isEqualTo(2);
    assertThat(root.get("baseline").toString())
        .isEqualTo("{\"generatedAt\":\"2026-12-02T00:00:00Z\",\"scope\":\"organizations/100000000001\"}");
    JsonNode summary = root.get("summary");
    assertThat(summary.get("findings").intValue()).isEqualTo(8); // 7 + SUPPRESSION_EXPIRED; not the RESOLVED
    assertThat(summary.get("suppressed").intValue()).isEqualTo(1);
    assertThat(summary.get("byChange").toString()).isEqualTo("{\"NEW\":7,\"PERSISTING\":1,\"RESOLVED\":2}");
    assertThat(summary.get("byRule").get("SUPPRESSION_EXPIRED").intValue()).isEqualTo(1);
    assertThat(root.get("suppressions")).extracting(s -> s.toString()).containsExactly(
        "{\"source\":\"arcred-ignore.csv:2\",\"rule\":\"SECRET_VERSION_FLOATING\",\"repository\":\"projects/alpha/*\","
            + "\"reason\":\"alpha follows latest, by design (SEC-42)\",\"expires\":\"2027-06-30\",\"expired\":false,"
            + "\"findings\":1}",
        "{\"source\":\"arcred-ignore.csv:3\",\"rule\":\"*\",\"repository\":\"projects/gamma/locations/us/repositories/npm-xss\","
            + "\"reason\":\"<b>migration</b>\",\"expires\":\"2026-11-30\",\"expired\":true,\"findings\":1}");
    JsonNode findings = root.get("findings");
    assertThat(findings).hasSize(10);
    assertThat(findings.get(0).get("change").textValue()).isEqualTo("RESOLVED");
    assertThat(findings.get(2).get("suppressed").textValue()).isEqualTo("alpha follows latest, by design (SEC-42)");
    assertThat(findings.get(6).get("status").isNull()).isTrue();
    JsonNode warn = root.get("repositories").get(1);
    assertThat(warn.get("findings").get(1).get("change").textValue()).isEqualTo("NEW");
    assertThat(warn.get("findings").get(1).get("suppressed").textValue()).startsWith("alpha follows latest");
  }

  @Test
  void theHtmlShowsChangesSuppressionsAndResolvedRowsAsText() throws IOException {
    String html = HtmlReportTest.html(NIGHTLY);
    String findings = HtmlReportTest.section(html, "findings");

    assertThat(html).contains("<dt>Compared with</dt><dd>the audit of <time datetime=\"2026-12-02T00:00:00Z\">")
        .contains("2 in the ignore file, 1 findings suppressed, <strong>1 expired</strong>")
        .contains("<div class=\"tile t-new\"><div class=\"n\">7</div><div class=\"l\">NEW</div></div>")
        .contains("<div class=\"tile t-resolved\"><div class=\"n\">2</div><div class=\"l\">RESOLVED</div></div>")
        .contains("<div class=\"tile t-suppressed\"><div class=\"n\">1</div><div class=\"l\">suppressed</div></div>");
    assertThat(findings).contains("<h2>Findings (8; 2 RESOLVED since the baseline)</h2>")
        .contains("<option>RESOLVED</option>")
        .contains("<option value=\"suppressed\">suppressed</option>");
    List<String> rows = HtmlReportTest.rows(findings);
    assertThat(rows).hasSize(10);
    assertThat(rows.get(0)).contains("data-change=\"RESOLVED\" data-state=\"resolved\" class=\"resolved\"")
        .contains("<span class=\"badge ch-resolved\">RESOLVED</span>")
        .doesNotContain("Fix:");
    assertThat(rows.get(2)).contains("data-state=\"suppressed\" class=\"suppressed\"")
        .contains("<div class=\"suppression\">Suppressed: alpha follows latest, by design (SEC-42)</div>");
    String suppressions = HtmlReportTest.section(html, "suppressions");
    assertThat(suppressions).contains("<td>&lt;b&gt;migration&lt;/b&gt;</td>")
        .contains("<tr class=\"expired\">")
        .doesNotContain("<b>");
  }

  @Test
  void aPlainAuditHasNoSuppressionsSectionNorChangeColumn() throws IOException {
    String html = HtmlReportTest.html(SampleReports.small());

    assertThat(html).doesNotContain("<section id=\"suppressions\">").doesNotContain("Compared with")
        .doesNotContain("data-sort=\"change\"");
  }
}
