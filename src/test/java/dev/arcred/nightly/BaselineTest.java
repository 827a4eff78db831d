package dev.arcred.nightly;

import static dev.arcred.nightly.Fleet.DATA;
import static dev.arcred.nightly.Fleet.OK;
import static dev.arcred.nightly.Fleet.WEB;
import static dev.arcred.nightly.Fleet.WEB2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.arcred.model.BaselineState;
import dev.arcred.model.Finding;
import dev.arcred.model.Link;
import dev.arcred.model.RuleIds;
import dev.arcred.model.Severity;
import dev.arcred.model.Triage.BaselineRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineTest {
  static final BaselineRun LAST_NIGHT = new BaselineRun(Instant.parse("2026-11-30T00:00:00Z"),
      "organizations/510000000001");

  @TempDir Path tmp;

  @Test
  void findingsAreNewPersistingOrResolvedByRepositoryAndRule() {
    Baseline baseline = Baseline.of(LAST_NIGHT, List.of(Fleet.noAccess(WEB), Fleet.incomplete(WEB2)));
    Finding reworded = new Finding(WEB, RuleIds.SERVICE_AGENT_NO_ACCESS, Severity.CRITICAL, Link.ACCESS,
        "A different sentence tonight.", "");

    Baseline.Comparison c = baseline.compare(List.of(reworded, Fleet.floating(WEB), Fleet.floating(DATA)));

    assertThat(c.changes()).containsOnly(
        entry(reworded, BaselineState.PERSISTING),
        entry(Fleet.floating(WEB), BaselineState.NEW),
        entry(Fleet.floating(DATA), BaselineState.NEW));
    assertThat(c.resolved()).containsExactly(Fleet.incomplete(WEB2));
  }

  @Test
  void theFirstRunMakesEveryFindingNewAndResolvesNothing() {
    Baseline.Comparison c = Baseline.firstRun().compare(List.of(Fleet.noAccess(WEB)));

    assertThat(c.changes()).containsOnly(entry(Fleet.noAccess(WEB), BaselineState.NEW));
    assertThat(c.resolved()).isEmpty();
  }

  @Test
  void readsTheFindingsOfAVersion1FindingsJson() throws MalformedInput {
    Baseline baseline = Baseline.parse("last/findings.json", """
        {"schemaVersion": 1, "scope": "organizations/510000000001", "generatedAt": "2026-11-30T00:00:00Z",
         "summary": {}, "repositories": [],
         "findings": [
           {"repository": "%s", "rule": "SERVICE_AGENT_NO_ACCESS", "severity": "CRITICAL", "status": "FAIL",
            "link": "ACCESS", "detail": "No binding gives the agent access.", "fix": "gcloud secrets add-iam-policy-binding ..."}
         ]}
        """.formatted(WEB).getBytes(StandardCharsets.UTF_8));

    assertThat(baseline.run()).isEqualTo(LAST_NIGHT);
    assertThat(baseline.findings()).containsExactly(Fleet.noAccess(WEB));
  }

  @Test
  void aVersion2BaselinesResolvedRowsAreNotItsFindings() throws MalformedInput {
    Baseline baseline = Baseline.parse("b", """
        {"schemaVersion": 2, "generatedAt": "2026-11-30T00:00:00Z", "findings": [
           {"repository": "%s", "rule": "SECRET_VERSION_FLOATING", "severity": "LOW", "link": "VERSION",
            "detail": "The reference uses an alias.", "fix": "gcloud artifacts repositories update ...", "change": "NEW", "suppressed": "ok"},
           {"repository": "%s", "rule": "CREDENTIALS_INCOMPLETE", "severity": "HIGH", "link": "CREDENTIALS",
            "detail": "gone", "fix": "", "change": "RESOLVED", "suppressed": null}
         ]}
        """.formatted(DATA, OK).getBytes(StandardCharsets.UTF_8));

    assertThat(baseline.findings()).containsExactly(Fleet.floating(DATA));
    assertThat(baseline.compare(List.of()).resolved()).containsExactly(Fleet.floating(DATA));
  }

  @Test
  void aFolderWithoutFindingsJsonIsTheFirstRun() throws MalformedInput {
    assertThat(Baseline.read(tmp).findings()).isEmpty();
    assertThat(Baseline.read(tmp.resolve("not-yet")).run().generatedAt()).isNull();
  }

  @Test
  void readsAFolderOrTheFileItself() throws IOException, MalformedInput {
    Path file = Files.writeString(tmp.resolve("findings.json"), "{\"schemaVersion\":2,\"findings\":[]}");

    assertThat(Baseline.read(tmp).findings()).isEmpty();
    assertThat(Baseline.read(file).run().generatedAt()).isNull();
  }

  @Test
  void aFileThatIsNotAFindingsJsonIsMalformedInput() throws IOException {
    Files.writeString(tmp.resolve("findings.json"), "repository,rule\n");
    assertThatThrownBy(() -> Baseline.read(tmp)).isInstanceOf(MalformedInput.class)
        .hasMessageContaining("the baseline " + tmp.resolve("findings.json") + " is not JSON");

    assertThatThrownBy(() -> Baseline.parse("b", "{\"findings\":[]}".getBytes(StandardCharsets.UTF_8)))
        .hasMessage("the baseline b is not an arcred findings.json (no schemaVersion)");
    assertThatThrownBy(() -> Baseline.parse("b", "{\"schemaVersion\":9,\"findings\":[]}".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("has schemaVersion 9; this arcred reads");
    assertThatThrownBy(() -> Baseline.parse("b", "{\"schemaVersion\":2}".getBytes(StandardCharsets.UTF_8)))
        .hasMessage("the baseline b has no findings list");
    assertThatThrownBy(() -> Baseline.parse("b", "{\"schemaVersion\":2,\"findings\":[{\"rule\":\"X\"}]}"
        .getBytes(StandardCharsets.UTF_8))).hasMessage("b: findings[0]: repository and rule are required");
    assertThatThrownBy(() -> Baseline.parse("b", ("{\"schemaVersion\":2,\"findings\":[{\"repository\":\"r\","
        + "\"rule\":\"X\",\"severity\":\"SEVERE\",\"link\":\"ACCESS\"}]}").getBytes(StandardCharsets.UTF_8)))
        .hasMessageStartingWith("b: findings[0]: unknown severity or link");
  }
}
