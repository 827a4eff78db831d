package dev.arcred.checks;

import static dev.arcred.checks.Field.ACCESSOR;
import static dev.arcred.checks.Field.FOLDER;
import static dev.arcred.checks.Field.NPM_TOKEN;
import static dev.arcred.checks.Field.ORG;
import static dev.arcred.checks.Field.TEAM_A;
import static dev.arcred.checks.Field.agent;
import static dev.arcred.checks.Field.findings;
import static dev.arcred.checks.Field.grant;
import static dev.arcred.checks.Field.grantIf;
import static dev.arcred.checks.Field.healthy;
import static dev.arcred.checks.Field.on;
import static dev.arcred.checks.Field.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arcred.model.Binding;
import dev.arcred.model.Finding;
import dev.arcred.model.Link;
import org.junit.jupiter.api.Test;

class ServiceAgentConditionalAccessTest {
  private static final String WEEKDAYS = "request.time.getDayOfWeek() < 5";
  private final Rule rule = new ServiceAgentConditionalAccess();

  private static Field.Remote onTheSecret(Binding... bindings) {
    return healthy().policies(on(NPM_TOKEN, bindings), on("projects/" + TEAM_A), on(FOLDER), on(ORG));
  }

  @Test
  void theAgentsOnlyGrantIsConditional() {
    Finding finding = only(rule, onTheSecret(grantIf(WEEKDAYS, ACCESSOR, agent(TEAM_A))).facts());
    assertThat(finding.link()).isEqualTo(Link.ACCESS);
    assertThat(finding.detail()).startsWith("The repository's service agent"
        + " service-300000000001@gcp-sa-artifactregistry.iam.gserviceaccount.com reads secret"
        + " projects/team-a/secrets/npm-token only under conditions: roles/secretmanager.secretAccessor on"
        + " projects/300000000001/secrets/npm-token (condition \"request.time.getDayOfWeek() < 5\").");
    assertThat(finding.fix()).isEqualTo("gcloud secrets add-iam-policy-binding npm-token --project=team-a"
        + " --member=serviceAccount:service-300000000001@gcp-sa-artifactregistry.iam.gserviceaccount.com"
        + " --role=roles/secretmanager.secretAccessor --condition=None");
  }

  @Test
  void conditionalGrantsOnTheFolderCountToo() {
    var facts = healthy().policies(on(NPM_TOKEN), on("projects/" + TEAM_A),
        on(FOLDER, grantIf(WEEKDAYS, "roles/owner", agent(TEAM_A))), on(ORG)).facts();
    assertThat(only(rule, facts).detail()).contains("roles/owner on folders/200000000001 (condition");
  }

  @Test
  void notReportedWithOneUnconditionalGrant() {
    assertThat(findings(rule, healthy().facts())).isEmpty();
    assertThat(findings(rule, onTheSecret(grantIf(WEEKDAYS, ACCESSOR, agent(TEAM_A)),
        grant(ACCESSOR, agent(TEAM_A))).facts())).isEmpty();
  }

  @Test
  void notReportedWithoutAnyGrantingBinding() {
    // no access at all is SERVICE_AGENT_NO_ACCESS's, even when a conditional non-granting role is there
    assertThat(findings(rule, onTheSecret().facts())).isEmpty();
    assertThat(findings(rule, onTheSecret(grantIf(WEEKDAYS, "roles/secretmanager.viewer", agent(TEAM_A))).facts()))
        .isEmpty();
  }
}
