package dev.arcred.nightly;

import static dev.arcred.nightly.Fleet.DATA;
import static dev.arcred.nightly.Fleet.NOW;
import static dev.arcred.nightly.Fleet.OK;
import static dev.arcred.nightly.Fleet.WEB;
import static dev.arcred.nightly.Fleet.WEB2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.arcred.model.AuditReport;
import dev.arcred.model.Finding;
import dev.arcred.model.Link;
import dev.arcred.model.RepositoryResult;
import dev.arcred.model.RuleIds;
import dev.arcred.model.Severity;
import dev.arcred.model.Status;
import dev.arcred.model.Triage.SuppressionUse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SuppressionsTest {
  static final String HEADER = "rule,repository,reason,expires\n";

  @TempDir Path tmp;

  static Suppressions parse(String text) throws MalformedInput {
    return Suppressions.parse("ignore.csv", text);
  }

  @Test
  void readsTheHeaderCommentsBlankLinesAndQuotedReasons() throws MalformedInput {
    Suppressions s = parse("""
        # accepted risks, reviewed monthly
        rule,repository,reason,expires

        SECRET_VERSION_FLOATING,projects/acme-data-etl/locations/*/repositories/artifactory-npm,"Artifactory pins it, SEC-12",2027-03-31
          # an indented comment
        *,projects/acme-sandbox-*,sandbox projects are throwaway,2026-12-31\r
        """);

    assertThat(s.entries()).extracting(e -> e.source(), e -> e.rule(), e -> e.repository().toString(), e -> e.reason(),
            e -> e.expires())
        .containsExactly(
            tuple("ignore.csv:4", "SECRET_VERSION_FLOATING",
                "projects/acme-data-etl/locations/*/repositories/artifactory-npm", "Artifactory pins it, SEC-12",
                LocalDate.parse("2027-03-31")),
            tuple("ignore.csv:6", "*", "projects/acme-sandbox-*", "sandbox projects are throwaway",
                LocalDate.parse("2026-12-31")));
  }

  @Test
  void anEmptyFileOrOnlyAHeaderSuppressesNothing() throws MalformedInput {
    assertThat(parse("").entries()).isEmpty();
    assertThat(parse(HEADER).entries()).isEmpty();
    assertThat(parse("\uFEFF" + HEADER + "# nothing yet\n").entries()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "repository,rule,reason,expires|ignore.csv:1: the first line must be the header rule,repository,reason,expires",
      "SECRET_PUBLIC,projects/p/locations/l/repositories/r,x,2027-01-01|ignore.csv:1: the first line must be the header",
      "{H}SECRET_PUBLIC,projects/p/locations/l/repositories/r,x|ignore.csv:2: 3 fields, expected 4",
      "{H}SECRET_PUBLIC,projects/p/locations/l/repositories/r,a,b,2027-01-01|ignore.csv:2: 5 fields, expected 4",
      "{H}SECRET_SPOOKY,projects/p/locations/l/repositories/r,x,2027-01-01|ignore.csv:2: unknown rule 'SECRET_SPOOKY'",
      "{H}CHECK_ERROR,projects/p/locations/l/repositories/r,x,2027-01-01|ignore.csv:2: CHECK_ERROR cannot be suppressed",
      "{H}SUPPRESSION_EXPIRED,*,x,2027-01-01|ignore.csv:2: SUPPRESSION_EXPIRED cannot be suppressed",
      "{H}SECRET_PUBLIC,npmjs-proxy,x,2027-01-01|ignore.csv:2: repository pattern 'npmjs-proxy' must be * or start with projects/",
      "{H}SECRET_PUBLIC,*, ,2027-01-01|ignore.csv:2: a reason is required",
      "{H}SECRET_PUBLIC,*,x,31/12/2026|ignore.csv:2: expires '31/12/2026' is not a date YYYY-MM-DD",
      "{H}SECRET_PUBLIC,*,x,|ignore.csv:2: expires '' is not a date YYYY-MM-DD",
      "{H}SECRET_PUBLIC,*,\"unterminated,2027-01-01|ignore.csv:2: not CSV"})
  void aMalformedLineIsAnErrorNamingFileAndLine(String text, String message) {
    assertThatThrownBy(() -> parse(text.replace("{H}", HEADER))).isInstanceOf(MalformedInput.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void theLineNumberCountsCommentsAndBlankLines() {
    assertThatThrownBy(() -> parse("# c\n\n" + HEADER + "\n# c\nSECRET_PUBLIC,*,x,never\n"))
        .isInstanceOf(MalformedInput.class).hasMessageStartingWith("ignore.csv:6: ");
  }

  @Test
  void aMissingFileIsMalformedInputNamingIt() {
    Path missing = tmp.resolve("nope.csv");
    assertThatThrownBy(() -> Suppressions.read(missing)).isInstanceOf(MalformedInput.class)
        .hasMessageContaining("cannot read the ignore file " + missing);
  }

  @Test
  void readNamesTheFileAsGiven() throws IOException {
    Path file = Files.writeString(tmp.resolve("arcred-ignore.csv"), HEADER + "SECRET_PUBLIC,*,x,2027\n");
    assertThatThrownBy(() -> Suppressions.read(file)).isInstanceOf(MalformedInput.class)
        .hasMessageStartingWith(file + ":2: expires '2027'");
  }

  @Test
  void aSuppressionIsInForceThroughItsExpiryDayInUtc() throws MalformedInput {
    Suppressions.Suppression s = parse(HEADER + "*,*,x,2026-11-30\n").entries().get(0);

    assertThat(s.expiredAt(Instant.parse("2026-11-30T23:59:59Z"))).isFalse();
    assertThat(s.expiredAt(Instant.parse("2026-12-01T00:00:00Z"))).isTrue();
  }

  @Test
  void aSuppressionInForceMarksTheFindingsItCoversWithItsReasonAndKeepsThem() throws MalformedInput {
    AuditReport audit = Fleet.audit(List.of(WEB, WEB2, DATA, OK), Fleet.noAccess(WEB), Fleet.floating(WEB),
        Fleet.incomplete(WEB2), Fleet.floating(DATA));
    Suppressions s = parse(HEADER
        + "SECRET_VERSION_FLOATING,projects/acme-web-*,web follows latest on purpose,2027-01-31\n"
        + "*,projects/acme-data-etl/locations/us-central1/repositories/artifactory-npm,data team owns it,2027-01-31\n"
        + "SECRET_PUBLIC,*,never matches here,2027-01-31\n");

    Suppressions.Applied applied = s.apply(audit.results(), NOW);

    assertThat(applied.results()).isEqualTo(audit.results()); // nothing expired: nothing added
    assertThat(applied.suppressed()).containsOnly(
        org.assertj.core.api.Assertions.entry(Fleet.floating(WEB), "web follows latest on purpose"),
        org.assertj.core.api.Assertions.entry(Fleet.floating(DATA), "data team owns it"));
    assertThat(applied.uses()).extracting(SuppressionUse::source, SuppressionUse::expired, SuppressionUse::findings)
        .containsExactly(tuple("ignore.csv:2", false, 1), tuple("ignore.csv:3", false, 1),
            tuple("ignore.csv:4", false, 0));
  }

  @Test
  void theFirstSuppressionInForceGivesTheReason() throws MalformedInput {
    AuditReport audit = Fleet.audit(List.of(WEB), Fleet.floating(WEB));
    Suppressions s = parse(HEADER + "*,*,first,2027-01-31\nSECRET_VERSION_FLOATING,*,second,2027-01-31\n");

    assertThat(s.apply(audit.results(), NOW).suppressed()).containsEntry(Fleet.floating(WEB), "first");
  }

  @Test
  void checkErrorsAreNeverSuppressedEvenByAStar() throws MalformedInput {
    AuditReport audit = Fleet.audit(List.of(WEB), Fleet.checkError(WEB));

    Suppressions.Applied applied = parse(HEADER + "*,*,everything,2027-01-31\n").apply(audit.results(), NOW);

    assertThat(applied.suppressed()).isEmpty();
    assertThat(applied.results().get(0).status()).isEqualTo(Status.UNKNOWN);
  }

  @Test
  void anExpiredSuppressionStopsSuppressingAndIsReportedOncePerRepositoryItCovered() throws MalformedInput {
    AuditReport audit = Fleet.audit(List.of(WEB, WEB2, DATA, OK), Fleet.noAccess(WEB), Fleet.floating(WEB),
        Fleet.incomplete(WEB2), Fleet.floating(DATA));
    Suppressions s = parse(HEADER + "*,projects/acme-web-*,temporary during the migration,2026-11-30\n");

    Suppressions.Applied applied = s.apply(audit.results(), NOW);

    assertThat(applied.suppressed()).isEmpty();
    List<Finding> expired = applied.results().stream().flatMap(r -> r.findings().stream())
        .filter(f -> f.rule().equals(RuleIds.SUPPRESSION_EXPIRED)).toList();
    assertThat(expired).extracting(Finding::repository, Finding::severity, Finding::link)
        .containsExactly(tuple(WEB, Severity.LOW, Link.VERSION) /* the first finding it covers there */, tuple(WEB2, Severity.LOW, Link.CREDENTIALS));
    assertThat(expired.get(0).detail()).isEqualTo("The suppression at ignore.csv:2 (* on projects/acme-web-*,"
        + " \"temporary during the migration\") expired on 2026-11-30: SECRET_VERSION_FLOATING,"
        + " SERVICE_AGENT_NO_ACCESS are reported again. Fix the repository, or renew the suppression with a new date.");
    assertThat(expired.get(1).detail()).contains(": CREDENTIALS_INCOMPLETE is reported again.");
    assertThat(expired.get(0).fix()).isEmpty();
    assertThat(applied.uses()).extracting(SuppressionUse::expired, SuppressionUse::findings)
        .containsExactly(tuple(true, 3));
    RepositoryResult web = applied.results().stream().filter(r -> r.repository().name().equals(WEB)).findFirst()
        .orElseThrow();
    assertThat(web.findings()).extracting(Finding::rule).containsExactly(RuleIds.SECRET_VERSION_FLOATING,
        RuleIds.SERVICE_AGENT_NO_ACCESS, RuleIds.SUPPRESSION_EXPIRED);
    assertThat(web.status()).isEqualTo(Status.FAIL);
  }

  @Test
  void anExpiredSuppressionThatCoversNothingAddsNothing() throws MalformedInput {
    AuditReport audit = Fleet.audit(List.of(WEB, OK), Fleet.floating(WEB));

    Suppressions.Applied applied = parse(HEADER + "SECRET_PUBLIC,*,old,2020-01-01\n").apply(audit.results(), NOW);

    assertThat(applied.results()).isEqualTo(audit.results());
    assertThat(applied.uses()).extracting(SuppressionUse::expired, SuppressionUse::findings)
        .containsExactly(tuple(true, 0));
  }
}
