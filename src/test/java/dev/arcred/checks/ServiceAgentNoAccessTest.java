package dev.arcred.checks;

import static dev.arcred.checks.Field.ACCESSOR;
import static dev.arcred.checks.Field.FOLDER;
import static dev.arcred.checks.Field.NPM_TOKEN;
import static dev.arcred.checks.Field.ORG;
import static dev.arcred.checks.Field.SETTINGS;
import static dev.arcred.checks.Field.TEAM_A;
import static dev.arcred.checks.Field.agent;
import static dev.arcred.checks.Field.findings;
import static dev.arcred.checks.Field.grant;
import static dev.arcred.checks.Field.grantIf;
import static dev.arcred.checks.Field.healthy;
import static dev.arcred.checks.Field.on;
import static dev.arcred.checks.Field.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arcred.checks.Field.Secret;
import dev.arcred.model.AttachedPolicy;
import dev.arcred.model.Finding;
import dev.arcred.model.Link;
import dev.arcred.model.RuleIds;
import dev.arcred.model.VersionState;
import org.junit.jupiter.api.Test;

class ServiceAgentNoAccessTest {
  private static final String PROJECT = "projects/" + TEAM_A;
  private static final String CUSTOM = "projects/team-a/roles/tokenReader";
  private final Rule rule = new ServiceAgentNoAccess();

  private static Field.Remote policies(AttachedPolicy secret, AttachedPolicy project, AttachedPolicy folder) {
    return healthy().policies(secret, project, folder, on(ORG));
  }

  @Test
  void noBindingAtAll() {
    Finding finding = only(rule, policies(on(NPM_TOKEN), on(PROJECT), on(FOLDER)).facts());
    assertThat(finding.link()).isEqualTo(Link.ACCESS);
    assertThat(finding.detail()).isEqualTo("No binding in the effective allow policy of secret"
        + " projects/team-a/secrets/npm-token gives the repository's service agent"
        + " service-300000000001@gcp-sa-artifactregistry.iam.gserviceaccount.com a role with"
        + " secretmanager.versions.access: Artifact Registry cannot read the token, so pulls of private packages fail.");
    assertThat(finding.fix()).isEqualTo("gcloud secrets add-iam-policy-binding npm-token --project=team-a"
        + " --member=serviceAccount:service-300000000001@gcp-sa-artifactregistry.iam.gserviceaccount.com"
        + " --role=roles/secretmanager.secretAccessor");
  }

  @Test
  void editorOnTheProjectDoesNotGrantIt() {
    Finding finding = only(rule,
        policies(on(NPM_TOKEN), on(PROJECT, grant("roles/editor", agent(TEAM_A))), on(FOLDER)).facts());
    assertThat(finding.detail()).contains("It holds only roles without that permission: roles/editor on projects/300000000001.");
  }

  @Test
  void secretVersionManagerDoesNotGrantIt() {
    assertThat(findings(rule, policies(on(NPM_TOKEN, grant("roles/secretmanager.secretVersionManager",
        agent(TEAM_A))), on(PROJECT), on(FOLDER)).facts())).hasSize(1);
  }

  @Test
  void grantsAnywhereInTheEffectivePolicyCount() {
    assertThat(findings(rule, policies(on(NPM_TOKEN), on(PROJECT), on(FOLDER, grant(ACCESSOR, agent(TEAM_A))))
        .facts())).as("accessor on the folder").isEmpty();
    assertThat(findings(rule, healthy().policies(on(NPM_TOKEN), on(PROJECT), on(FOLDER),
        on(ORG, grant("roles/owner", agent(TEAM_A)))).facts())).as("owner on the organization").isEmpty();
    assertThat(findings(rule, policies(on(NPM_TOKEN, grant("roles/secretmanager.admin", agent(TEAM_A))), on(PROJECT),
        on(FOLDER)).facts())).as("admin on the secret").isEmpty();
  }

  @Test
  void aCustomRoleGrantsItOnlyWithThePermission() {
    var granted = policies(on(NPM_TOKEN, grant(CUSTOM, agent(TEAM_A))), on(PROJECT), on(FOLDER));
    assertThat(findings(rule, granted.customRole(CUSTOM, "secretmanager.versions.access").facts())).isEmpty();
    var notGranted = policies(on(NPM_TOKEN, grant(CUSTOM, agent(TEAM_A))), on(PROJECT), on(FOLDER));
    assertThat(findings(rule, notGranted.customRole(CUSTOM, "secretmanager.secrets.get").facts())).hasSize(1);
    var unread = policies(on(NPM_TOKEN, grant(CUSTOM, agent(TEAM_A))), on(PROJECT), on(FOLDER));
    assertThat(only(rule, unread.facts()).detail())
        .contains("projects/team-a/roles/tokenReader on projects/300000000001/secrets/npm-token (a custom role whose"
            + " permissions were not read)");
  }

