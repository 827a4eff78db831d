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

import dev.arcred.model.Finding;
import dev.arcred.model.Link;
import dev.arcred.model.RuleIds;
import org.junit.jupiter.api.Test;

class ServiceAgentBroadAccessTest {
  private static final String PROJECT = "projects/" + TEAM_A;
  private static final String MEMBER = agent(TEAM_A);
  private final Rule rule = new ServiceAgentBroadAccess();

  @Test
  void accessorOnTheFolderIsBroadNotMissing() {
    var facts = healthy().policies(on(NPM_TOKEN), on(PROJECT), on(FOLDER, grant(ACCESSOR, MEMBER)), on(ORG)).facts();
    Finding finding = only(rule, facts);
    assertThat(finding.link()).isEqualTo(Link.ACCESS);
    assertThat(finding.detail()).startsWith("The repository's service agent"
        + " service-300000000001@gcp-sa-artifactregistry.iam.gserviceaccount.com holds"
        + " roles/secretmanager.secretAccessor on folders/200000000001: it can read every secret below");
    assertThat(finding.fix().split(" && ")).containsExactly(
        "gcloud secrets add-iam-policy-binding npm-token --project=team-a --member=" + MEMBER
            + " --role=roles/secretmanager.secretAccessor",
        "gcloud resource-manager folders remove-iam-policy-binding 200000000001 --member=" + MEMBER
            + " --role=roles/secretmanager.secretAccessor");
    assertThat(new Judge().judge(facts, SETTINGS).findings()).extracting(Finding::rule)
        .containsExactly(RuleIds.SERVICE_AGENT_BROAD_ACCESS);
  }

  @Test
  void whenTheSecretAlreadyGrantsItOnlyTheBroadGrantIsRemoved() {
    Finding finding = only(rule, healthy().policies(on(NPM_TOKEN, grant(ACCESSOR, MEMBER)),
        on(PROJECT, grant("roles/owner", MEMBER)), on(FOLDER), on(ORG)).facts());
    assertThat(finding.fix()).isEqualTo("gcloud projects remove-iam-policy-binding 300000000001 --member=" + MEMBER
        + " --role=roles/owner");
  }

  @Test
  void aConditionalGrantOnTheOrganizationIsBroadToo() {
    Finding finding = only(rule, healthy().policies(on(NPM_TOKEN, grant(ACCESSOR, MEMBER)), on(PROJECT), on(FOLDER),
        on(ORG, grantIf("resource.name.startsWith('projects/300000000001')", ACCESSOR, MEMBER))).facts());
    assertThat(finding.fix()).isEqualTo("gcloud organizations remove-iam-policy-binding 100000000001 --member="
        + MEMBER + " --role=roles/secretmanager.secretAccessor --all");
  }

  @Test
  void notReportedForGrantsOnTheSecretOrNonGrantingBroadRoles() {
    assertThat(findings(rule, healthy().facts())).isEmpty();
    assertThat(findings(rule, healthy().policies(on(NPM_TOKEN, grant(ACCESSOR, MEMBER)),
        on(PROJECT, grant("roles/editor", MEMBER)), on(FOLDER), on(ORG)).facts())).isEmpty();
    assertThat(findings(rule, healthy().policies(on(NPM_TOKEN), on(PROJECT, grant(ACCESSOR, agent("300000000009"))),
        on(FOLDER), on(ORG)).facts())).as("another project's agent").isEmpty();
  }
}
