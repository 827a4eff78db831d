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
import org.junit.jupiter.api.Test;

class SecretVersionDisabledTest {
  private final Rule rule = new SecretVersionDisabled();

  @Test
  void pinnedToADisabledVersionWhileANewerOneIsEnabled() {
    Finding finding = only(rule, healthy().reference("projects/team-a/secrets/npm-token/versions/1").facts());
    assertThat(finding.link()).isEqualTo(Link.VERSION);
    assertThat(finding.detail()).startsWith("The reference pins version 1 of secret projects/team-a/secrets/npm-token,"
        + " which is DISABLED").contains("Point the repository at version 2, the newest ENABLED one.");
    assertThat(finding.fix()).endsWith("--remote-password-secret-version=projects/team-a/secrets/npm-token/versions/2");
  }

  @Test
  void latestWhoseNewestVersionIsDisabledWhileAnOlderIsEnabled() {
    var facts = healthy().reference("projects/team-a/secrets/npm-token/versions/latest")
        .secret(npmToken().version(3, VersionState.DISABLED)).facts();
    Finding finding = only(rule, facts);
    assertThat(finding.detail()).startsWith("The reference follows the alias latest of secret"
        + " projects/team-a/secrets/npm-token, now version 3, which is DISABLED");
    assertThat(finding.fix()).endsWith("--remote-password-secret-version=projects/team-a/secrets/npm-token/versions/2");
    assertThat(new Judge().judge(facts, SETTINGS).findings()).extracting(Finding::rule)
        .containsExactly(RuleIds.SECRET_VERSION_DISABLED, RuleIds.SECRET_VERSION_FLOATING);
  }

  @Test
  void withNoEnabledVersionTheFixEnablesThisOne() {
    Finding finding = only(rule, healthy().reference("projects/team-a/secrets/npm-token/versions/1")
        .secret(new Secret(TEAM_A, "npm-token").version(1, VersionState.DISABLED)).facts());
    assertThat(finding.detail()).contains("No version is ENABLED");
    assertThat(finding.fix()).isEqualTo("gcloud secrets versions enable 1 --secret=npm-token --project=team-a");
  }

  @Test
  void notReportedForEnabledOrDestroyedVersions() {
    assertThat(findings(rule, healthy().facts())).isEmpty();
    assertThat(findings(rule, healthy().secret(npmToken().version(1, VersionState.DESTROYED))
        .reference("projects/team-a/secrets/npm-token/versions/1").facts())).isEmpty();
  }

  @Test
  void notReportedWhenTheSecretIsMissing() {
    assertThat(findings(rule, healthy().reference("projects/team-a/secrets/npm-token/versions/1").secretMissing()
        .facts())).isEmpty();
  }
}
