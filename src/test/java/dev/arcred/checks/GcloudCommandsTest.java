package dev.arcred.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arcred.model.Repository;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GcloudCommandsTest {
  private static final Repository REPO = Field.healthy().repository();

  @ParameterizedTest
  @ValueSource(strings = {"ci-reader", "projects/team-a/secrets/npm-token/versions/2",
      "serviceAccount:service-300000000001@gcp-sa-artifactregistry.iam.gserviceaccount.com", "a%b+c=d,e.f_g"})
  void plainTokensStayAsTheyAre(String value) {
    assertThat(GcloudCommands.quote(value)).isEqualTo(value);
  }

  @Test
  void everythingElseIsSingleQuoted() {
    assertThat(GcloudCommands.quote("ci reader")).isEqualTo("'ci reader'");
    assertThat(GcloudCommands.quote("it's")).isEqualTo("'it'\\''s'");
    assertThat(GcloudCommands.quote("")).isEqualTo("''");
    assertThat(GcloudCommands.quote("$(id)")).isEqualTo("'$(id)'");
  }

  /** The proof that matters: a POSIX shell hands the quoted word back unchanged, running nothing. */
  @ParameterizedTest
  @ValueSource(strings = {"x'; touch /tmp/arcred-pwned; echo '", "$(id)", "`id`", "a b\tc", "line\nbreak",
      "'", "''", "\\'", "*", "~root", "a;b|c&d", "-rf", "é ü", "\"dq\"", "!event"})
  void aShellReadsTheQuotedValueBackUnchanged(String hostile) throws IOException, InterruptedException {
    Process sh = new ProcessBuilder("sh", "-c", "printf '%s' " + GcloudCommands.quote(hostile))
        .redirectErrorStream(true).start();
    String echoed = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(sh.waitFor()).isZero();
    assertThat(echoed).isEqualTo(hostile);
  }

  @Test
  void updateCredentialsNamesTheRepositoryAndBothHalves() {
    assertThat(GcloudCommands.updateCredentials(REPO, "ci-reader", "projects/team-a/secrets/npm-token/versions/3"))
        .isEqualTo("gcloud artifacts repositories update npmjs-proxy --project=team-a --location=us-central1"
            + " --remote-username=ci-reader"
            + " --remote-password-secret-version=projects/team-a/secrets/npm-token/versions/3");
  }

  @Test
  void aHostileUsernameIsQuotedInTheCommand() {
    assertThat(GcloudCommands.updateCredentials(REPO, "ci$(curl evil)'x", GcloudCommands.REFERENCE))
        .contains(" --remote-username='ci$(curl evil)'\\''x' ")
        .endsWith(" --remote-password-secret-version=projects/PROJECT/secrets/SECRET/versions/VERSION");
  }

  @Test
  void grantSecretAccessOnTheSecretItself() {
    String agent = Field.agent("300000000001");
    assertThat(GcloudCommands.grantSecretAccess("team-a", "npm-token", agent, false))
        .isEqualTo("gcloud secrets add-iam-policy-binding npm-token --project=team-a --member=" + agent
            + " --role=roles/secretmanager.secretAccessor");
    assertThat(GcloudCommands.grantSecretAccess("team-a", "npm-token", agent, true))
        .endsWith(" --role=roles/secretmanager.secretAccessor --condition=None");
  }

  @Test
  void aSecretIdThatLooksLikeAFlagIsPassedAsAFullName() {
    assertThat(GcloudCommands.grantSecretAccess("team-a", "-token", "allUsers", false))
        .startsWith("gcloud secrets add-iam-policy-binding projects/team-a/secrets/-token --member=");
    assertThat(GcloudCommands.removeExpiration("team-a", "-token"))
        .isEqualTo("gcloud secrets update projects/team-a/secrets/-token --remove-expiration");
  }

  @Test
  void removeBindingWhereverThePolicySits() {
    String role = "roles/secretmanager.secretAccessor";
    assertThat(GcloudCommands.removeBinding("projects/300000000001/secrets/npm-token", "allUsers", role, false))
        .isEqualTo("gcloud secrets remove-iam-policy-binding npm-token --project=300000000001 --member=allUsers"
            + " --role=" + role);
    assertThat(GcloudCommands.removeBinding("projects/300000000001", "allUsers", role, false))
        .isEqualTo("gcloud projects remove-iam-policy-binding 300000000001 --member=allUsers --role=" + role);
    assertThat(GcloudCommands.removeBinding("folders/200000000001", "allUsers", role, true))
        .isEqualTo("gcloud resource-manager folders remove-iam-policy-binding 200000000001 --member=allUsers"
            + " --role=" + role + " --all");
    assertThat(GcloudCommands.removeBinding("organizations/100000000001", "allUsers", role, false))
        .isEqualTo("gcloud organizations remove-iam-policy-binding 100000000001 --member=allUsers --role=" + role);
    assertThatThrownBy(() -> GcloudCommands.removeBinding("billingAccounts/1", "allUsers", role, false))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void versionAndExpiryCommands() {
    assertThat(GcloudCommands.enableVersion("team-a", "npm-token", 3))
        .isEqualTo("gcloud secrets versions enable 3 --secret=npm-token --project=team-a");
    assertThat(GcloudCommands.removeExpiration("team-a", "npm-token"))
        .isEqualTo("gcloud secrets update npm-token --project=team-a --remove-expiration");
    assertThat(GcloudCommands.reference("team-a", "npm-token", 7)).isEqualTo("projects/team-a/secrets/npm-token/versions/7");
    assertThat(GcloudCommands.allOf(List.of("a", "b"))).isEqualTo("a && b");
  }
}
