package dev.arcred.report;

import static dev.arcred.report.SampleReports.BARE;
import static dev.arcred.report.SampleReports.FAIL;
import static dev.arcred.report.SampleReports.OK;
import static dev.arcred.report.SampleReports.UNKNOWN;
import static dev.arcred.report.SampleReports.WARN;
import static dev.arcred.report.SampleReports.XSS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsvReportsTest {
  @Test
  void findingsHaveTheHeaderAndOneRowPerFindingSortedByRepositoryRuleDetail() throws IOException {
    Parsed csv = parse(CsvReports.findings(SampleReports.small()));

    assertThat(csv.header()).containsExactly(
        "repository", "project", "location", "rule", "severity", "status", "link", "detail", "fix", "change",
        "suppressed");
    assertThat(csv.rows()).extracting(r -> r.get("repository"), r -> r.get("rule"), r -> r.get("link"))
        .containsExactly(
            tuple(WARN, "SECRET_EXPIRING", "SECRET"),
            tuple(WARN, "SECRET_VERSION_FLOATING", "VERSION"),
            tuple(FAIL, "SERVICE_AGENT_NO_ACCESS", "ACCESS"),
            tuple(UNKNOWN, "CHECK_ERROR", "ACCESS"), // "AssetService..." sorts before "SecretManagerService..."
            tuple(UNKNOWN, "CHECK_ERROR", "SECRET"),
            tuple(BARE, "CREDENTIALS_MISSING", "CREDENTIALS"),
            tuple(XSS, "SECRET_REFERENCE_INVALID", "CREDENTIALS"));
  }

  @Test
  void aFindingRowCarriesItsRepositorysProjectLocationAndStatus() throws IOException {
    CSVRecord row = parse(CsvReports.findings(SampleReports.small())).rows().get(2);

    assertThat(row.toMap()).containsEntry("repository", FAIL)
        .containsEntry("project", "beta")
        .containsEntry("location", "europe-west1")
        .containsEntry("severity", "CRITICAL")
        .containsEntry("status", "FAIL")
        .containsEntry("fix", "gcloud secrets add-iam-policy-binding tok --project=beta"
            + " --member=serviceAccount:service-300000000002@gcp-sa-artifactregistry.iam.gserviceaccount.com"
            + " --role=roles/secretmanager.secretAccessor");
  }

  @Test
  void detailsWithCommasQuotesAndNewlinesSurviveTheRoundTrip() throws IOException {
    List<CSVRecord> rows = parse(CsvReports.findings(SampleReports.small())).rows();

    assertThat(rows.get(4).get("detail")).isEqualTo("SecretManagerService.GetSecret projects/beta/secrets/tok2:"
        + " PERMISSION_DENIED: Permission 'secretmanager.secrets.get' denied,\nsecond line of the server's message");
    assertThat(rows.get(6).get("detail")).startsWith("The reference \"<script>alert(1)</script>\" is not");
    assertThat(rows.get(4).get("fix")).isEmpty();
  }

  @Test
  void repositoriesHaveTheHeaderAndOneRowPerRepositorySortedByName() throws IOException {
    Parsed csv = parse(CsvReports.repositories(SampleReports.small()));

    assertThat(csv.header()).containsExactly("repository", "project", "project_number", "location", "format", "mode",
        "upstream", "username", "secret_version", "status", "findings", "rules");
    assertThat(csv.rows()).extracting(r -> r.get("repository"), r -> r.get("status"), r -> r.get("findings"),
            r -> r.get("rules"))
        .containsExactly(
            tuple(OK, "OK", "0", ""),
            tuple(WARN, "WARN", "2", "SECRET_EXPIRING;SECRET_VERSION_FLOATING"),
            tuple(FAIL, "FAIL", "1", "SERVICE_AGENT_NO_ACCESS"),
            tuple(UNKNOWN, "UNKNOWN", "2", "CHECK_ERROR"),
            tuple(BARE, "FAIL", "1", "CREDENTIALS_MISSING"),
            tuple(XSS, "FAIL", "1", "SECRET_REFERENCE_INVALID"));
    assertThat(csv.rows().get(1).toMap())
        .containsEntry("project", "alpha")
        .containsEntry("project_number", "300000000001")
        .containsEntry("location", "us-central1")
        .containsEntry("format", "NPM")
        .containsEntry("mode", "REMOTE_REPOSITORY")
        .containsEntry("upstream", "npmjs")
        .containsEntry("username", "ci-bot")
        .containsEntry("secret_version", "projects/alpha/secrets/npm-token/versions/latest");
  }

  @Test
  void credentialsThatAreNotSetAreEmptyCells() throws IOException {
    CSVRecord bare = parse(CsvReports.repositories(SampleReports.small())).rows().get(4);

    assertThat(bare.get("repository")).isEqualTo(BARE);
    assertThat(bare.get("username")).isEmpty();
    assertThat(bare.get("secret_version")).isEmpty();
  }

  @Test
  void formulaCellsFromTheFleetAreNeutralised() throws IOException {
    List<CSVRecord> rows = parse(CsvReports.repositories(SampleReports.small())).rows();

    assertThat(rows.get(2).get("username")).isEqualTo("'=HYPERLINK(\"http://x\")");
    assertThat(rows.get(3).get("username")).isEqualTo("'@SUM(A1)");
    String text = new String(CsvReports.repositories(SampleReports.small()), StandardCharsets.UTF_8);
    assertThat(text).doesNotContain(",=HYPERLINK").doesNotContain(",\"=HYPERLINK").doesNotContain(",@SUM");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "=1+2|'=1+2",
      "+1|'+1",
      "-1|'-1",
      "@SUM(A1)|'@SUM(A1)",
      "`\tx`|`'\tx`",
      "`\rx`|`'\rx`",
      "a=b|a=b",
      "'quoted|'quoted",
      "projects/p/locations/l/repositories/r|projects/p/locations/l/repositories/r",
      "` =1`|` =1`"})
  void neutraliseOnlyTouchesCellsThatStartWithAFormulaCharacter(String cell, String expected) {
    assertThat(CsvReports.neutralise(cell)).isEqualTo(expected);
  }

  @Test
  void neutraliseTurnsNullAndEmptyIntoEmpty() {
    assertThat(CsvReports.neutralise(null)).isEmpty();
    assertThat(CsvReports.neutralise("")).isEmpty();
  }

  @Test
  void recordsEndWithLineFeedsAndTheFileIsUtf8WithoutByteOrderMark() {
    byte[] bytes = CsvReports.repositories(SampleReports.small());
    String text = new String(bytes, StandardCharsets.UTF_8);

    assertThat(bytes[0]).isEqualTo((byte) 'r');
    assertThat(text).startsWith("repository,project,project_number,").endsWith("SECRET_REFERENCE_INVALID\n")
        .doesNotContain("\r\n");
    assertThat(text.lines()).hasSize(7);
  }

  @Test
  void anAuditWithoutFindingsStillHasTheHeaders() throws IOException {
    assertThat(new String(CsvReports.findings(SampleReports.healthy()), StandardCharsets.UTF_8))
        .isEqualTo("repository,project,location,rule,severity,status,link,detail,fix,change,suppressed\n");
    assertThat(parse(CsvReports.repositories(SampleReports.healthy())).rows()).hasSize(1);
  }

  record Parsed(List<String> header, List<CSVRecord> rows) {}

  static Parsed parse(byte[] csv) throws IOException {
    CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
    try (CSVParser parser = CSVParser.parse(new StringReader(new String(csv, StandardCharsets.UTF_8)), format)) {
      List<CSVRecord> rows = parser.getRecords();
      return new Parsed(parser.getHeaderNames(), rows);
    }
  }
}
