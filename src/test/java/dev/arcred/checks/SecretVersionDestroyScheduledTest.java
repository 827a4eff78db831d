package dev.arcred.checks;

import static dev.arcred.checks.Field.SETTINGS;
import static dev.arcred.checks.Field.TEAM_A;
import static dev.arcred.checks.Field.findings;
import static dev.arcred.checks.Field.healthy;
import static dev.arcred.checks.Field.npmToken;
import static dev.arcred.checks.Field.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arcred.checks.Field.Secret;
import dev.arcred.model.Finding;
import dev.arcred.model.Link;
import dev.arcred.model.RuleIds;
import dev.arcred.model.VersionState;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SecretVersionDestroyScheduledTest {
  private static final Instant IN_A_WEEK = Instant.parse("2026-12-08T00:00:00Z");
  private final Rule rule = new SecretVersionDestroyScheduled();

  @Test
  void theResolvedVersionIsScheduledForDestruction() {
    var facts = healthy().secret(npmToken().destroyScheduled(2, IN_A_WEEK).version(3, VersionState.ENABLED)).facts();
    Finding finding = only(rule, facts);
    assertThat(finding.link()).isEqualTo(Link.VERSION);
    assertThat(finding.detail()).startsWith("The reference pins version 2 of secret projects/team-a/secrets/npm-token,"
        + " which is DISABLED and scheduled to be destroyed at 2026-12-08T00:00:00Z");
    assertThat(finding.fix()).endsWith("--remote-password-secret-version=projects/team-a/secrets/npm-token/versions/3");
    // Secret Manager disables a version when it schedules its destruction: both are said
    assertThat(new Judge().judge(facts, SETTINGS).findings()).extracting(Finding::rule)
        .containsExactly(RuleIds.SECRET_VERSION_DESTROY_SCHEDULED, RuleIds.SECRET_VERSION_DISABLED);
  }

  @Test
  void withNoOtherEnabledVersionTheFixEnablesItWhichCancelsTheDestruction() {
    Finding finding = only(rule, healthy()
        .secret(new Secret(TEAM_A, "npm-token").version(1, VersionState.DISABLED).destroyScheduled(2, IN_A_WEEK))
        .facts());
    assertThat(finding.fix()).isEqualTo("gcloud secrets versions enable 2 --secret=npm-token --project=team-a");
  }

  @Test
  void notReportedOnceDestroyedOrForAnotherVersion() {
    assertThat(findings(rule, healthy().facts())).isEmpty();
    assertThat(findings(rule, healthy().secret(npmToken().destroyScheduled(1, IN_A_WEEK)).facts())).isEmpty();
    assertThat(findings(rule, healthy()
        .secret(npmToken().version(2, VersionState.DESTROYED, IN_A_WEEK).version(3, VersionState.ENABLED)).facts()))
        .isEmpty();
  }
}
