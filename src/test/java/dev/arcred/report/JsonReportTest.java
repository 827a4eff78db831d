package dev.arcred.report;

import static dev.arcred.report.SampleReports.BARE;
import static dev.arcred.report.SampleReports.FAIL;
import static dev.arcred.report.SampleReports.OK;
import static dev.arcred.report.SampleReports.UNKNOWN;
import static dev.arcred.report.SampleReports.WARN;
import static dev.arcred.report.SampleReports.XSS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arcred.model.AuditReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonReportTest {
  static final ObjectMapper MAPPER = new ObjectMapper();

  static JsonNode json(AuditReport report) throws IOException {
    return MAPPER.readTree(JsonReport.render(report, ReportSummary.of(report)));
  }

  @Test
  void theHeaderSaysWhatWasAuditedAndWhen() throws IOException {
    JsonNode root = json(SampleReports.small());

    assertThat(fieldNames(root)).containsExactly("schemaVersion", "scope", "organization", "generatedAt", "baseline",
        "summary", "suppressions", "repositories", "findings");
    assertThat(root.get("schemaVersion").intValue()).isEqualTo(2);
    assertThat(root.get("baseline").isNull()).isTrue();
    assertThat(root.get("suppressions").size()).isZero();
    assertThat(root.get("scope").textValue()).isEqualTo("organizations/100000000001");
    assertThat(root.get("organization").textValue()).isEqualTo("organizations/100000000001");
    assertThat(root.get("generatedAt").textValue()).isEqualTo("2026-12-03T00:00:00Z");
  }

  @Test
  void theSummaryCountsRepositoriesByStatusAndFindingsByRuleSeverityAndProject() throws IOException {
    JsonNode summary = json(SampleReports.small()).get("summary");

    assertThat(summary.get("repositories").intValue()).isEqualTo(6);
    assertThat(summary.get("findings").intValue()).isEqualTo(7);
    assertThat(summary.get("byStatus").toString()).isEqualTo("{\"FAIL\":3,\"OK\":1,\"UNKNOWN\":1,\"WARN\":1}");
    assertThat(summary.get("byRule").toString()).isEqualTo("{\"CHECK_ERROR\":2,\"CREDENTIALS_MISSING\":1,"
        + "\"SECRET_EXPIRING\":1,\"SECRET_REFERENCE_INVALID\":1,\"SECRET_VERSION_FLOATING\":1,"
        + "\"SERVICE_AGENT_NO_ACCESS\":1}");
    assertThat(summary.get("bySeverity").toString()).isEqualTo("{\"CRITICAL\":2,\"HIGH\":3,\"LOW\":1,\"MEDIUM\":1}");
    assertThat(fieldNames(summary.get("byProject"))).containsExactly("alpha", "beta", "gamma");
    assertThat(summary.get("byProject").get("beta").toString()).isEqualTo(
        "{\"repositories\":2,\"findings\":3,\"byStatus\":{\"FAIL\":1,\"OK\":0,\"UNKNOWN\":1,\"WARN\":0}}");
  }

  @Test
  void everyStatusAndSeverityIsCountedEvenAtZero() throws IOException {
    JsonNode summary = json(SampleReports.healthy()).get("summary");

    assertThat(summary.get("byStatus").toString()).isEqualTo("{\"FAIL\":0,\"OK\":1,\"UNKNOWN\":0,\"WARN\":0}");
    assertThat(summary.get("bySeverity").toString()).isEqualTo("{\"CRITICAL\":0,\"HIGH\":0,\"LOW\":0,\"MEDIUM\":0}");
    assertThat(summary.get("byRule").size()).isZero();
    assertThat(summary.get("findings").intValue()).isZero();
  }

  @Test
  void repositoriesCarryTheirFieldsStatusAndFindingsInNameOrder() throws IOException {
    JsonNode repositories = json(SampleReports.small()).get("repositories");

    assertThat(repositories).extracting(r -> r.get("repository").textValue())
        .containsExactly(OK, WARN, FAIL, UNKNOWN, BARE, XSS);
    JsonNode warn = repositories.get(1);
    assertThat(fieldNames(warn)).containsExactly("repository", "project", "projectNumber", "ancestors", "location",
        "format", "mode", "upstream", "username", "secretVersion", "status", "findings");
    assertThat(warn.get("ancestors").toString()).isEqualTo("[\"projects/300000000001\",\"organizations/100000000001\"]");
    assertThat(warn.get("project").textValue()).isEqualTo("alpha");
    assertThat(warn.get("projectNumber").textValue()).isEqualTo("300000000001");
    assertThat(warn.get("location").textValue()).isEqualTo("us-central1");
    assertThat(warn.get("format").textValue()).isEqualTo("NPM");
    assertThat(warn.get("mode").textValue()).isEqualTo("REMOTE_REPOSITORY");
    assertThat(warn.get("upstream").textValue()).isEqualTo("npmjs");
    assertThat(warn.get("username").textValue()).isEqualTo("ci-bot");
    assertThat(warn.get("secretVersion").textValue()).isEqualTo("projects/alpha/secrets/npm-token/versions/latest");
    assertThat(warn.get("status").textValue()).isEqualTo("WARN");
    assertThat(warn.get("findings")).extracting(f -> f.get("rule").textValue())
        .containsExactly("SECRET_EXPIRING", "SECRET_VERSION_FLOATING");
    JsonNode floating = warn.get("findings").get(1);
    assertThat(fieldNames(floating)).containsExactly("rule", "severity", "link", "detail", "fix", "change",
        "suppressed");
    assertThat(floating.get("change").isNull()).isTrue();
    assertThat(floating.get("suppressed").isNull()).isTrue();
    assertThat(floating.get("severity").textValue()).isEqualTo("LOW");
    assertThat(floating.get("link").textValue()).isEqualTo("VERSION");
    assertThat(floating.get("fix").textValue()).startsWith("gcloud artifacts repositories update npm-warn ");
    assertThat(repositories.get(0).get("findings").size()).isZero();
  }

  @Test
  void valuesAreRawNotNeutralisedAndUnsetCredentialsAreNull() throws IOException {
    JsonNode repositories = json(SampleReports.small()).get("repositories");

    assertThat(repositories.get(2).get("username").textValue()).isEqualTo(SampleReports.FORMULA_USERNAME);
    assertThat(repositories.get(5).get("secretVersion").textValue()).isEqualTo(SampleReports.SCRIPT);
    assertThat(repositories.get(4).get("username").isNull()).isTrue();
    assertThat(repositories.get(4).get("secretVersion").isNull()).isTrue();
  }

  @Test
  void theFlatFindingsListHasOneEntryPerFindingWithItsRepositorysStatus() throws IOException {
    JsonNode findings = json(SampleReports.small()).get("findings");

    assertThat(findings).hasSize(7);
    assertThat(findings).extracting(f -> f.get("repository").textValue() + " " + f.get("rule").textValue()
            + " " + f.get("status").textValue())
        .containsExactly(
            WARN + " SECRET_EXPIRING WARN",
            WARN + " SECRET_VERSION_FLOATING WARN",
            FAIL + " SERVICE_AGENT_NO_ACCESS FAIL",
            UNKNOWN + " CHECK_ERROR UNKNOWN",
            UNKNOWN + " CHECK_ERROR UNKNOWN",
            BARE + " CREDENTIALS_MISSING FAIL",
            XSS + " SECRET_REFERENCE_INVALID FAIL");
    assertThat(fieldNames(findings.get(0)))
        .containsExactly("repository", "rule", "severity", "status", "link", "detail", "fix", "change", "suppressed");
    assertThat(findings.get(3).get("link").textValue()).isEqualTo("ACCESS");
    assertThat(findings.get(4).get("detail").textValue()).contains("denied,\nsecond line");
  }

  @Test
  void itIsPrettyPrintedWithLineFeedsAndEndsWithOne() {
    String text = new String(JsonReport.render(SampleReports.healthy(), ReportSummary.of(SampleReports.healthy())),
        StandardCharsets.UTF_8);

    assertThat(text).startsWith("{\n  \"schemaVersion\": 2,\n  \"scope\": \"projects/alpha\",\n")
        .contains("\"organization\": \"\",\n")
        .contains("\"findings\": []")
        .endsWith("}\n")
        .doesNotContain("\r");
  }

  static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
