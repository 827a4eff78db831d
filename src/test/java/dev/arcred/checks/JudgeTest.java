package dev.arcred.checks;

import static dev.arcred.checks.Field.FOLDER;
import static dev.arcred.checks.Field.NPM_TOKEN;
import static dev.arcred.checks.Field.ORG;
import static dev.arcred.checks.Field.SETTINGS;
import static dev.arcred.checks.Field.healthy;
import static dev.arcred.checks.Field.npmToken;
import static dev.arcred.checks.Field.on;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arcred.model.Credentials;
import dev.arcred.model.Finding;
import dev.arcred.model.RepositoryResult;
import dev.arcred.model.RuleIds;
import dev.arcred.model.Status;
import dev.arcred.model.VersionState;
import java.util.List;
import org.junit.jupiter.api.Test;

class JudgeTest {
  private final Judge judge = new Judge();

  @Test
  void theHealthyBaselineIsOk() {
    RepositoryResult result = judge.judge(healthy().facts(), SETTINGS);
    assertThat(result.findings()).isEmpty();
    assertThat(result.status()).isEqualTo(Status.OK);
    assertThat(result.repository().name()).isEqualTo("projects/team-a/locations/us-central1/repositories/npmjs-proxy");
    assertThat(result.credentials())
        .isEqualTo(new Credentials("ci-reader", "projects/team-a/secrets/npm-token/versions/2"));
  }

  @Test
  void lowAndMediumFindingsWarn() {
    RepositoryResult result = judge.judge(
        healthy().reference("projects/team-a/secrets/npm-token/versions/latest").facts(), SETTINGS);
    assertThat(result.findings()).extracting(Finding::rule).containsExactly(RuleIds.SECRET_VERSION_FLOATING);
    assertThat(result.status()).isEqualTo(Status.WARN);
  }

  @Test
  void findingsComeSortedAndACriticalOneFails() {
    RepositoryResult result = judge.judge(healthy()
        .reference("projects/team-a/secrets/npm-token/versions/latest")
        .secret(npmToken().version(3, VersionState.DISABLED).expires(Field.NOW.plusSeconds(3600)))
        .policies(on(NPM_TOKEN), on(FOLDER), on(ORG)).facts(), SETTINGS);
    assertThat(result.findings()).extracting(Finding::rule).containsExactly(
        RuleIds.SECRET_EXPIRING, RuleIds.SECRET_VERSION_DISABLED, RuleIds.SECRET_VERSION_FLOATING,
        RuleIds.SERVICE_AGENT_NO_ACCESS);
    assertThat(result.status()).isEqualTo(Status.FAIL);
  }

  @Test
  void aMalformedReferenceEndsTheChain() {
    // facts past the reference that would each fire a rule, were the chain not ended
    RepositoryResult result = judge.judge(healthy().reference("projects/team-a/secrets/npm-token/versions/01")
        .secret(npmToken().expires(Field.NOW)).policies(on(NPM_TOKEN), on(FOLDER), on(ORG)).facts(), SETTINGS);
    assertThat(result.findings()).extracting(Finding::rule).containsExactly(RuleIds.SECRET_REFERENCE_INVALID);
  }

  @Test
  void aHalfSetPairWithAGoodReferenceIsStillFollowed() {
    RepositoryResult result = judge.judge(healthy().credentials(null, "projects/team-a/secrets/npm-token/versions/1")
        .facts(), SETTINGS);
    assertThat(result.findings()).extracting(Finding::rule)
        .containsExactly(RuleIds.CREDENTIALS_INCOMPLETE, RuleIds.SECRET_VERSION_DISABLED);
    assertThat(result.findings().get(1).fix()).contains("--remote-username=USERNAME");
  }

  @Test
  void unreadableCredentialsAreCarriedAsNone() {
    RepositoryResult result = judge.judge(
        healthy().credentialsFailed("ArtifactRegistry.ListRepositories", "DEADLINE_EXCEEDED").facts(), SETTINGS);
    assertThat(result.credentials()).isEqualTo(Credentials.NONE);
    assertThat(result.status()).isEqualTo(Status.UNKNOWN);
  }

  @Test
  void aJudgeAppliesOnlyItsRules() {
    var facts = healthy().credentials(null, null).facts();
    assertThat(new Judge(List.of(new CheckError())).judge(facts, SETTINGS).findings()).isEmpty();
    assertThat(judge.judge(facts, SETTINGS).findings()).extracting(Finding::rule)
        .containsExactly(RuleIds.CREDENTIALS_MISSING);
  }
}
