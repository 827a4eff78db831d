package dev.arcred.checks;

import static dev.arcred.checks.Field.findings;
import static dev.arcred.checks.Field.healthy;
import static dev.arcred.checks.Field.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arcred.model.Finding;
import dev.arcred.model.Link;
import org.junit.jupiter.api.Test;

class CredentialsMissingTest {
  private final Rule rule = new CredentialsMissing();

  @Test
  void anAnonymousNpmjsRemote() {
    Finding finding = only(rule, healthy().credentials(null, null).facts());
    assertThat(finding.link()).isEqualTo(Link.CREDENTIALS);
    assertThat(finding.detail()).contains("pulls from \"npmjs\" anonymously");
    assertThat(finding.fix()).isEqualTo("gcloud artifacts repositories update npmjs-proxy --project=team-a"
        + " --location=us-central1 --remote-username=USERNAME"
        + " --remote-password-secret-version=projects/PROJECT/secrets/SECRET/versions/VERSION");
  }

  @Test
  void blankAndWhitespaceCountAsNotSet() {
    assertThat(findings(rule, healthy().credentials("", " \t\n").facts())).hasSize(1);
    assertThat(findings(rule, healthy().credentials("   ", null).facts())).hasSize(1);
  }

  @Test
  void aCustomUpstreamIsNamed() {
    Finding finding = only(rule, healthy().upstream("https://npm.pkg.example.com").credentials(null, null).facts());
    assertThat(finding.detail()).contains("\"https://npm.pkg.example.com\"");
  }

  @Test
  void notReportedWhenEitherHalfIsSet() {
    assertThat(findings(rule, healthy().facts())).isEmpty();
    assertThat(findings(rule, healthy().credentials("ci-reader", null).facts())).isEmpty();
    assertThat(findings(rule, healthy().credentials(null, "projects/team-a/secrets/npm-token/versions/2").facts()))
        .isEmpty();
  }

  @Test
  void notReportedWhenTheCredentialsCouldNotBeRead() {
    assertThat(findings(rule,
        healthy().credentialsFailed("ArtifactRegistry.GetRepository", "PERMISSION_DENIED").facts())).isEmpty();
  }
}
