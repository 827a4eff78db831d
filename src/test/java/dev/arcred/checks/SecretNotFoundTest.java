package dev.arcred.checks;

import static dev.arcred.checks.Field.FOLDER;
import static dev.arcred.checks.Field.NPM_TOKEN;
import static dev.arcred.checks.Field.ORG;
import static dev.arcred.checks.Field.SETTINGS;
import static dev.arcred.checks.Field.findings;
import static dev.arcred.checks.Field.healthy;
import static dev.arcred.checks.Field.on;
import static dev.arcred.checks.Field.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arcred.model.Finding;
import dev.arcred.model.Link;
import dev.arcred.model.RepositoryResult;
import dev.arcred.model.RuleIds;
import dev.arcred.model.Status;
import org.junit.jupiter.api.Test;

class SecretNotFoundTest {
  private final Rule rule = new SecretNotFound();

  @Test
  void aReferenceToASecretThatDoesNotExist() {
    Finding finding = only(rule, healthy().reference("projects/team-a/secrets/nope/versions/1").secretMissing().facts());
    assertThat(finding.link()).isEqualTo(Link.SECRET);
    assertThat(finding.detail()).startsWith("Secret projects/team-a/secrets/nope does not exist (NOT_FOUND: ");
    assertThat(finding.fix()).as("which secret was meant is a person's choice").isEmpty();
  }

  @Test
  void aMissingSecretEndsTheChain() {
    // a policy with no grant at all: were the chain not ended, SERVICE_AGENT_NO_ACCESS would fire
    RepositoryResult result = new Judge().judge(
        healthy().reference("projects/team-a/secrets/npm-token/versions/latest").secretMissing()
            .policies(on(NPM_TOKEN), on(FOLDER), on(ORG)).facts(),
        SETTINGS);
    assertThat(result.findings()).extracting(Finding::rule).containsExactly(RuleIds.SECRET_NOT_FOUND);
    assertThat(result.status()).isEqualTo(Status.FAIL);
  }

  @Test
  void notReportedWhenTheSecretExistsOrCouldNotBeRead() {
    assertThat(findings(rule, healthy().facts())).isEmpty();
    assertThat(findings(rule, healthy().secretFailed("SecretManagerService.GetSecret", "PERMISSION_DENIED").facts()))
        .isEmpty();
  }

  @Test
  void notReportedWhenTheReferenceIsMalformed() {
    assertThat(findings(rule, healthy().reference("projects/team-a/secrets/nope").secretMissing().facts())).isEmpty();
  }
}
