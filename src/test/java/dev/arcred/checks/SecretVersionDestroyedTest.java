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

class SecretVersionDestroyedTest {
  private final Rule rule = new SecretVersionDestroyed();

  @Test
  void pinnedToADestroyedVersion() {
    Finding finding = only(rule, healthy().reference("projects/team-a/secrets/npm-token/versions/1")
        .secret(npmToken().version(1, VersionState.DESTROYED)).facts());
    assertThat(finding.link()).isEqualTo(Link.VERSION);
    assertThat(finding.detail()).startsWith("The reference pins version 1 of secret projects/team-a/secrets/npm-token,"
        + " which is DESTROYED").contains("(versions: 1 DESTROYED, 2 ENABLED)");
    assertThat(finding.fix()).endsWith("--remote-password-secret-version=projects/team-a/secrets/npm-token/versions/2");
  }

  @Test
  void withNoEnabledVersionAPersonMustAddOne() {
    Finding finding = only(rule, healthy().reference("projects/team-a/secrets/npm-token/versions/latest")
        .secret(new Secret(TEAM_A, "npm-token").version(1, VersionState.DESTROYED)).facts());
    assertThat(finding.detail()).contains("gcloud secrets versions add");
    assertThat(finding.fix()).isEmpty();
  }

  @Test
  void notReportedForEnabledOrDisabledVersions() {
    assertThat(findings(rule, healthy().facts())).isEmpty();
    assertThat(findings(rule, healthy().reference("projects/team-a/secrets/npm-token/versions/1").facts())).isEmpty();
  }
}
