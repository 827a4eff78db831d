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

class SecretPublicTest {
  private static final String CUSTOM = "organizations/100000000001/roles/npmTokenReader";
  private final Rule rule = new SecretPublic();

  private static Field.Remote withSecretBindings(Binding... extra) {
    Binding[] bindings = new Binding[extra.length + 1];
    bindings[0] = grant(ACCESSOR, agent(TEAM_A));
    System.arraycopy(extra, 0, bindings, 1, extra.length);
    return healthy().policies(on(NPM_TOKEN, bindings), on("projects/" + TEAM_A), on(FOLDER), on(ORG));
  }

  @Test
  void allUsersCanReadTheToken() {
    Finding finding = only(rule, withSecretBindings(grant(ACCESSOR, "allUsers")).facts());
    assertThat(finding.link()).isEqualTo(Link.ACCESS);
    assertThat(finding.detail()).isEqualTo("Anyone can read the upstream token in secret"
        + " projects/team-a/secrets/npm-token: allUsers holds roles/secretmanager.secretAccessor on"
        + " projects/300000000001/secrets/npm-token. Remove these bindings and rotate the token.");
    assertThat(finding.fix()).isEqualTo("gcloud secrets remove-iam-policy-binding npm-token --project=300000000001"
        + " --member=allUsers --role=roles/secretmanager.secretAccessor");
  }

  @Test
  void allAuthenticatedUsersAsOwnerOfTheProject() {
    Finding finding = only(rule, healthy().policies(on(NPM_TOKEN, grant(ACCESSOR, agent(TEAM_A))),
        on("projects/" + TEAM_A, grant("roles/owner", "allAuthenticatedUsers")), on(FOLDER), on(ORG)).facts());
    assertThat(finding.fix()).isEqualTo("gcloud projects remove-iam-policy-binding 300000000001"
        + " --member=allAuthenticatedUsers --role=roles/owner");
  }

  @Test
  void aConditionalPublicGrantIsPublicAndRemovedWithAll() {
    Finding finding = only(rule, withSecretBindings(grantIf("office hours", ACCESSOR, "allUsers")).facts());
    assertThat(finding.detail()).contains("(condition \"office hours\")");
    assertThat(finding.fix()).endsWith(" --member=allUsers --role=roles/secretmanager.secretAccessor --all");
  }

  @Test
  void everyPublicGrantIsRemoved() {
    Finding finding = only(rule, withSecretBindings(grant(ACCESSOR, "allUsers", "allAuthenticatedUsers")).facts());
    assertThat(finding.fix().split(" && ")).containsExactly(
        "gcloud secrets remove-iam-policy-binding npm-token --project=300000000001 --member=allUsers"
            + " --role=roles/secretmanager.secretAccessor",
        "gcloud secrets remove-iam-policy-binding npm-token --project=300000000001 --member=allAuthenticatedUsers"
            + " --role=roles/secretmanager.secretAccessor");
  }

  @Test
  void aCustomRoleCountsOnlyWithThePermission() {
    var withPermission = withSecretBindings(grant(CUSTOM, "allUsers"))
        .customRole(CUSTOM, "secretmanager.versions.access", "secretmanager.versions.get");
    assertThat(findings(rule, withPermission.facts())).hasSize(1);
    var without = withSecretBindings(grant(CUSTOM, "allUsers")).customRole(CUSTOM, "secretmanager.versions.get");
    assertThat(findings(rule, without.facts())).isEmpty();
  }

  @Test
  void notReportedForNonGrantingRolesOrUnreadPolicies() {
    assertThat(findings(rule, healthy().facts())).isEmpty();
    assertThat(findings(rule, withSecretBindings(grant("roles/secretmanager.viewer", "allUsers")).facts())).isEmpty();
    assertThat(findings(rule, withSecretBindings(grant(ACCESSOR, "allUsers"))
        .policyFailed("AssetService.BatchGetEffectiveIamPolicies", "UNAVAILABLE").facts())).isEmpty();
    assertThat(findings(rule, withSecretBindings(grant(ACCESSOR, "allUsers")).secretMissing().facts())).isEmpty();
  }
}
