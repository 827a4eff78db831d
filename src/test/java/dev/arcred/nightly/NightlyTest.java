package dev.arcred.nightly;

import static dev.arcred.nightly.Fleet.DATA;
import static dev.arcred.nightly.Fleet.OK;
import static dev.arcred.nightly.Fleet.WEB;
import static dev.arcred.nightly.Fleet.WEB2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.arcred.model.AuditReport;
import dev.arcred.model.BaselineState;
import dev.arcred.model.Finding;
import dev.arcred.model.RuleIds;
import dev.arcred.model.Triage;
import java.util.List;
import org.junit.jupiter.api.Test;

class NightlyTest {
  static final String HEADER = "rule,repository,reason,expires\n";

  @Test
  void withoutBaselineOrSuppressionsTheAuditIsUnchanged() {
    AuditReport audit = Fleet.audit(List.of(WEB), Fleet.floating(WEB));

    assertThat(Nightly.triage(audit, null, Suppressions.NONE)).isSameAs(audit);
    assertThat(audit.triage()).isSameAs(Triage.NONE);
  }

  @Test
  void anExpiredSuppressionsFindingIsNewTheFirstNightAndPersistingAfter() throws MalformedInput {
    Suppressions expired = Suppressions.parse("ignore.csv", HEADER + "*,projects/acme-web-dev/*,x,2026-11-01\n");
    AuditReport audit = Fleet.audit(List.of(WEB, OK), Fleet.floating(WEB));

    AuditReport first = Nightly.triage(audit, Baseline.of(BaselineTest.LAST_NIGHT, List.of(Fleet.floating(WEB))),
        expired);
    Finding expiredFinding = first.findings().stream()
        .filter(f -> f.rule().equals(RuleIds.SUPPRESSION_EXPIRED)).findFirst().orElseThrow();
    assertThat(first.triage().changes()).containsOnly(entry(Fleet.floating(WEB), BaselineState.PERSISTING),
        entry(expiredFinding, BaselineState.NEW));

    AuditReport second = Nightly.triage(audit, Baseline.of(BaselineTest.LAST_NIGHT, first.findings()), expired);
    assertThat(second.triage().changes().values()).containsOnly(BaselineState.PERSISTING);
  }

  @Test
  void theTriageCarriesTheBaselineRunSuppressionsAndResolvedFindings() throws MalformedInput {
    Suppressions s = Suppressions.parse("ignore.csv", HEADER + "SECRET_VERSION_FLOATING,*,accepted,2027-01-01\n");
    Baseline lastNight = Baseline.of(BaselineTest.LAST_NIGHT, List.of(Fleet.incomplete(WEB2)));

    AuditReport tonight = Nightly.triage(Fleet.audit(List.of(WEB, WEB2, DATA), Fleet.floating(DATA)), lastNight, s);

    Triage t = tonight.triage();
    assertThat(t.baseline()).isEqualTo(BaselineTest.LAST_NIGHT);
    assertThat(t.suppressed()).containsOnly(entry(Fleet.floating(DATA), "accepted"));
    assertThat(t.changes()).containsOnly(entry(Fleet.floating(DATA), BaselineState.NEW));
    assertThat(t.resolved()).containsExactly(Fleet.incomplete(WEB2));
    assertThat(t.suppressions()).hasSize(1);
    assertThat(tonight.findings()).containsExactly(Fleet.floating(DATA)); // RESOLVED ones are not findings
  }
}
