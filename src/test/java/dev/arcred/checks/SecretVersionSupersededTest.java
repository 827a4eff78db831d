package dev.arcred.checks;

import static dev.arcred.checks.Field.findings;
import static dev.arcred.checks.Field.healthy;
import static dev.arcred.checks.Field.npmToken;
import static dev.arcred.checks.Field.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arcred.model.Finding;
import dev.arcred.model.Link;
import dev.arcred.model.VersionState;
import org.junit.jupiter.api.Test;

class SecretVersionSupersededTest {
  private final Rule rule = new SecretVersionSuperseded();

  @Test
  void aRotationThatDidNotReachThisRepository() {
    Finding finding = only(rule, healthy().secret(npmToken().version(3, VersionState.ENABLED)).facts());
    assertThat(finding.link()).isEqualTo(Link.VERSION);
    assertThat(finding.detail()).startsWith("The reference pins version 2 of secret projects/team-a/secrets/npm-token,"
        + " but version 3 is newer and ENABLED");
    assertThat(finding.fix()).isEqualTo("gcloud artifacts repositories update npmjs-proxy --project=team-a"
        + " --location=us-central1 --remote-username=ci-reader"
        + " --remote-password-secret-version=projects/team-a/secrets/npm-token/versions/3");
  }

  @Test
  void theNewestEnabledIsTheTargetPastDisabledOnes() {
    Finding finding = only(rule, healthy().secret(npmToken().version(3, VersionState.ENABLED)
        .version(4, VersionState.DISABLED)).facts());
    assertThat(finding.detail()).contains("but version 3 is newer");
  }

  @Test
  void notReportedWhenNothingNewerIsEnabled() {
    assertThat(findings(rule, healthy().facts())).isEmpty();
    assertThat(findings(rule, healthy().secret(npmToken().version(3, VersionState.DISABLED)).facts())).isEmpty();
    assertThat(findings(rule, healthy().secret(npmToken().version(3, VersionState.DESTROYED)).facts())).isEmpty();
  }

  @Test
  void notReportedForANonEnabledPinOrAnAlias() {
    // pinned to DISABLED 1 while 2 is ENABLED: that is SECRET_VERSION_DISABLED's
    assertThat(findings(rule, healthy().reference("projects/team-a/secrets/npm-token/versions/1").facts())).isEmpty();
    assertThat(findings(rule, healthy().reference("projects/team-a/secrets/npm-token/versions/stable")
        .secret(npmToken().version(3, VersionState.ENABLED).alias("stable", 2)).facts())).isEmpty();
  }
}
