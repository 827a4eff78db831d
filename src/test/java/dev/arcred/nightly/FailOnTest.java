package dev.arcred.nightly;

import static dev.arcred.nightly.Fleet.DATA;
import static dev.arcred.nightly.Fleet.WEB;
import static dev.arcred.nightly.Fleet.WEB2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arcred.model.AuditReport;
import dev.arcred.model.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FailOnTest {
  static final String HEADER = "rule,repository,reason,expires\n";

  @ParameterizedTest
  @CsvSource({"CRITICAL, CRITICAL, false", "high, HIGH, false", " Medium , MEDIUM, false", "LOW, LOW, false",
      "new, LOW, true", "NEW, LOW, true"})
  void parsesASeverityOrNew(String text, Severity threshold, boolean newOnly) {
    assertThat(FailOn.parse(text)).isEqualTo(new FailOn(threshold, newOnly));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "any", "SEVERE", "new,HIGH", "1"})
  void anythingElseIsRejectedWithTheChoices(String text) {
    assertThatThrownBy(() -> FailOn.parse(text)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--fail-on: '" + text + "' is not CRITICAL, HIGH, MEDIUM, LOW or new");
  }

  @Test
  void aSeverityCountsFindingsAtOrAboveIt() {
    AuditReport lowAndHigh = Fleet.audit(List.of(WEB, WEB2), Fleet.floating(WEB), Fleet.incomplete(WEB2));
    AuditReport lowOnly = Fleet.audit(List.of(WEB), Fleet.floating(WEB));

    assertThat(FailOn.ANY.fails(lowOnly)).isTrue();
    assertThat(FailOn.parse("LOW").counted(lowAndHigh)).hasSize(2);
    assertThat(FailOn.parse("HIGH").counted(lowAndHigh)).containsExactly(Fleet.incomplete(WEB2));
    assertThat(FailOn.parse("CRITICAL").fails(lowAndHigh)).isFalse();
    assertThat(FailOn.parse("MEDIUM").fails(lowOnly)).isFalse();
    assertThat(FailOn.ANY.fails(Fleet.audit(List.of(WEB)))).isFalse();
  }

  @Test
  void suppressedFindingsNeverCount() throws MalformedInput {
    AuditReport audit = Nightly.triage(Fleet.audit(List.of(WEB, WEB2), Fleet.floating(WEB), Fleet.incomplete(WEB2)),
        null, Suppressions.parse("i", HEADER + "CREDENTIALS_INCOMPLETE,*,accepted,2027-01-01\n"));

    assertThat(FailOn.ANY.counted(audit)).containsExactly(Fleet.floating(WEB));
    assertThat(FailOn.parse("HIGH").fails(audit)).isFalse();
  }

  @Test
  void newCountsOnlyNewFindingsAndResolvedOnesNeverCount() {
    Baseline lastNight = Baseline.of(BaselineTest.LAST_NIGHT,
        List.of(Fleet.floating(WEB), Fleet.incomplete(WEB2), Fleet.noAccess(DATA)));
    AuditReport tonight = Nightly.triage(Fleet.audit(List.of(WEB, WEB2, DATA), Fleet.floating(WEB)), lastNight,
        Suppressions.NONE);

    assertThat(tonight.triage().resolved()).hasSize(2);
    assertThat(FailOn.parse("new").fails(tonight)).isFalse();
    assertThat(FailOn.ANY.counted(tonight)).containsExactly(Fleet.floating(WEB)); // not the two RESOLVED
    AuditReport worse = Nightly.triage(Fleet.audit(List.of(WEB, WEB2, DATA), Fleet.floating(WEB),
        Fleet.floating(DATA)), lastNight, Suppressions.NONE);
    assertThat(FailOn.parse("new").counted(worse)).containsExactly(Fleet.floating(DATA));
  }
}
