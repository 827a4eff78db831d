package dev.arcred.checks;

import static dev.arcred.checks.Field.findings;
import static dev.arcred.checks.Field.healthy;
import static dev.arcred.checks.Field.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arcred.model.Finding;
import dev.arcred.model.Link;
import org.junit.jupiter.api.Test;

class CredentialsIncompleteTest {
  private final Rule rule = new CredentialsIncomplete();

  @Test
  void usernameOnly() {
    Finding finding = only(rule, healthy().credentials("ci-reader", null).facts());
    assertThat(finding.link()).isEqualTo(Link.CREDENTIALS);
    assertThat(finding.detail()).startsWith("The upstream username \"ci-reader\" is set but no password secret");
    assertThat(finding.fix()).endsWith(" --remote-username=ci-reader"
        + " --remote-password-secret-version=projects/PROJECT/secrets/SECRET/versions/VERSION");
  }

  @Test
  void referenceOnlyKeepsTheReference() {
    Finding finding = only(rule, healthy().credentials("  ", "projects/team-a/secrets/npm-token/versions/2").facts());
    assertThat(finding.detail())
        .startsWith("The password secret version \"projects/team-a/secrets/npm-token/versions/2\" is set but no");
    assertThat(finding.fix()).endsWith(" --remote-username=USERNAME"
        + " --remote-password-secret-version=projects/team-a/secrets/npm-token/versions/2");
  }

  @Test
  void aMalformedReferenceIsNotCopiedIntoTheFix() {
    Finding finding = only(rule, healthy().credentials(null, "npm-token").facts());
    assertThat(finding.fix()).endsWith("--remote-password-secret-version=" + GcloudCommands.REFERENCE);
  }

  @Test
  void aHostileUsernameIsQuotedInTheFixAndEscapedInTheDetail() {
    Finding finding = only(rule, healthy().credentials("ci'; rm -rf ~ #\n\u202e\"", null).facts());
    assertThat(finding.fix()).contains(" --remote-username='ci'\\''; rm -rf ~ #\n\u202e\"' ");
    assertThat(finding.detail()).contains("\"ci'; rm -rf ~ #\\u000a\\u202e\\\"\"").doesNotContain("\n", "\u202e");
  }

  @Test
  void notReportedWithBothOrNeither() {
    assertThat(findings(rule, healthy().facts())).isEmpty();
    assertThat(findings(rule, healthy().credentials(null, " ").facts())).isEmpty();
    assertThat(findings(rule, healthy().credentialsFailed("ArtifactRegistry.GetRepository", "UNAVAILABLE").facts()))
        .isEmpty();
  }
}
