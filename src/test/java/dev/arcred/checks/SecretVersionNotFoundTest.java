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

class SecretVersionNotFoundTest {
  private final Rule rule = new SecretVersionNotFound();

  @Test
  void pinnedToAVersionThatNeverExisted() {
    Finding finding = only(rule, healthy().reference("projects/team-a/secrets/npm-token/versions/7").facts());
    assertThat(finding.link()).isEqualTo(Link.VERSION);
    assertThat(finding.detail()).startsWith(
        "Version 7 of secret projects/team-a/secrets/npm-token does not exist (versions: 1 DISABLED, 2 ENABLED)");
    assertThat(finding.fix()).endsWith(" --remote-username=ci-reader"
        + " --remote-password-secret-version=projects/team-a/secrets/npm-token/versions/2");
  }

  @Test
  void anAliasNamingNothingIsNotFoundAndFloating() {
    var facts = healthy().reference("projects/team-a/secrets/npm-token/versions/prod").facts();
    assertThat(only(rule, facts).detail()).startsWith("Secret projects/team-a/secrets/npm-token has no alias prod");
    assertThat(new Judge().judge(facts, SETTINGS).findings()).extracting(Finding::rule)
        .containsExactly(RuleIds.SECRET_VERSION_FLOATING, RuleIds.SECRET_VERSION_NOT_FOUND);
  }

  @Test
  void anAliasNamingAVersionThatDoesNotExist() {
    Finding finding = only(rule, healthy().reference("projects/team-a/secrets/npm-token/versions/prod")
        .secret(npmToken().alias("prod", 9)).facts());
    assertThat(finding.detail()).startsWith("The alias prod of secret projects/team-a/secrets/npm-token names version"
        + " 9, which does not exist");
  }

  @Test
  void latestOfASecretWithoutVersionsNamesNothingAndThereIsNothingToPointAt() {
    Finding finding = only(rule, healthy().reference("projects/team-a/secrets/npm-token/versions/latest")
        .secret(new Secret(TEAM_A, "npm-token")).facts());
    assertThat(finding.detail()).startsWith("Secret projects/team-a/secrets/npm-token has no versions, so latest"
        + " names nothing (versions: none)");
    assertThat(finding.fix()).isEmpty();
  }

  @Test
  void aNumberTooLargeForALongIsNotFoundRatherThanACrash() {
    Finding finding = only(rule,
        healthy().reference("projects/team-a/secrets/npm-token/versions/99999999999999999999").facts());
    assertThat(finding.detail()).startsWith("Version 99999999999999999999 of secret");
  }

  @Test
  void notReportedWhenTheReferenceResolves() {
    assertThat(findings(rule, healthy().facts())).isEmpty();
    assertThat(findings(rule, healthy().reference("projects/team-a/secrets/npm-token/versions/1").facts())).isEmpty();
    assertThat(findings(rule, healthy().reference("projects/team-a/secrets/npm-token/versions/prod")
        .secret(npmToken().alias("prod", 1)).facts())).isEmpty();
    // latest is the newest version whatever its state: DISABLED, not NOT_FOUND
    assertThat(findings(rule, healthy().reference("projects/team-a/secrets/npm-token/versions/latest")
        .secret(npmToken().version(3, VersionState.DISABLED)).facts())).isEmpty();
  }

  @Test
  void notReportedWhenTheSecretIsMissing() {
    assertThat(findings(rule, healthy().reference("projects/team-a/secrets/npm-token/versions/7").secretMissing()
        .facts())).isEmpty();
  }
}
