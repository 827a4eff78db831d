package dev.arcred.checks;

import static dev.arcred.checks.Field.TEAM_A;
import static dev.arcred.checks.Field.findings;
import static dev.arcred.checks.Field.healthy;
import static dev.arcred.checks.Field.npmToken;
import static dev.arcred.checks.Field.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arcred.checks.Field.Secret;
import dev.arcred.model.Finding;
import dev.arcred.model.Link;
import dev.arcred.model.VersionState;
import org.junit.jupiter.api.Test;

class SecretVersionFloatingTest {
  private static final String LATEST = "projects/team-a/secrets/npm-token/versions/latest";
  private final Rule rule = new SecretVersionFloating();

  @Test
  void latestIsPinnedWhereItPointsToday() {
    Finding finding = only(rule, healthy().reference(LATEST).facts());
    assertThat(finding.link()).isEqualTo(Link.VERSION);
    assertThat(finding.detail()).startsWith("The reference follows the alias latest of secret"
        + " projects/team-a/secrets/npm-token (now version 2, ENABLED) instead of a version number");
    assertThat(finding.fix()).endsWith("--remote-password-secret-version=projects/team-a/secrets/npm-token/versions/2");
  }

  @Test
  void latestOnADisabledNewestVersionIsPinnedToTheNewestEnabled() {
    Finding finding = only(rule, healthy().reference(LATEST).secret(npmToken().version(3, VersionState.DISABLED))
        .facts());
    assertThat(finding.detail()).contains("(now version 3, DISABLED)").contains("Pin version 2.");
    assertThat(finding.fix()).endsWith("/secrets/npm-token/versions/2");
  }

  @Test
  void anotherAliasResolvesThroughTheSecretsAliases() {
    Finding finding = only(rule, healthy().reference("projects/team-a/secrets/npm-token/versions/stable")
        .secret(npmToken().version(3, VersionState.ENABLED).alias("stable", 2)).facts());
    assertThat(finding.detail()).contains("alias stable").contains("(now version 2, ENABLED)");
    assertThat(finding.fix()).endsWith("/secrets/npm-token/versions/2");
  }

  @Test
  void anAliasNamingNothing() {
    assertThat(only(rule, healthy().reference("projects/team-a/secrets/npm-token/versions/stable").facts()).detail())
        .contains("(now naming no version)");
    Finding nothingToPin = only(rule, healthy().reference(LATEST)
        .secret(new Secret(TEAM_A, "npm-token").version(1, VersionState.DESTROYED)).facts());
    assertThat(nothingToPin.fix()).isEmpty();
  }

  @Test
  void notReportedWhenPinnedOrWhenTheSecretIsMissing() {
    assertThat(findings(rule, healthy().facts())).isEmpty();
    assertThat(findings(rule, healthy().reference(LATEST).secretMissing().facts())).isEmpty();
  }
}
