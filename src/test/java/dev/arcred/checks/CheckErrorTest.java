package dev.arcred.checks;

import static dev.arcred.checks.Field.FOLDER;
import static dev.arcred.checks.Field.NPM_TOKEN;
import static dev.arcred.checks.Field.ORG;
import static dev.arcred.checks.Field.SETTINGS;
import static dev.arcred.checks.Field.TEAM_A;
import static dev.arcred.checks.Field.findings;
import static dev.arcred.checks.Field.healthy;
import static dev.arcred.checks.Field.npmToken;
import static dev.arcred.checks.Field.on;
import static dev.arcred.checks.Field.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arcred.model.Finding;
import dev.arcred.model.Link;
import dev.arcred.model.RepositoryResult;
import dev.arcred.model.RuleIds;
import dev.arcred.model.Status;
import dev.arcred.model.VersionState;
import org.junit.jupiter.api.Test;

class CheckErrorTest {
  private static final String DENIED = "PERMISSION_DENIED: Permission 'secretmanager.secrets.get' denied";
  private final Rule rule = new CheckError();

  @Test
  void unreadableCredentialsAreTheOnlyFinding() {
    // the rest of the chain says everything is wrong; none of it can be judged
    var facts = healthy().credentialsFailed("ArtifactRegistry.ListRepositories", "UNAVAILABLE after 5 attempts.")
        .secretMissing().policies(on(NPM_TOKEN), on(FOLDER), on(ORG)).facts();
    Finding finding = only(rule, facts);
    assertThat(finding.link()).isEqualTo(Link.CREDENTIALS);
    assertThat(finding.detail()).isEqualTo("Could not read the repository's upstream credentials:"
        + " ArtifactRegistry.ListRepositories failed: UNAVAILABLE after 5 attempts. Nothing else about this"
        + " repository could be judged.");
    RepositoryResult result = new Judge().judge(facts, SETTINGS);
    assertThat(result.findings()).extracting(Finding::rule).containsExactly(RuleIds.CHECK_ERROR);
    assertThat(result.status()).isEqualTo(Status.UNKNOWN);
  }

  @Test
  void anUnreadableSecretIsNotAMissingOne() {
    var facts = healthy().secretFailed("SecretManagerService.GetSecret", DENIED).facts();
    Finding finding = only(rule, facts);
    assertThat(finding.link()).isEqualTo(Link.SECRET);
    assertThat(finding.detail()).startsWith("Could not read secret projects/team-a/secrets/npm-token and its versions:"
        + " SecretManagerService.GetSecret failed: " + DENIED + ".");
    assertThat(new Judge().judge(facts, SETTINGS).findings()).extracting(Finding::rule)
        .containsExactly(RuleIds.CHECK_ERROR);
  }

  @Test
  void anUnreadablePolicyIsNoVerdictOnAccessButVersionsAreStillJudged() {
    var facts = healthy().secret(npmToken().version(3, VersionState.ENABLED))
        .policyFailed("AssetService.BatchGetEffectiveIamPolicies", "RESOURCE_EXHAUSTED").facts();
    assertThat(only(rule, facts).link()).isEqualTo(Link.ACCESS);
    RepositoryResult result = new Judge().judge(facts, SETTINGS);
    assertThat(result.findings()).extracting(Finding::rule)
        .containsExactly(RuleIds.CHECK_ERROR, RuleIds.SECRET_VERSION_SUPERSEDED);
    assertThat(result.status()).isEqualTo(Status.UNKNOWN);
  }

  @Test
  void oneFindingPerUnreadableLink() {
    var facts = healthy().secretFailed("SecretManagerService.GetSecret", DENIED)
        .policyFailed("SecretManagerService.GetIamPolicy", DENIED).facts();
    assertThat(findings(rule, facts)).extracting(Finding::link).containsExactly(Link.SECRET, Link.ACCESS);
  }

  /** team-a's repository with these credentials and nothing read past them. */
  private static Field.Remote readUpToCredentials(String reference) {
    return new Field.Remote("team-a", TEAM_A, "npmjs-proxy").credentials("ci-reader", reference);
  }

  @Test
  void aLinkTheChainReachedButNobodyReadIsNeverOk() {
    Finding secret = only(rule, readUpToCredentials("projects/team-a/secrets/npm-token/versions/2").facts());
    assertThat(secret.link()).isEqualTo(Link.SECRET);
    assertThat(secret.detail()).contains("it was not read although the chain reached it");
    var policyUnread = readUpToCredentials("projects/team-a/secrets/npm-token/versions/2").secret(npmToken()).facts();
    assertThat(only(rule, policyUnread).link()).isEqualTo(Link.ACCESS);
    assertThat(new Judge().judge(policyUnread, SETTINGS).status()).isEqualTo(Status.UNKNOWN);
  }

  @Test
  void linksPastTheEndOfTheChainAreRightlyLeftUnread() {
    assertThat(findings(rule, readUpToCredentials(null).facts())).isEmpty();
    assertThat(findings(rule, readUpToCredentials("projects/team-a/secrets/npm-token/versions/01").facts())).isEmpty();
    // a missing secret has no policy to read
    assertThat(findings(rule, readUpToCredentials("projects/team-a/secrets/nope/versions/1").secretMissing().facts()))
        .isEmpty();
  }

  @Test
  void notReportedWhenEverythingWasRead() {
    assertThat(findings(rule, healthy().facts())).isEmpty();
    assertThat(findings(rule, healthy().secretMissing().facts())).as("missing is an answer, not a failure").isEmpty();
  }
}