  @Test
  void anotherProjectsAgentIsNotThisRepositorysAgent() {
    Finding finding = only(rule,
        policies(on(NPM_TOKEN, grant(ACCESSOR, agent("300000000009"))), on(PROJECT), on(FOLDER)).facts());
    assertThat(finding.detail()).contains("Other projects' agents can read it"
        + " (service-300000000009@gcp-sa-artifactregistry.iam.gserviceaccount.com); this repository's project is"
        + " team-a, number 300000000001.");
  }

  @Test
  void theAgentIsTheRepositorysProjectsNotTheSecrets() {
    // cross-project-secret: team-d's repository reads a token in shared-secrets, referenced by project ID
    var secret = new Secret("300000000009", "npm-read").version(1, VersionState.ENABLED);
    String npmRead = "projects/300000000009/secrets/npm-read";
    var teamD = healthy().project("team-d", "300000000004").repositoryId("npm-remote")
        .reference("projects/shared-secrets/secrets/npm-read/versions/1").secret(secret);
    assertThat(findings(rule, teamD.policies(on(npmRead, grant(ACCESSOR, agent("300000000009"), agent("300000000004"))),
        on("projects/300000000009"), on(FOLDER), on(ORG)).facts())).isEmpty();
    Finding teamC = only(rule, teamD.project("team-c", "300000000003").facts());
    assertThat(teamC.fix()).isEqualTo("gcloud secrets add-iam-policy-binding npm-read --project=shared-secrets"
        + " --member=serviceAccount:service-300000000003@gcp-sa-artifactregistry.iam.gserviceaccount.com"
        + " --role=roles/secretmanager.secretAccessor");
  }

  @Test
  void membersAreComparedAsIamDoesIgnoringCase() {
    assertThat(findings(rule, policies(on(NPM_TOKEN, grant(ACCESSOR,
        "serviceAccount:Service-300000000001@GCP-SA-ArtifactRegistry.iam.gserviceaccount.com")), on(PROJECT),
        on(FOLDER)).facts())).isEmpty();
  }

  @Test
  void groupsAreNotExpandedAndTheDetailSaysSo() {
    Finding finding = only(rule, policies(on(NPM_TOKEN, grant(ACCESSOR, "group:registry-agents@example.org")),
        on(PROJECT), on(FOLDER)).facts());
    assertThat(finding.detail()).contains("Groups and domains are not expanded: group:registry-agents@example.org holds"
        + " roles/secretmanager.secretAccessor on projects/300000000001/secrets/npm-token.");
  }

  @Test
  void conditionalBindingsOnTheSecretMakeTheFixUnconditionalExplicitly() {
    Finding finding = only(rule, policies(on(NPM_TOKEN, grantIf("expires 2027", ACCESSOR, "user:ops@example.org")),
        on(PROJECT), on(FOLDER)).facts());
    assertThat(finding.fix()).endsWith(" --role=roles/secretmanager.secretAccessor --condition=None");
  }

  @Test
  void aConditionalOnlyGrantIsConditionalAccessInstead() {
    var facts = policies(on(NPM_TOKEN, grantIf("office hours", ACCESSOR, agent(TEAM_A))), on(PROJECT), on(FOLDER))
        .facts();
    assertThat(findings(rule, facts)).isEmpty();
    assertThat(new Judge().judge(facts, SETTINGS).findings()).extracting(Finding::rule)
        .containsExactly(RuleIds.SERVICE_AGENT_CONDITIONAL_ACCESS);
  }

  @Test
  void notReportedWhenThePolicyWasNotReadOrTheSecretIsMissing() {
    assertThat(findings(rule, healthy().facts())).isEmpty();
    var noGrant = policies(on(NPM_TOKEN), on(PROJECT), on(FOLDER));
    assertThat(findings(rule, noGrant.secretMissing().facts())).isEmpty();
    assertThat(findings(rule, noGrant.policyFailed("AssetService.BatchGetEffectiveIamPolicies", "UNAVAILABLE")
        .facts())).isEmpty();
  }
}
